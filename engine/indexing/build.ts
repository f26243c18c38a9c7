import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../../core/logger.js';
import { companiesWithProfileText } from '../../data/store/company-queries.js';
import type { Store } from '../../data/store/connect.js';
import { countPatents, patentBatch } from '../../data/store/patent-queries.js';
import type { Embedder } from '../embed/embedder.js';
import type { OnnxEncoderEmbedder } from '../embed/onnx-encoder.js';
import { TfidfSvdEmbedder } from '../embed/tfidf-svd.js';
import { profileText } from '../represent/profile-text.js';
import { VectorIndex } from '../retrieve/vector-index.js';
import {
  EMBEDDER_DIR,
  type IndexManifest,
  indexDir,
  MANIFEST_FORMAT_VERSION,
  manifestPath,
  PATENT_INDEX_NAME,
  PROFILE_INDEX_NAME,
  patentText,
} from './artifacts.js';
import {
  type BuildKey,
  type BuildState,
  hashIds,
  newBuildState,
  readBuildState,
  removeBuildState,
  writeBuildState,
} from './build-state.js';
import { BATCH, collectFitCorpus, countPatentsThrough, maxPatentId, summarizePatents } from './corpus.js';
import {
  type EmbedderChoice,
  installOnnxEmbedder,
  ONNX_ENCODER_ID,
  openSummarizer,
  type SummarizerChoice,
} from './text-models.js';

export interface BuildOptions {
  dataDir: string;
  dimension: number;
  seed?: number;
  /** Documents sampled to fit the embedder; the rest are only transformed. */
  fitSampleSize?: number;
  logger: Logger;
  onProgress?: (stage: string, done: number, total: number) => void;
  /**
   * Patents left out of the fit corpus and the patent index, for example the co-owned patents of
   * held-out partner pairs in an offline evaluation. Their rows stay in the store.
   */
  excludePatentIds?: ReadonlySet<number>;
  /** 'all' (default) rewrites every summary; 'missing' writes only absent ones, leaving the rest. */
  summarize?: 'all' | 'missing';
  /**
   * Milliseconds between saves of the partly built patent index to the staging folder (default two
   * minutes). A re-run after an interruption loads the last save and continues after it.
   */
  checkpointEveryMs?: number;
  /** Patents embedded per batch (default 2,000); a checkpoint is saved only between batches. */
  batchSize?: number;
  /**
   * A saved embedder folder to use instead of fitting a new one, so that the index shares an
   * existing embedding space and models trained in that space (SASRec) apply to it.
   */
  embedderDir?: string;
  /** Default: a TF-IDF/SVD embedder fitted on the corpus. An ONNX encoder is copied into the index. */
  embedder?: EmbedderChoice;
  /** Default: the extractive summariser. */
  summarizer?: SummarizerChoice;
}

const DEFAULT_CHECKPOINT_MS = 120_000;

/**
 * Prepares the staging folder: continues a matching interrupted build there, or starts a new one.
 * The folder name has no process id, so the next run finds it.
 */
function openStaging(target: string, key: BuildKey, logger: Logger): { staging: string; state: BuildState } {
  const staging = `${target}.building`;
  const resumed = readBuildState(staging, key);
  if (resumed) {
    logger.info({ staging, stage: resumed.stage }, 'Resuming an interrupted index build');
    return { staging, state: resumed };
  }
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const state = newBuildState(key);
  writeBuildState(staging, state);
  return { staging, state };
}

/** Loads the patent index saved at the last checkpoint, or null when there is none or it is unreadable. */
function loadPartialIndex(staging: string, embedder: Embedder, logger: Logger): VectorIndex | null {
  try {
    return VectorIndex.load(staging, PATENT_INDEX_NAME, {
      expectedSpaceId: embedder.spaceId,
      expectedDimension: embedder.dimension,
    });
  } catch (error) {
    logger.warn({ err: error }, 'The saved partial patent index is unreadable; embedding all patents again');
    return null;
  }
}

