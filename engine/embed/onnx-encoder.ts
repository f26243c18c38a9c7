import ort from 'onnxruntime-node';
import { ExitError } from '../../core/errors.js';
import type { Embedder } from './embedder.js';
import { HfTokenizer } from './hf-tokenizer.js';
import {
  type EncoderMetadata,
  encoderMetadataSchema,
  hashModel,
  readTextModelMetadata,
  requireModelFile,
  TEXT_MODEL_FILES,
} from './text-model-artifact.js';

export type Pooling = 'mean' | 'cls';

export interface OnnxEncoderOptions {
  /** Pooling of the token states; defaults to the one recorded at export. */
  pooling?: Pooling;
  /** Texts per onnxruntime call. Each batch is padded to its longest text. */
  batchSize?: number;
  /** Threads onnxruntime may use inside one call; 0 lets it choose. */
  threads?: number;
}

/**
 * A transformer sentence encoder (for example KoSimCSE-RoBERTa) exported by
 * models/text/export_local.py and run with onnxruntime-node. Each text is tokenised with the
 * model's tokenizer.json, cut to the exported maximum length, and pooled from last_hidden_state
 * by the attention-masked mean or the first ([CLS]) token, then L2-normalised. The space id hashes
 * the ONNX file, the tokenizer, the pooling and the dimension, so an index built with another
 * model or pooling is rejected when loaded.
 */
export class OnnxEncoderEmbedder implements Embedder {
  readonly spaceId: string;
  readonly dimension: number;
  readonly pooling: Pooling;

  private constructor(
    private readonly session: ort.InferenceSession,
    readonly tokenizer: HfTokenizer,
    readonly metadata: EncoderMetadata,
    pooling: Pooling,
    spaceId: string,
    private readonly batchSize: number,
  ) {
    this.pooling = pooling;
    this.dimension = metadata.hiddenSize;
    this.spaceId = spaceId;
  }

