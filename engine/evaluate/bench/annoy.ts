import { createRequire } from 'node:module';

/** The part of the `annoy` package (Node bindings of Spotify's Annoy, 4.0.0) that the benchmark uses. */
export interface AnnoyIndex {
  addItem(index: number, vector: number[]): void;
  build(trees: number): void;
  getNNsByVector(vector: number[], count: number, searchK: number, includeDistances: false): number[];
  getNItems(): number;
}

export type AnnoyConstructor = new (dimension: number, metric: 'Angular' | 'Euclidean') => AnnoyIndex;

/**
 * Loads the optional `annoy` package, which the reference design used for retrieval. It is a
 * native module built at install time, so it may be missing. The benchmark then uses exact search as
 * the reference and records that in its report.
 */
export function loadAnnoy(): { Annoy: AnnoyConstructor } | { missing: string } {
  try {
    const require = createRequire(import.meta.url);
    return { Annoy: require('annoy') as AnnoyConstructor };
  } catch (error) {
    return {
      missing: `the optional annoy package is not installed or did not build (${(error as Error).message.split('\n')[0]})`,
    };
  }
}
