import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../data/store/connect.js';
import type { RecommendOptions } from './deadline.js';
import type { Embedder } from './embed/embedder.js';
import {
  type IndexManifest,
  indexDir,
  PATENT_INDEX_NAME,
  PROFILE_INDEX_NAME,
  readManifest,
} from './indexing/artifacts.js';
import { loadIndexEmbedder } from './indexing/text-models.js';
import type { NextVectorPredictor } from './predict/next-vector.js';
import { defaultModelsDir } from './predict/sasrec-artifact.js';
import { selectNextVectorPredictor } from './predict/select-predictor.js';
import { recommend } from './recommend.js';
import { VectorIndex } from './retrieve/vector-index.js';
import type { RecommendRequest, RecommendResult } from './types.js';
import { modelFor, validOptions } from './value/value-company.js';

/** Everything a recommendation reads, loaded once and shared by every request. */
export interface EngineContext {
  store: Store;
  config: Config;
  logger: Logger;
  manifest: IndexManifest;
  embedder: Embedder;
  patentIndex: VectorIndex;
  profileIndex: VectorIndex;
  predictor: NextVectorPredictor;
}

/**
 * The recommendation engine: loads the index and models built by `exitbot index build` and serves
 * requests from them and the store. Loading fails with INDEX_MISSING or INDEX_MISMATCH, naming the
 * file and saying how to rebuild, instead of answering from a partial index.
 */
export class Engine {
  private constructor(readonly context: EngineContext) {}

  static async open(store: Store, config: Config, logger: Logger): Promise<Engine> {
    const dir = indexDir(config.dataDir);
    const manifest = readManifest(dir);
    const embedder = await loadIndexEmbedder(dir, manifest);
    const expected = { expectedSpaceId: manifest.spaceId, expectedDimension: manifest.dimension };
    const patentIndex = VectorIndex.load(dir, PATENT_INDEX_NAME, expected);
    const profileIndex = VectorIndex.load(dir, PROFILE_INDEX_NAME, expected);
    const predictor = await selectNextVectorPredictor({
      modelsDir: config.modelsDir ?? defaultModelsDir(),
      provider: config.onnxProvider,
      index: { spaceId: manifest.spaceId, dimension: manifest.dimension },
      logger,
    });
    logger.info(
      {
        dir,
        spaceId: manifest.spaceId,
        patents: patentIndex.size,
        profiles: profileIndex.size,
        predictor: predictor.id,
      },
      'Engine loaded',
    );
    return new Engine({ store, config, logger, manifest, embedder, patentIndex, profileIndex, predictor });
  }

  /**
   * Runs one search. With `options.deadlineMs`, the search stops with REQUEST_TIMEOUT at the first
   * check after the deadline: between stages, between widening rounds and between the companies
   * it values.
   */
  recommend(request: RecommendRequest, options?: RecommendOptions): Promise<RecommendResult> {
    return recommend(this.context, request, options);
  }

  /**
   * Fits the valuation model on the listed companies now, so that the first request does not pay
   * for it. Long-running servers call this at start-up to stay inside the chat platforms' windows.
   */
  async warmUp(): Promise<void> {
    const started = performance.now();
    await modelFor(this.context, validOptions({}));
    this.context.logger.info({ ms: Math.round(performance.now() - started) }, 'Valuation model ready');
  }
}