  /**
   * Opens the model folder and checks, with one probe text, that the model's output width equals
   * the recorded hidden size. Throws INDEX_MISSING for a missing file and INDEX_MISMATCH for a
   * folder that is not a valid encoder export.
   */
  static async load(directory: string, options: OnnxEncoderOptions = {}): Promise<OnnxEncoderEmbedder> {
    const metadata = readTextModelMetadata(directory, encoderMetadataSchema, 'encoder');
    const tokenizerPath = requireModelFile(directory, TEXT_MODEL_FILES.tokenizer);
    const modelPath = requireModelFile(directory, TEXT_MODEL_FILES.encoder);
    const pooling = options.pooling ?? metadata.pooling;
    const batchSize = options.batchSize ?? 32;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    }
    const tokenizer = HfTokenizer.fromFile(tokenizerPath);
    const session = await ort.InferenceSession.create(modelPath, {
      executionProviders: ['cpu'],
      intraOpNumThreads: options.threads ?? 0,
    });
    for (const name of ['input_ids', 'attention_mask']) {
      if (!session.inputNames.includes(name)) {
        throw new ExitError(
          'INDEX_MISMATCH',
          `${modelPath} has no input ${name} (inputs: ${session.inputNames.join(', ')}); export it with models/text/export_local.py.`,
        );
      }
    }
    const spaceId = hashModel(
      [modelPath, tokenizerPath],
      [pooling, String(metadata.hiddenSize), String(metadata.maxLength)],
    );
    const embedder = new OnnxEncoderEmbedder(session, tokenizer, metadata, pooling, spaceId, batchSize);
    const width = (await embedder.runBatch([tokenizer.encode('probe')])).hiddenSize;
    if (width !== metadata.hiddenSize) {
      throw new ExitError(
        'INDEX_MISMATCH',
        `${modelPath} outputs ${width}-wide states but its metadata records hiddenSize ${metadata.hiddenSize}; export the model again.`,
      );
    }
    return embedder;
  }

  /**
   * Embeds each text. Blank texts get the all-zero vector, as with the TF-IDF embedder, because
   * they carry no content to compare.
   */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const output: Float32Array[] = texts.map(() => new Float32Array(this.dimension));
    const pending: { index: number; ids: number[] }[] = [];
    texts.forEach((text, index) => {
      if (text.trim()) pending.push({ index, ids: this.tokenizer.encode(text) });
    });
    for (let start = 0; start < pending.length; start += this.batchSize) {
      const batch = pending.slice(start, start + this.batchSize);
      const vectors = await this.embedIds(batch.map((item) => item.ids));
      batch.forEach((item, i) => {
        output[item.index] = vectors[i] as Float32Array;
      });
    }
    return output;
  }

  /** Embeds already tokenised rows, padding them to the longest row. */
  async embedIds(rows: readonly number[][]): Promise<Float32Array[]> {
    const { states, hiddenSize, width, mask } = await this.runBatch(rows);
    return rows.map((_, row) => this.poolRow(states, mask, row, width, hiddenSize));
  }

  private async runBatch(rows: readonly number[][]) {
    const width = Math.max(...rows.map((row) => row.length));
    const ids = new BigInt64Array(rows.length * width).fill(BigInt(this.metadata.padTokenId));
    const mask = new BigInt64Array(rows.length * width);
    rows.forEach((row, r) => {
      row.forEach((id, t) => {
        ids[r * width + t] = BigInt(id);
        mask[r * width + t] = 1n;
      });
    });
    const shape = [rows.length, width];
    const result = await this.session.run({
      input_ids: new ort.Tensor('int64', ids, shape),
      attention_mask: new ort.Tensor('int64', mask, shape),
    });
    const tensor = result.last_hidden_state ?? Object.values(result)[0];
    if (tensor === undefined || tensor.dims.length !== 3) {
      throw new ExitError(
        'INDEX_MISMATCH',
        'The encoder returned no [batch, sequence, hidden] output; export it again.',
      );
    }
    return { states: tensor.data as Float32Array, hiddenSize: Number(tensor.dims[2]), width, mask };
  }

  private poolRow(
    states: Float32Array,
    mask: BigInt64Array,
    row: number,
    width: number,
    hidden: number,
  ): Float32Array {
    const sum = new Float64Array(hidden);
    if (this.pooling === 'cls') {
      const base = row * width * hidden;
      for (let d = 0; d < hidden; d += 1) sum[d] = states[base + d] as number;
    } else {
      let count = 0;
      for (let t = 0; t < width; t += 1) {
        if (mask[row * width + t] === 0n) continue;
        count += 1;
        const base = (row * width + t) * hidden;
        for (let d = 0; d < hidden; d += 1) sum[d] = (sum[d] as number) + (states[base + d] as number);
      }
      for (let d = 0; d < hidden; d += 1) sum[d] = (sum[d] as number) / Math.max(count, 1);
    }
    let norm = 0;
    for (let d = 0; d < hidden; d += 1) norm += (sum[d] as number) ** 2;
    const vector = new Float32Array(hidden);
    if (norm === 0) return vector;
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < hidden; d += 1) vector[d] = (sum[d] as number) * scale;
    return vector;
  }
}

/**
 * Throws INDEX_MISMATCH, saying to rebuild the index, when `embedder` is not the one the index
 * was built with.
 */
export function assertEmbedderMatchesIndex(
  embedder: { spaceId: string; dimension: number },
  index: { spaceId: string; dimension: number },
  where: string,
): void {
  if (embedder.dimension !== index.dimension || embedder.spaceId !== index.spaceId) {
    throw new ExitError(
      'INDEX_MISMATCH',
      `The embedder (space ${embedder.spaceId}, ${embedder.dimension} dimensions) does not match the index in ${where} ` +
        `(space ${index.spaceId}, ${index.dimension} dimensions). Run \`exitbot index build\` to rebuild the index with this embedder.`,
      { expectedSpaceId: index.spaceId, actualSpaceId: embedder.spaceId },
    );
  }
}
