import ort from 'onnxruntime-node';
import { ExitError } from '../../core/errors.js';
import { HfTokenizer } from '../embed/hf-tokenizer.js';
import {
  hashModel,
  readTextModelMetadata,
  requireModelFile,
  type Seq2SeqMetadata,
  seq2seqMetadataSchema,
  TEXT_MODEL_FILES,
} from '../embed/text-model-artifact.js';
import { type DecodeOptions, decode } from './beam-search.js';
import type { Summarizer } from './summarizer.js';

const DEFAULT_DECODING: DecodeOptions = {
  maxNewTokens: 64,
  numBeams: 4,
  lengthPenalty: 1,
  noRepeatNgramSize: 3,
};

/**
 * An abstractive summariser: a BART-family encoder-decoder exported by models/text/export_local.py
 * and run with onnxruntime-node, decoding greedily (numBeams 1) or by beam search. The decoder
 * has no key-value cache, so each step runs it on the whole prefix, and a summary of n tokens
 * costs about n² / 2 decoder positions.
 */
export class OnnxSeq2SeqSummarizer implements Summarizer {
  readonly id: string;
  readonly decoding: DecodeOptions;

  private constructor(
    private readonly encoder: ort.InferenceSession,
    private readonly decoder: ort.InferenceSession,
    readonly tokenizer: HfTokenizer,
    readonly metadata: Seq2SeqMetadata,
    decoding: DecodeOptions,
    modelHash: string,
  ) {
    this.decoding = decoding;
    const { maxNewTokens, numBeams, lengthPenalty, noRepeatNgramSize } = decoding;
    this.id = `onnx-seq2seq/${modelHash}/beams${numBeams}-max${maxNewTokens}-lp${lengthPenalty}-ngram${noRepeatNgramSize}`;
  }

  /** Opens the model folder; throws INDEX_MISSING or INDEX_MISMATCH naming the file at fault. */
  static async load(
    directory: string,
    decoding: Partial<DecodeOptions> = {},
    threads = 0,
  ): Promise<OnnxSeq2SeqSummarizer> {
    const metadata = readTextModelMetadata(directory, seq2seqMetadataSchema, 'seq2seq');
    const tokenizerPath = requireModelFile(directory, TEXT_MODEL_FILES.tokenizer);
    const encoderPath = requireModelFile(directory, TEXT_MODEL_FILES.encoder);
    const decoderPath = requireModelFile(directory, TEXT_MODEL_FILES.decoder);
    const options = { executionProviders: ['cpu'], intraOpNumThreads: threads };
    const encoder = await ort.InferenceSession.create(encoderPath, options);
    const decoder = await ort.InferenceSession.create(decoderPath, options);
    for (const name of ['input_ids', 'encoder_hidden_states', 'encoder_attention_mask']) {
      if (!decoder.inputNames.includes(name)) {
        throw new ExitError(
          'INDEX_MISMATCH',
          `${decoderPath} has no input ${name} (inputs: ${decoder.inputNames.join(', ')}); export it with models/text/export_local.py.`,
        );
      }
    }
    const modelHash = hashModel([encoderPath, decoderPath, tokenizerPath], []);
    const tokenizer = HfTokenizer.fromFile(tokenizerPath);
    return new OnnxSeq2SeqSummarizer(
      encoder,
      decoder,
      tokenizer,
      metadata,
      { ...DEFAULT_DECODING, ...decoding },
      modelHash,
    );
  }

  async summarize(text: string): Promise<string> {
    if (!text.trim()) return '';
    const ids = await this.generate(this.tokenizer.encode(text, this.metadata.maxLength));
    return this.tokenizer.decode(ids).trim();
  }

  /** Decodes from already tokenised input; returns the generated ids without start and end tokens. */
  async generate(inputIds: readonly number[], decoding: Partial<DecodeOptions> = {}): Promise<number[]> {
    const source = new BigInt64Array(inputIds.map((id) => BigInt(id)));
    const mask = new BigInt64Array(inputIds.length).fill(1n);
    const encoded = await this.encoder.run({
      input_ids: new ort.Tensor('int64', source, [1, inputIds.length]),
      attention_mask: new ort.Tensor('int64', mask, [1, inputIds.length]),
    });
    const states = (encoded.last_hidden_state ?? Object.values(encoded)[0]) as ort.Tensor;
    const hidden = Number(states.dims[2]);
    const stateData = states.data as Float32Array;
    const next = async (prefixes: readonly number[][]): Promise<Float64Array[]> => {
      const count = prefixes.length;
      const length = (prefixes[0] as number[]).length;
      const ids = new BigInt64Array(count * length);
      prefixes.forEach((prefix, row) => {
        prefix.forEach((id, t) => {
          ids[row * length + t] = BigInt(id);
        });
      });
      const repeatedStates = new Float32Array(count * stateData.length);
      const repeatedMask = new BigInt64Array(count * inputIds.length).fill(1n);
      for (let row = 0; row < count; row += 1) repeatedStates.set(stateData, row * stateData.length);
      const result = await this.decoder.run({
        input_ids: new ort.Tensor('int64', ids, [count, length]),
        encoder_hidden_states: new ort.Tensor('float32', repeatedStates, [count, inputIds.length, hidden]),
        encoder_attention_mask: new ort.Tensor('int64', repeatedMask, [count, inputIds.length]),
      });
      const logits = (result.logits ?? Object.values(result)[0]) as ort.Tensor;
      const vocabulary = Number(logits.dims[2]);
      const data = logits.data as Float32Array;
      return prefixes.map((_, row) => logSoftmax(data, (row * length + length - 1) * vocabulary, vocabulary));
    };
    const { eosTokenId, decoderStartTokenId, forcedBosTokenId } = this.metadata;
    const tokens = { startId: decoderStartTokenId, endId: eosTokenId, forcedFirstId: forcedBosTokenId };
    return decode(next, tokens, { ...this.decoding, ...decoding });
  }
}

function logSoftmax(data: Float32Array, offset: number, size: number): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < size; i += 1) max = Math.max(max, data[offset + i] as number);
  let sum = 0;
  for (let i = 0; i < size; i += 1) sum += Math.exp((data[offset + i] as number) - max);
  const logSum = Math.log(sum);
  const output = new Float64Array(size);
  for (let i = 0; i < size; i += 1) output[i] = (data[offset + i] as number) - max - logSum;
  return output;
}
