import { ExactIndex } from '../../retrieve/exact-search.js';
import type { VectorIndex } from '../../retrieve/vector-index.js';
import { loadAnnoy } from './annoy.js';
import { round } from './stats.js';

export interface HnswSetting {
  ef: number;
  /** Mean fraction of the exact top k that HNSW returned. */
  recall: number;
  msPerQuery: number;
  /** Exact search time divided by HNSW time. */
  speedup: number;
}

export interface AnnoySetting {
  trees: number;
  buildSeconds: number;
  recall: number;
  msPerQuery: number;
  speedup: number;
}

export interface AnnRecallResult {
  vectors: number;
  dimension: number;
  queries: number;
  k: number;
  exactMsPerQuery: number;
  hnsw: HnswSetting[];
  /** The reference design's retrieval on the same vectors, or why it could not run. */
  annoy: { settings: AnnoySetting[]; searchK: string } | { skipped: string };
}

function overlap(found: readonly number[], truth: ReadonlySet<number>): number {
  let hits = 0;
  for (const label of found) if (truth.has(label)) hits += 1;
  return truth.size === 0 ? 1 : hits / truth.size;
}

/**
 * Recall@k of the HNSW index against brute-force search on the same unit vectors, for several ef
 * settings, and of Annoy (angular distance, as the reference design used) for several tree counts.
 * Queries should look like real ones: predicted next-patent vectors, which are not index points.
 */
export function measureAnnRecall(
  index: VectorIndex,
  queries: readonly Float32Array[],
  options: {
    k: number;
    efs: readonly number[];
    annoyTrees: readonly number[];
    onProgress?: (stage: string, done: number, total: number) => void;
  },
): AnnRecallResult {
  const { k } = options;
  const labels = index.labels().sort((a, b) => a - b);
  const vectors = new Map<number, Float32Array>();
  const exact = new ExactIndex(index.dimension, labels.length);
  labels.forEach((label, i) => {
    const vector = index.getVector(label);
    vectors.set(label, vector);
    exact.add(label, vector);
    if (i % 50_000 === 0) options.onProgress?.('copy vectors', i, labels.length);
  });

  let started = performance.now();
  const truth = queries.map((query, i) => {
    if (i % 10 === 0) options.onProgress?.('exact search', i, queries.length);
    return new Set(exact.search(query, k).map((hit) => hit.label));
  });
  const exactMs = (performance.now() - started) / queries.length;

  // One untimed pass first, so the first setting does not pay for cold caches.
  for (const query of queries) index.search(query, k, options.efs[0] ?? k);
  const hnsw = options.efs.map((ef) => {
    started = performance.now();
    const found = queries.map((query) => index.search(query, k, ef).map((hit) => hit.label));
    const ms = (performance.now() - started) / queries.length;
    const recall =
      found.reduce((sum, list, i) => sum + overlap(list, truth[i] as Set<number>), 0) / queries.length;
    return {
      ef: Math.max(ef, k),
      recall: round(recall, 4),
      msPerQuery: round(ms, 3),
      speedup: round(exactMs / ms, 1),
    };
  });

  const loaded = loadAnnoy();
  let annoy: AnnRecallResult['annoy'];
  if ('missing' in loaded) {
    annoy = { skipped: `${loaded.missing}; exact search is the reference` };
  } else {
    const settings = options.annoyTrees.map((trees) => {
      options.onProgress?.(`annoy ${trees} trees`, 0, 1);
      const buildStarted = performance.now();
      const annoyIndex = new loaded.Annoy(index.dimension, 'Angular');
      for (const [label, vector] of vectors) annoyIndex.addItem(label, Array.from(vector));
      annoyIndex.build(trees);
      const buildSeconds = (performance.now() - buildStarted) / 1000;
      started = performance.now();
      const found = queries.map((query) => annoyIndex.getNNsByVector(Array.from(query), k, -1, false));
      const ms = (performance.now() - started) / queries.length;
      const recall =
        found.reduce((sum, list, i) => sum + overlap(list, truth[i] as Set<number>), 0) / queries.length;
      return {
        trees,
        buildSeconds: round(buildSeconds, 1),
        recall: round(recall, 4),
        msPerQuery: round(ms, 3),
        speedup: round(exactMs / ms, 1),
      };
    });
    annoy = { settings, searchK: 'Annoy default (-1: trees x k)' };
  }
  return {
    vectors: labels.length,
    dimension: index.dimension,
    queries: queries.length,
    k,
    exactMsPerQuery: round(exactMs, 2),
    hnsw,
    annoy,
  };
}
