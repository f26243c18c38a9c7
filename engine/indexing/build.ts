import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../../core/logger.js';
import { companiesWithProfileText } from '../../data/store/company-queries.js';
import type { Store } from '../../data/store/connect.js';
import { countPatents, patentBatch } from '../../data/store/patent-queries.js';
import { TfidfSvdEmbedder } from '../embed/tfidf-svd.js';
import { profileText } from '../represent/profile-text.js';
import { VectorIndex } from '../retrieve/vector-index.js';
import { ExtractiveSummarizer } from '../summarize/extractive.js';
import type { Summarizer } from '../summarize/summarizer.js';
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

export interface BuildOptions {
  dataDir: string;
  dimension: number;
  seed?: number;
  /** Documents sampled to fit the embedder; the rest are only transformed. */
  fitSampleSize?: number;
  logger: Logger;
  onProgress?: (stage: string, done: number, total: number) => void;
}

const BATCH = 2000;

/** Writes summaries for patents that have none (or all, when `force`) in batches. */
export async function summarizePatents(
  store: Store,
  summarizer: Summarizer,
  options: { force: boolean; onProgress?: (done: number, total: number) => void },
): Promise<number> {
  const total = await countPatents(store.db);
  let done = 0;
  let written = 0;
  let afterId = 0;
  for (;;) {
    const batch = await patentBatch(store.db, afterId, BATCH);
    if (batch.length === 0) break;
    afterId = (batch[batch.length - 1] as { id: number }).id;
    const updates = batch
      .filter((patent) => options.force || patent.summary === null)
      .map((patent) => ({ id: patent.id, summary: summarizer.summarize(patent.abstract ?? '') }));
    if (updates.length > 0) {
      await store.db.transaction().execute(async (trx) => {
        for (const update of updates) {
          await trx
            .updateTable('patents')
            .set({ summary: update.summary })
            .where('id', '=', update.id)
            .execute();
        }
      });
      written += updates.length;
    }
    done += batch.length;
    options.onProgress?.(done, total);
  }
  return written;
}

/** Every patent id > 0 is sampled evenly so the fit sees the whole corpus, not its first rows. */
async function collectFitCorpus(store: Store, sampleSize: number): Promise<string[]> {
  const total = await countPatents(store.db);
  const stride = Math.max(1, Math.floor(total / sampleSize));
  const texts: string[] = [];
  let afterId = 0;
  let seen = 0;
  for (;;) {
    const batch = await patentBatch(store.db, afterId, BATCH);
    if (batch.length === 0) break;
    afterId = (batch[batch.length - 1] as { id: number }).id;
    for (const patent of batch) {
      if (seen % stride === 0) texts.push(patentText(patent));
      seen += 1;
    }
  }
  afterId = 0;
  for (;;) {
    const companies = await companiesWithProfileText(store.db, afterId, BATCH);
    if (companies.length === 0) break;
    afterId = (companies[companies.length - 1] as { id: number }).id;
    for (const company of companies) texts.push(profileText(company));
  }
  return texts;
}

/**
 * Rebuilds everything search needs from the store: patent summaries, the embedder (fitted on the
 * corpus), the patent index and the company-profile index. Writes to a temporary folder and swaps
 * it in at the end.
 */
export async function buildIndex(store: Store, options: BuildOptions): Promise<IndexManifest> {
  const { logger } = options;
  const progress = options.onProgress ?? (() => {});
  const target = indexDir(options.dataDir);
  const staging = `${target}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });

  const summarizer = new ExtractiveSummarizer();
  const summarized = await summarizePatents(store, summarizer, {
    force: true,
    onProgress: (done, total) => progress('summarise', done, total),
  });
  logger.info({ summarized }, 'Summarised patents');

  const corpus = await collectFitCorpus(store, options.fitSampleSize ?? 30_000);
  if (corpus.length === 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      'The store has no patents and no company profiles to index. Import data first with `exitbot import <folder>`.',
    );
  }
  const embedder = TfidfSvdEmbedder.fit(corpus, {
    dimension: options.dimension,
    maxFeatures: 40_000,
    minDocFreq: 2,
    seed: options.seed ?? 42,
  });
  embedder.save(join(staging, EMBEDDER_DIR));
  logger.info(
    { spaceId: embedder.spaceId, dimension: embedder.dimension, fitDocuments: corpus.length },
    'Fitted embedder',
  );

  const totalPatents = await countPatents(store.db);
  const patents = VectorIndex.create({
    dimension: embedder.dimension,
    spaceId: embedder.spaceId,
    capacity: Math.max(totalPatents, 16),
  });
  let afterId = 0;
  let done = 0;
  for (;;) {
    const batch = await patentBatch(store.db, afterId, BATCH);
    if (batch.length === 0) break;
    afterId = (batch[batch.length - 1] as { id: number }).id;
    const vectors = embedder.embed(batch.map(patentText));
    patents.addBatch(
      batch.map((patent) => patent.id),
      vectors,
    );
    done += batch.length;
    progress('embed patents', done, totalPatents);
  }
  patents.save(staging, PATENT_INDEX_NAME);

  const profiles = VectorIndex.create({
    dimension: embedder.dimension,
    spaceId: embedder.spaceId,
    capacity: 1024,
  });
  afterId = 0;
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
      embedder.embed(keep.map((item) => item.text)),
    );
    progress('embed profiles', profiles.size, profiles.size);
  }
  profiles.save(staging, PROFILE_INDEX_NAME);

  const manifest: IndexManifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    builtAt: new Date().toISOString(),
    spaceId: embedder.spaceId,
    dimension: embedder.dimension,
    embedder: { id: 'tfidf-svd', version: embedder.spaceId },
    summarizer: { id: summarizer.id },
    patents: { count: patents.size },
    profiles: { count: profiles.size },
    store: store.location,
  };
  // The manifest is written last: a folder without one is never loaded.
  writeFileSync(manifestPath(staging), `${JSON.stringify(manifest, null, 2)}\n`);
  swapInto(staging, target);
  logger.info(
    { dir: target, patents: manifest.patents.count, profiles: manifest.profiles.count },
    'Index built',
  );
  return manifest;
}

function swapInto(staging: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
}
