import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { FEATURE_NAMES } from './features.js';
import { notAvailable, type Outcome, ok } from './outcome.js';

/**
 * The trained market-value regression (LightGBM, trained by models/market_value/train.py) served
 * with onnxruntime-node from `<modelsDir>/market_value/`. The model predicts the Box-Cox transform
 * of market capitalisation in 억원; the inverse, with the lambda stored in the metadata, runs here.
 */

export const MARKET_VALUE_ARTIFACT_DIR = 'market_value';

export interface MarketValueArtifactMetadata {
  modelVersion: string;
  dataset: string;
  trainingDataSha256: string;
  featureNames: string[];
  sectors: string[];
  boxCox: { lambda: number; unitKrw: number };
  input: { name: string };
  output: { name: string };
  metrics: Record<string, unknown>;
}

/** Inverse Box-Cox: (lambda z + 1)^(1 / lambda), or exp(z) for lambda 0. A non-positive base gives 0. */
export function inverseBoxCox(z: number, lambda: number): number {
  if (Math.abs(lambda) < 1e-12) return Math.exp(z);
  const base = lambda * z + 1;
  return base > 0 ? base ** (1 / lambda) : 0;
}

export class OnnxMarketValueModel {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly metadata: MarketValueArtifactMetadata,
  ) {}

  get id(): string {
    const { modelVersion, trainingDataSha256, dataset } = this.metadata;
    return `lightgbm-boxcox ${modelVersion}+${trainingDataSha256.slice(0, 12)} (${dataset} data)`;
  }

  /**
   * Loads `<modelsDir>/market_value/`. Returns "not available" with the reason when the artifact is
   * missing or its statement features differ from FEATURE_NAMES.
   */
  static async load(modelsDir: string): Promise<Outcome<{ model: OnnxMarketValueModel }>> {
    const dir = join(modelsDir, MARKET_VALUE_ARTIFACT_DIR);
    const modelPath = join(dir, 'market-value.onnx');
    const metadataPath = join(dir, 'market-value.json');
    if (!existsSync(modelPath) || !existsSync(metadataPath)) {
      return notAvailable(
        `no trained market-value model in ${dir} (market-value.onnx and market-value.json)`,
      );
    }
    const metadata = JSON.parse(readFileSync(metadataPath, 'utf8')) as MarketValueArtifactMetadata;
    const expected = [...FEATURE_NAMES, ...metadata.sectors.map((code) => `sector_${code}`)];
    if (JSON.stringify(metadata.featureNames) !== JSON.stringify(expected)) {
      return notAvailable(
        `the market-value model in ${dir} expects features ${JSON.stringify(metadata.featureNames)}, ` +
          `but this engine builds ${JSON.stringify(expected)}; export the data again and retrain with models/market_value/train.py`,
      );
    }
    const session = await ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'] });
    return ok({ model: new OnnxMarketValueModel(session, metadata) });
  }

  /** Runs the model on rows of featureNames values; returns the Box-Cox predictions. */
  async run(rows: readonly (readonly number[])[]): Promise<Float32Array> {
    const width = this.metadata.featureNames.length;
    const data = new Float32Array(rows.length * width);
    rows.forEach((row, i) => {
      if (row.length !== width)
        throw new RangeError(`Feature row ${i} has ${row.length} values; expected ${width}.`);
      data.set(row, i * width);
    });
    const tensor = new ort.Tensor('float32', data, [rows.length, width]);
    const result = await this.session.run({ [this.metadata.input.name]: tensor });
    return (result[this.metadata.output.name] as ort.Tensor).data as Float32Array;
  }

  /** Predicts market capitalisation in KRW from the statement features and the sector. */
  async predict(features: readonly number[], sector: string | null): Promise<number> {
    const row = [...features, ...this.metadata.sectors.map((code) => (code === sector ? 1 : 0))];
    const [z] = await this.run([row]);
    return inverseBoxCox(z as number, this.metadata.boxCox.lambda) * this.metadata.boxCox.unitKrw;
  }
}
