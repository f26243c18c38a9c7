import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { GROWTH_ITEMS, type GrowthItem } from './growth.js';
import {
  GROWTH_FEATURE_SCHEMA,
  GROWTH_INPUT_ITEMS,
  GROWTH_INPUT_STEPS,
  growthInput,
} from './growth-inputs.js';
import { notAvailable, type Outcome, ok } from './outcome.js';
import type { FiscalYear } from './statements.js';

/**
 * The trained growth model (an RNN or LSTM trained by models/growth/train.py) served with
 * onnxruntime-node from `<modelsDir>/growth/`. It predicts next year's symmetric growth of each
 * growth item from the company's last three years of growth.
 */

export const GROWTH_ARTIFACT_DIR = 'growth';

export interface GrowthArtifactMetadata {
  modelVersion: string;
  cell: string;
  dataset: string;
  trainingDataSha256: string;
  featureSchema: string;
  items: string[];
  steps: number;
  input: { name: string };
  output: { name: string };
  metrics: Record<string, unknown>;
}

export class OnnxGrowthModel {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly metadata: GrowthArtifactMetadata,
  ) {}

  /** Model id for breakdowns and logs: cell, version and the first characters of the data hash. */
  get id(): string {
    const { cell, modelVersion, trainingDataSha256, dataset } = this.metadata;
    return `${cell} ${modelVersion}+${trainingDataSha256.slice(0, 12)} (${dataset} data)`;
  }

  /**
   * Loads `<modelsDir>/growth/`. Returns "not available" with the reason when the artifact is
   * missing or its feature schema differs from the inputs this engine builds.
   */
  static async load(modelsDir: string): Promise<Outcome<{ model: OnnxGrowthModel }>> {
    const dir = join(modelsDir, GROWTH_ARTIFACT_DIR);
    const modelPath = join(dir, 'growth.onnx');
    const metadataPath = join(dir, 'growth.json');
    if (!existsSync(modelPath) || !existsSync(metadataPath)) {
      return notAvailable(`no trained growth model in ${dir} (growth.onnx and growth.json)`);
    }
    const metadata = JSON.parse(readFileSync(metadataPath, 'utf8')) as GrowthArtifactMetadata;
    const mismatch = schemaMismatch(metadata);
    if (mismatch) {
      return notAvailable(
        `the growth model in ${dir} does not match this engine (${mismatch}); retrain it with models/growth/train.py`,
      );
    }
    const session = await ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'] });
    return ok({ model: new OnnxGrowthModel(session, metadata) });
  }

  /** Runs the model on a prepared input of GROWTH_INPUT_STEPS x (2 x items) values. */
  async run(values: Float32Array): Promise<Float32Array> {
    const width = 2 * GROWTH_ITEMS.length;
    const tensor = new ort.Tensor('float32', values, [
      values.length / (GROWTH_INPUT_STEPS * width),
      GROWTH_INPUT_STEPS,
      width,
    ]);
    const result = await this.session.run({ [this.metadata.input.name]: tensor });
    return (result[this.metadata.output.name] as ort.Tensor).data as Float32Array;
  }

  /** Predicts next year's symmetric growth per item; not available without two consecutive fiscal years. */
  async predict(years: readonly FiscalYear[]): Promise<Outcome<Record<GrowthItem, number>>> {
    const input = growthInput(years);
    if (input.observedSteps === 0) {
      return notAvailable('the growth model needs two fiscal years twelve months apart');
    }
    const output = await this.run(input.values);
    const growth = {} as Record<GrowthItem, number>;
    GROWTH_ITEMS.forEach((item, j) => {
      growth[item] = output[j] as number;
    });
    return ok(growth);
  }
}

function schemaMismatch(metadata: GrowthArtifactMetadata): string | null {
  if (metadata.featureSchema !== GROWTH_FEATURE_SCHEMA) {
    return `feature schema ${metadata.featureSchema}, expected ${GROWTH_FEATURE_SCHEMA}`;
  }
  if (metadata.steps !== GROWTH_INPUT_STEPS) return `${metadata.steps} steps, expected ${GROWTH_INPUT_STEPS}`;
  if (JSON.stringify(metadata.items) !== JSON.stringify(GROWTH_INPUT_ITEMS)) {
    return `items ${JSON.stringify(metadata.items)}, expected ${JSON.stringify(GROWTH_INPUT_ITEMS)}`;
  }
  return null;
}