/**
 * Rebuilds everything search needs from the store: patent summaries, the embedder (fitted on the
 * corpus), the patent index and the company-profile index. Works in a staging folder beside the
 * index and renames it into place at the end. Summaries commit per batch and the patent index is
 * saved every `checkpointEveryMs`, with the progress in the staging folder's build-state.json, so
 * a re-run after an interruption continues instead of starting over (see build-state.ts).
 */
export async function buildIndex(store: Store, options: BuildOptions): Promise<IndexManifest> {
  const { logger } = options;
  const progress = options.onProgress ?? (() => {});
  const excluded = options.excludePatentIds;
  const target = indexDir(options.dataDir);
  const key: BuildKey = {
    store: store.location,
    dimension: options.dimension,
    seed: options.seed ?? 42,
    fitSampleSize: options.fitSampleSize ?? 30_000,
    summarize: options.summarize ?? 'all',
    patentCount: await countPatents(store.db),
    maxPatentId: await maxPatentId(store),
    excludedHash: hashIds(excluded),
    embedderDir: options.embedderDir ?? '',
    textModels: JSON.stringify([
      options.embedder ?? { kind: 'tfidf-svd' },
      options.summarizer ?? { kind: 'extractive' },
    ]),
  };
  const { staging, state } = openStaging(target, key, logger);
  const save = () => writeBuildState(staging, state);

  const summarizer = await openSummarizer(options.summarizer);
  if (state.stage === 'summarise') {
    const summarized = await summarizePatents(store, summarizer, {
      force: key.summarize === 'all',
      afterId: state.summarizedThroughId,
      onBatch: (lastId) => {
        state.summarizedThroughId = lastId;
        save();
      },
      onProgress: (done, total) => progress('summarise', done, total),
    });
    logger.info({ summarized }, 'Summarised patents');
    state.stage = 'fit';
    save();
  }

  const onnxChoice = options.embedder?.kind === 'onnx' ? options.embedder : null;
  let embedder: Embedder;
  if (onnxChoice) {
    if (options.embedderDir) {
      throw new Error(
        'An index build takes either an ONNX embedder or a saved TF-IDF embedder folder, not both.',
      );
    }
    // The model is copied again on a resumed build: it is small, and the copy is what the index keeps.
    embedder = await installOnnxEmbedder(onnxChoice, join(staging, EMBEDDER_DIR));
    if (state.stage === 'fit') {
      logger.info({ spaceId: embedder.spaceId, from: onnxChoice.dir }, 'Using an ONNX encoder');
      state.stage = 'embed';
      state.embeddedThroughId = 0;
      save();
    }
  } else if (state.stage === 'fit' && options.embedderDir) {
    const reused = TfidfSvdEmbedder.load(options.embedderDir);
    reused.save(join(staging, EMBEDDER_DIR));
    embedder = reused;
    logger.info({ spaceId: embedder.spaceId, from: options.embedderDir }, 'Reusing a fitted embedder');
    state.stage = 'embed';
    state.embeddedThroughId = 0;
    save();
  } else if (state.stage === 'fit') {
    progress('fit embedder', 0, 1);
    const corpus = await collectFitCorpus(store, key.fitSampleSize, excluded);
    if (corpus.length === 0) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(
        'The store has no patents and no company profiles to index. Import data first with `exitbot import <folder>`.',
      );
    }
    const fitted = TfidfSvdEmbedder.fit(corpus, {
      dimension: options.dimension,
      maxFeatures: 40_000,
      minDocFreq: 2,
      seed: key.seed,
    });
    fitted.save(join(staging, EMBEDDER_DIR));
    embedder = fitted;
    logger.info(
      { spaceId: embedder.spaceId, dimension: embedder.dimension, fitDocuments: corpus.length },
      'Fitted embedder',
    );
    state.stage = 'embed';
    state.embeddedThroughId = 0;
    save();
    progress('fit embedder', 1, 1);
  } else {
    embedder = TfidfSvdEmbedder.load(join(staging, EMBEDDER_DIR));
  }

  const patents =
    (state.embeddedThroughId > 0 ? loadPartialIndex(staging, embedder, logger) : null) ??
    VectorIndex.create({
      dimension: embedder.dimension,
      spaceId: embedder.spaceId,
      capacity: Math.max(key.patentCount - (excluded?.size ?? 0), 16),
    });
  if (patents.size === 0 && state.embeddedThroughId > 0) {
    // The saved partial index was unreadable: embed every patent again.
    state.embeddedThroughId = 0;
    state.stage = 'embed';
  }
  if (state.stage === 'embed') {
    await embedPatents(store, { embedder, patents, state, staging, excluded, options, save });
    state.stage = 'profiles';
    save();
  }

  const profiles = VectorIndex.create({
    dimension: embedder.dimension,
    spaceId: embedder.spaceId,
    capacity: 1024,
  });
  let afterId = 0;
  for (;;) {
    const companies = await companiesWithProfileText(store.db, afterId, BATCH);
    if (companies.length === 0) break;
    afterId = (companies[companies.length - 1] as { id: number }).id;
    const texts = companies.map(profileText);
    const keep = texts
      .map((text, i) => ({ text, id: (companies[i] as { id: number }).id }))
      .filter((item) => item.text);
    profiles.addBatch(
      keep.map((item) => item.id),
      await embedder.embed(keep.map((item) => item.text)),
    );
    progress('embed profiles', profiles.size, profiles.size);
  }
  profiles.save(staging, PROFILE_INDEX_NAME);

  const manifest: IndexManifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    builtAt: new Date().toISOString(),
    spaceId: embedder.spaceId,
    dimension: embedder.dimension,
    embedder: onnxChoice
      ? { id: ONNX_ENCODER_ID, version: embedder.spaceId, pooling: (embedder as OnnxEncoderEmbedder).pooling }
      : { id: 'tfidf-svd', version: embedder.spaceId },
    summarizer: { id: summarizer.id },
    patents: { count: patents.size },
    profiles: { count: profiles.size },
    store: store.location,
  };
  removeBuildState(staging);
  // The manifest is written last: a folder without one is never loaded.
  writeFileSync(manifestPath(staging), `${JSON.stringify(manifest, null, 2)}\n`);
  swapInto(staging, target);
  logger.info(
    { dir: target, patents: manifest.patents.count, profiles: manifest.profiles.count },
    'Index built',
  );
  return manifest;
}

