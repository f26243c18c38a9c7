import ort from 'onnxruntime-node';
import type { Logger } from '../../core/logger.js';
import type { NextVectorPredictor } from './next-vector.js';
import type { SasrecArtifact } from './sasrec-artifact.js';

export type OnnxProvider = 'cpu' | 'cuda';

/**
 * SASRec over a company's patent vectors, run with onnxruntime-node. The model reads at most the
 * artifact's `maxLength` patents: longer sequences are cut to the latest ones, which is also how
 * the model was trained.
 */
export class SasrecOnnxPredictor implements NextVectorPredictor {
  readonly id = 'sasrec';
  readonly isFallback = false;
  readonly version: string;

  private constructor(
    private readonly session: ort.InferenceSession,
    readonly artifact: SasrecArtifact,
    /** The execution provider the session runs on, after any fallback from CUDA. */
    readonly provider: OnnxProvider,
  ) {
    this.version = `${artifact.metadata.modelVersion}+${artifact.metadata.trainingDataSha256.slice(0, 12)}`;
  }

  /**
   * Opens an inference session on `provider`. When CUDA is requested but the installed
   * onnxruntime-node cannot start it, logs a warning and opens the session on the CPU instead.
   */
  static async load(
    artifact: SasrecArtifact,
    provider: OnnxProvider,
    logger: Logger,
  ): Promise<SasrecOnnxPredictor> {
    if (provider === 'cuda') {
      try {
        const session = await ort.InferenceSession.create(artifact.modelPath, {
          executionProviders: ['cuda'],
        });
        return new SasrecOnnxPredictor(session, artifact, 'cuda');
      } catch (error) {
        logger.warn(
          { err: error, model: artifact.modelPath },
          'CUDA execution provider unavailable for SASRec: running it on the CPU',
        );
      }
    }
    const session = await ort.InferenceSession.create(artifact.modelPath, { executionProviders: ['cpu'] });
    return new SasrecOnnxPredictor(session, artifact, 'cpu');
  }

  get maxLength(): number {
    return this.artifact.metadata.maxLength;
  }

  async predict(sequence: readonly Float32Array[]): Promise<Float32Array> {
    if (sequence.length === 0) throw new Error('Cannot predict from an empty patent sequence');
    const { dimension, input, output } = this.artifact.metadata;
    const recent = sequence.slice(-this.maxLength);
    const data = new Float32Array(recent.length * dimension);
    recent.forEach((vector, i) => {
      if (vector.length !== dimension) {
        throw new RangeError(
          `Patent vector ${i} has dimension ${vector.length}; the SASRec model expects ${dimension}.`,
        );
      }
      data.set(vector, i * dimension);
    });
    const feeds = { [input.name]: new ort.Tensor('float32', data, [1, recent.length, dimension]) };
    const results = await this.session.run(feeds);
    const result = results[output.name];
    if (!result) throw new Error(`The SASRec model returned no output named ${output.name}.`);
    return Float32Array.from(result.data as Float32Array);
  }

  /** Frees the native session. */
  async close(): Promise<void> {
    await this.session.release();
  }
}
