import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrueAffinityRanker } from '../../../engine/evaluate/rankers/ceiling.js';
import { IpcOverlapRanker } from '../../../engine/evaluate/rankers/ipc-overlap.js';
import { SectorPopularityRanker } from '../../../engine/evaluate/rankers/popularity.js';

describe('SectorPopularityRanker', () => {
  const ranker = new SectorPopularityRanker(
    new Map([
      [1, 5],
      [2, 9],
      [3, 1],
      [4, 7],
      [5, 7],
    ]),
    new Map<number, string | null>([
      [1, 'bio'],
      [2, 'it'],
      [3, 'bio'],
      [4, 'bio'],
      [5, null],
      [6, 'bio'],
    ]),
  );

  it('ranks the sector first, then everyone', async () => {
    expect(await ranker.rank(6, 5, new Set())).toEqual([4, 1, 3, 2, 5]);
  });

  it('skips the requester and excluded ids', async () => {
    expect(await ranker.rank(1, 3, new Set([4]))).toEqual([3, 2, 5]);
  });

  it('uses the global order without a sector', async () => {
    expect(await ranker.rank(5, 3, new Set())).toEqual([2, 4, 1]);
  });
});

describe('IpcOverlapRanker', () => {
  const ranker = new IpcOverlapRanker(
    new Map([
      [
        1,
        new Map([
          ['A61K', 4],
          ['C12N', 1],
        ]),
      ],
      [2, new Map([['A61K', 1]])],
      [3, new Map([['C12N', 3]])],
      [4, new Map([['H01L', 2]])],
    ]),
  );

  it('ranks by cosine of subclass counts', async () => {
    // cos(1,2) = 4 / sqrt(17) = 0.970; cos(1,3) = 3 / (sqrt(17) * 3) = 0.243; 4 shares nothing.
    expect(await ranker.rank(1, 5, new Set())).toEqual([2, 3]);
  });

  it('returns nothing for a company without patents', async () => {
    expect(await ranker.rank(9, 5, new Set())).toEqual([]);
  });
});

describe('TrueAffinityRanker', () => {
  it('ranks by affinity in both directions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exit-affinity-'));
    try {
      const path = join(dir, 'affinity.csv');
      writeFileSync(path, 'brn_a,brn_b,affinity\nA,B,0.01\nA,C,0.05\nD,A,0.03\nA,X,0.9\n');
      const ids = new Map([
        ['A', 1],
        ['B', 2],
        ['C', 3],
        ['D', 4],
      ]);
      const ranker = await TrueAffinityRanker.load(path, ids);
      expect(await ranker.rank(1, 10, new Set())).toEqual([3, 4, 2]);
      expect(await ranker.rank(1, 10, new Set([3]))).toEqual([4, 2]);
      expect(await ranker.rank(4, 10, new Set())).toEqual([1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