/** Embeds patents after `state.embeddedThroughId` into `patents`, saving a checkpoint now and then. */
async function embedPatents(
  store: Store,
  work: {
    embedder: Embedder;
    patents: VectorIndex;
    state: BuildState;
    staging: string;
    excluded: ReadonlySet<number> | undefined;
    options: BuildOptions;
    save: () => void;
  },
): Promise<void> {
  const { embedder, patents, state, staging, excluded, options } = work;
  const every = options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_MS;
  const total = await countPatents(store.db);
  let afterId = state.embeddedThroughId;
  let done = afterId > 0 ? await countPatentsThrough(store, afterId) : 0;
  let lastCheckpoint = performance.now();
  for (;;) {
    const batch = await patentBatch(store.db, afterId, options.batchSize ?? BATCH);
    if (batch.length === 0) break;
    afterId = (batch[batch.length - 1] as { id: number }).id;
    const indexed = excluded ? batch.filter((patent) => !excluded.has(patent.id)) : batch;
    if (indexed.length > 0) {
      patents.addBatch(
        indexed.map((patent) => patent.id),
        await embedder.embed(indexed.map(patentText)),
      );
    }
    done += batch.length;
    options.onProgress?.('embed patents', done, total);
    if (performance.now() - lastCheckpoint >= every) {
      // The index is saved before the state records it: after a kill in between, the patents since
      // the recorded id are embedded again, which replaces their vectors with the same ones.
      patents.save(staging, PATENT_INDEX_NAME);
      state.embeddedThroughId = afterId;
      work.save();
      lastCheckpoint = performance.now();
      options.logger.info(
        { embeddedThroughId: afterId, patents: patents.size },
        'Index build checkpoint saved',
      );
    }
  }
  patents.save(staging, PATENT_INDEX_NAME);
  state.embeddedThroughId = afterId;
}

function swapInto(staging: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
}
