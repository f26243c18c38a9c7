/**
 * A patent-text summariser. The default is extractive. A trained abstractive model (for example a
 * KoBART export run through onnxruntime-node) can replace it behind this interface.
 */
export interface Summarizer {
  /** Identifier of the method and its version, stored next to every summary it produced. */
  readonly id: string;
  /**
   * Returns the summary of `text`, or '' for empty input. A summariser that runs a model
   * asynchronously (onnxruntime-node) returns a Promise, so callers `await` the result.
   */
  summarize(text: string): string | Promise<string>;
}
