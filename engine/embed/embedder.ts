/**
 * A text embedder. The default is TF-IDF over character n-grams reduced by truncated SVD. A
 * transformer encoder (for example KoSimCSE exported to ONNX) can replace it behind this interface.
 */
export interface Embedder {
  /**
   * Identifier of the vector space. Vectors are comparable only within one space, so every stored
   * index records the space id of the embedder that filled it.
   */
  readonly spaceId: string;
  /** Length of every output vector. */
  readonly dimension: number;
  /**
   * Embeds each text as an L2-normalised vector of length `dimension`. A text with no known feature
   * (empty, or made only of words and characters the model never saw) gets an all-zero vector, which
   * has no direction and so no meaningful cosine similarity to anything. An embedder that runs a
   * model asynchronously (onnxruntime-node) returns a Promise, so callers `await` the result.
   */
  embed(texts: readonly string[]): Float32Array[] | Promise<Float32Array[]>;
}
