import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitError } from '../../../core/errors.js';
import { SeededRandom } from '../../../engine/embed/random.js';
import { ExactIndex } from '../../../engine/retrieve/exact-search.js';
import { VectorIndex } from '../../../engine/retrieve/vector-index.js';

function randomVectors(count: number, dimension: number, seed: number): Float32Array[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () =>
    Float32Array.from({ length: dimension }, () => random.nextNormal()),
  );
}

const temporaryDirectories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'exit-retrieve-'));
  temporaryDirectories.push(directory);
  return directory;
}
afterAll(() => {
  for (const directory of temporaryDirectories) {
    rmSync(directory, { recursive: true, force: true });
  }
});

function expectExitError(action: () => unknown, code: string, ...fragments: string[]): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ExitError);
  const error = caught as ExitError;
  expect(error.code).toBe(code);
  for (const fragment of fragments) {
    expect(error.message).toContain(fragment);
  }
}

function buildIndex(
  count: number,
  dimension: number,
  seed: number,
): { index: VectorIndex; vectors: Float32Array[] } {
  const vectors = randomVectors(count, dimension, seed);
  const index = VectorIndex.create({ dimension, spaceId: 'space-a', capacity: 8 });
  index.addBatch(
    vectors.map((_, i) => i * 10),
    vectors,
  );
  return { index, vectors };
}

