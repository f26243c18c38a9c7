import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitError } from '../../../core/errors.js';
import { assertEmbedderMatchesIndex, OnnxEncoderEmbedder } from '../../../engine/embed/onnx-encoder.js';

// A 2-layer, 64-wide RoBERTa trained briefly with SimCSE on generated patent text, and the pooled
// vectors PyTorch computed for it (models/text/build_small.py).
const MODEL_DIR = join(import.meta.dirname, '../../../models/artifacts/text/encoder');
const parity = JSON.parse(readFileSync(join(MODEL_DIR, 'parity.json'), 'utf8')) as {
  vectors: { texts: string[]; mean: number[][]; cls: number[][] };
};

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

describe('OnnxEncoderEmbedder', () => {
  let mean: OnnxEncoderEmbedder;
  let cls: OnnxEncoderEmbedder;

  beforeAll(async () => {
    mean = await OnnxEncoderEmbedder.load(MODEL_DIR, { pooling: 'mean', threads: 1 });
    cls = await OnnxEncoderEmbedder.load(MODEL_DIR, { pooling: 'cls', threads: 1, batchSize: 2 });
  });

  it('reads dimension and pooling', () => {
    expect(mean.dimension).toBe(64);
    expect(mean.pooling).toBe('mean');
    expect(cls.pooling).toBe('cls');
  });

  it.each(['mean', 'cls'] as const)('matches PyTorch %s pooling within 1e-4', async (pooling) => {
    const embedder = pooling === 'mean' ? mean : cls;
    const vectors = await embedder.embed(parity.vectors.texts);
    parity.vectors[pooling].forEach((expected, i) => {
      expect(maxDifference(vectors[i] as Float32Array, expected), parity.vectors.texts[i]).toBeLessThan(1e-4);
    });
  });

  it('returns unit vectors that differ by pooling', async () => {
    const text = parity.vectors.texts[0] as string;
    const [a] = await mean.embed([text]);
    const [b] = await cls.embed([text]);
    expect(norm(a as Float32Array)).toBeCloseTo(1, 5);
    expect(norm(b as Float32Array)).toBeCloseTo(1, 5);
    expect(maxDifference(a as Float32Array, b as Float32Array)).toBeGreaterThan(1e-3);
  });

  it.each(['mean', 'cls'] as const)('keeps a row unchanged by batch padding (%s)', async (pooling) => {
    const embedder = pooling === 'mean' ? mean : cls;
    const short = '광 트랜시버';
    const long = parity.vectors.texts[0] as string;
    const [alone] = await embedder.embed([short]);
    const [padded] = await embedder.embed([short, long]);
    expect(maxDifference(alone as Float32Array, padded as Float32Array)).toBeLessThan(1e-5);
  });

  it('gives blank text the zero vector', async () => {
    const [blank, text] = await mean.embed(['  ', '장치']);
    expect(norm(blank as Float32Array)).toBe(0);
    expect(norm(text as Float32Array)).toBeCloseTo(1, 5);
  });

  it('derives the space id from model and pooling', async () => {
    const again = await OnnxEncoderEmbedder.load(MODEL_DIR, { pooling: 'mean' });
    expect(again.spaceId).toBe(mean.spaceId);
    expect(cls.spaceId).not.toBe(mean.spaceId);
    expect(mean.spaceId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('rejects an index of another dimension', () => {
    const check = () =>
      assertEmbedderMatchesIndex(mean, { spaceId: mean.spaceId, dimension: 256 }, 'var/index');
    expect(check).toThrow(ExitError);
    expect(check).toThrow(/Run `exitbot index build` to rebuild the index/);
  });

  it('rejects an index of another space', () => {
    const check = () =>
      assertEmbedderMatchesIndex(cls, { spaceId: mean.spaceId, dimension: 64 }, 'var/index');
    expect(check).toThrow(/does not match the index in var\/index/);
    expect(check).toThrow(/exitbot index build/);
  });

  it('accepts its own index', () => {
    expect(() =>
      assertEmbedderMatchesIndex(mean, { spaceId: mean.spaceId, dimension: 64 }, 'x'),
    ).not.toThrow();
  });
});

describe('OnnxEncoderEmbedder.load errors', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'exit-encoder-'));
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('rejects metadata whose hidden size differs from the model', async () => {
    const copy = join(folder, 'wrong-width');
    cpSync(MODEL_DIR, copy, { recursive: true });
    const metadataPath = join(copy, 'exit-text-model.json');
    const metadata = JSON.parse(readFileSync(metadataPath, 'utf8'));
    writeFileSync(metadataPath, JSON.stringify({ ...metadata, hiddenSize: 32 }));
    await expect(OnnxEncoderEmbedder.load(copy)).rejects.toThrow(
      /outputs 64-wide states but its metadata records hiddenSize 32/,
    );
  });

  it('rejects a seq2seq folder', async () => {
    await expect(OnnxEncoderEmbedder.load(join(MODEL_DIR, '../bart'))).rejects.toThrow(
      /is not the metadata of an exported encoder model/,
    );
  });

  it('reports a missing model file', async () => {
    const copy = join(folder, 'no-model');
    cpSync(MODEL_DIR, copy, { recursive: true });
    rmSync(join(copy, 'encoder.onnx'));
    await expect(OnnxEncoderEmbedder.load(copy)).rejects.toMatchObject({ code: 'INDEX_MISSING' });
  });

  it('rejects a batch size of 0', async () => {
    await expect(OnnxEncoderEmbedder.load(MODEL_DIR, { batchSize: 0 })).rejects.toThrow(
      /batchSize must be a positive integer/,
    );
  });
});