describe('VectorIndex', () => {
  it('finds a stored vector first', () => {
    const { index, vectors } = buildIndex(200, 16, 1);
    const hits = index.search(vectors[37] as Float32Array, 5);
    expect(hits[0]?.label).toBe(370);
    expect(hits[0]?.similarity).toBeCloseTo(1, 5);
    for (let i = 1; i < hits.length; i += 1) {
      expect(hits[i]?.similarity).toBeLessThanOrEqual(hits[i - 1]?.similarity as number);
    }
  });

  it('grows capacity on add', () => {
    const { index } = buildIndex(200, 16, 1);
    expect(index.size).toBe(200);
    expect(index.capacity).toBeGreaterThanOrEqual(200);
    expect(index.has(1990)).toBe(true);
    expect(index.has(1991)).toBe(false);
    expect(index.labels()).toHaveLength(200);
  });

  it('clamps k to size', () => {
    const { index } = buildIndex(7, 8, 2);
    expect(index.search(new Float32Array(8).fill(1), 100)).toHaveLength(7);
    expect(index.search(new Float32Array(8).fill(1), 0)).toEqual([]);
    const empty = VectorIndex.create({ dimension: 8, spaceId: 'space-a', capacity: 4 });
    expect(empty.search(new Float32Array(8).fill(1), 10)).toEqual([]);
  });

  it('replaces vector of existing label', () => {
    const index = VectorIndex.create({ dimension: 2, spaceId: 'space-a', capacity: 2 });
    index.add(5, Float32Array.of(1, 0));
    index.add(5, Float32Array.of(0, 3));
    expect(index.size).toBe(1);
    expect(Array.from(index.getVector(5))).toEqual([0, 1]);
  });

  it('returns similarity as cosine', () => {
    const index = VectorIndex.create({ dimension: 2, spaceId: 'space-a', capacity: 4 });
    index.addBatch([1, 2, 3], [Float32Array.of(1, 0), Float32Array.of(1, 1), Float32Array.of(-1, 0)]);
    const hits = index.search(Float32Array.of(2, 0), 3);
    expect(hits.map((hit) => hit.label)).toEqual([1, 2, 3]);
    expect(hits[0]?.similarity).toBeCloseTo(1, 6);
    expect(hits[1]?.similarity).toBeCloseTo(Math.SQRT1_2, 6);
    expect(hits[2]?.similarity).toBeCloseTo(-1, 6);
  });

  it('rejects invalid input', () => {
    const index = VectorIndex.create({ dimension: 4, spaceId: 'space-a', capacity: 4 });
    expect(() => index.add(1, new Float32Array(3))).toThrow(RangeError);
    expect(() => index.add(-1, new Float32Array(4))).toThrow(RangeError);
    expect(() => index.add(2 ** 32, new Float32Array(4))).toThrow(RangeError);
    expect(() => index.add(1, Float32Array.of(1, Number.NaN, 0, 0))).toThrow('NaN');
    expect(() => index.search(new Float32Array(5), 1)).toThrow(RangeError);
    expect(() => index.getVector(9)).toThrow('Label 9');
    expect(() => index.addBatch([1, 2], [new Float32Array(4)])).toThrow(RangeError);
  });

  it('reaches recall@10 of 0.95 against exact search', () => {
    const dimension = 64;
    const vectors = randomVectors(5000, dimension, 3);
    const index = VectorIndex.create({ dimension, spaceId: 'space-a', capacity: 5000 });
    const exact = new ExactIndex(dimension);
    const labels = vectors.map((_, i) => i);
    index.addBatch(labels, vectors);
    exact.addBatch(labels, vectors);

    const queries = randomVectors(200, dimension, 4);
    let found = 0;
    for (const query of queries) {
      const expected = new Set(exact.search(query, 10).map((hit) => hit.label));
      found += index.search(query, 10).filter((hit) => expected.has(hit.label)).length;
    }
    const recall = found / (queries.length * 10);
    console.log(`HNSW recall@10 on 5,000 random 64-d vectors, default ef: ${recall.toFixed(3)}`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});

describe('VectorIndex.save and load', () => {
  it('round trip gives same search results', () => {
    const { index, vectors } = buildIndex(300, 16, 5);
    const directory = temporaryDirectory();
    index.save(directory, 'patents');
    const loaded = VectorIndex.load(directory, 'patents', {
      expectedSpaceId: 'space-a',
      expectedDimension: 16,
    });
    expect(loaded.size).toBe(300);
    expect(loaded.spaceId).toBe('space-a');
    expect(loaded.dimension).toBe(16);
    expect(loaded.has(2990)).toBe(true);
    for (const query of vectors.slice(0, 20)) {
      expect(loaded.search(query, 10)).toEqual(index.search(query, 10));
    }
    expect(loaded.getVector(40)).toEqual(index.getVector(40));
    expect(readdirSync(directory).sort()).toEqual(['patents.hnsw', 'patents.json']);
  });

  it('adds incrementally after load', () => {
    const { index } = buildIndex(50, 8, 6);
    const directory = temporaryDirectory();
    index.save(directory, 'patents');
    const loaded = VectorIndex.load(directory, 'patents');
    const extra = randomVectors(100, 8, 7);
    loaded.addBatch(
      extra.map((_, i) => 100_000 + i),
      extra,
    );
    expect(loaded.size).toBe(150);
    expect(loaded.search(extra[42] as Float32Array, 1)[0]?.label).toBe(100_042);
    loaded.save(directory, 'patents');
    expect(VectorIndex.load(directory, 'patents').size).toBe(150);
  });

  it('rejects other space or dimension', () => {
    const { index } = buildIndex(20, 8, 8);
    const directory = temporaryDirectory();
    index.save(directory, 'patents');
    const file = path.join(directory, 'patents.hnsw');
    expectExitError(
      () => VectorIndex.load(directory, 'patents', { expectedSpaceId: 'space-b' }),
      'INDEX_MISMATCH',
      file,
      'space-a',
      'space-b',
      'exitbot index build',
    );
    expectExitError(
      () => VectorIndex.load(directory, 'patents', { expectedDimension: 256 }),
      'INDEX_MISMATCH',
      file,
      'dimension 8',
      'exitbot index build',
    );
  });

  it('rejects missing files', () => {
    const { index } = buildIndex(20, 8, 9);
    const directory = temporaryDirectory();
    expectExitError(
      () => VectorIndex.load(directory, 'patents'),
      'INDEX_MISSING',
      path.join(directory, 'patents.json'),
      'exitbot index build',
    );
    index.save(directory, 'patents');
    unlinkSync(path.join(directory, 'patents.hnsw'));
    expectExitError(
      () => VectorIndex.load(directory, 'patents'),
      'INDEX_MISSING',
      path.join(directory, 'patents.hnsw'),
      'exitbot index build',
    );
  });

  it('rejects truncated index file', () => {
    const { index } = buildIndex(20, 8, 10);
    const directory = temporaryDirectory();
    index.save(directory, 'patents');
    const file = path.join(directory, 'patents.hnsw');
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    expectExitError(
      () => VectorIndex.load(directory, 'patents'),
      'INDEX_MISMATCH',
      file,
      'exitbot index build',
    );
  });

  it('rejects corrupt sidecar', () => {
    const { index } = buildIndex(20, 8, 11);
    const directory = temporaryDirectory();
    index.save(directory, 'patents');
    const sidecar = path.join(directory, 'patents.json');
    writeFileSync(sidecar, '{');
    expectExitError(
      () => VectorIndex.load(directory, 'patents'),
      'INDEX_MISMATCH',
      sidecar,
      'exitbot index build',
    );
  });

  it('overwrites an existing index', () => {
    const directory = temporaryDirectory();
    buildIndex(20, 8, 12).index.save(directory, 'patents');
    buildIndex(30, 8, 13).index.save(directory, 'patents');
    expect(VectorIndex.load(directory, 'patents').size).toBe(30);
    expect(readdirSync(directory).sort()).toEqual(['patents.hnsw', 'patents.json']);
  });
});
