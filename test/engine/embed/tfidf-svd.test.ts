import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitError } from '../../../core/errors.js';
import { euclideanNorm } from '../../../engine/embed/linear-algebra.js';
import { TfidfSvdEmbedder } from '../../../engine/embed/tfidf-svd.js';
import type { FitProgress, TfidfSvdFitOptions } from '../../../engine/embed/tfidf-svd-fit.js';
import { dotProduct, koreanCorpus, topicDocuments } from './korean-corpus.js';

const OPTIONS: TfidfSvdFitOptions = { dimension: 16, maxFeatures: 5000, minDocFreq: 2, seed: 7 };
const corpus = koreanCorpus();
const embedder = TfidfSvdEmbedder.fit(corpus, OPTIONS);

const temporaryDirectories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'exit-embed-'));
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

describe('TfidfSvdEmbedder.fit', () => {
  it('gives same space and vectors for same seed', () => {
    const again = TfidfSvdEmbedder.fit(corpus, OPTIONS);
    expect(again.spaceId).toBe(embedder.spaceId);
    expect(again.embed(corpus.slice(0, 5))).toEqual(embedder.embed(corpus.slice(0, 5)));
  });

  it('accepts an iterable corpus', () => {
    function* documents(): Generator<string> {
      yield* corpus;
    }
    expect(TfidfSvdEmbedder.fit(documents(), OPTIONS).spaceId).toBe(embedder.spaceId);
  });

  it('gives new space id for changed input', () => {
    expect(TfidfSvdEmbedder.fit(corpus, { ...OPTIONS, seed: 8 }).spaceId).not.toBe(embedder.spaceId);
    expect(TfidfSvdEmbedder.fit(corpus.slice(1), OPTIONS).spaceId).not.toBe(embedder.spaceId);
    expect(TfidfSvdEmbedder.fit(corpus, { ...OPTIONS, dimension: 12 }).spaceId).not.toBe(embedder.spaceId);
  });

  it('records fit metadata', () => {
    expect(embedder.spaceId).toMatch(/^[0-9a-f]{16}$/u);
    expect(embedder.dimension).toBe(16);
    expect(embedder.metadata.requestedDimension).toBe(16);
    expect(embedder.metadata.fitDocumentCount).toBe(corpus.length);
    expect(embedder.metadata.corpusDocumentCount).toBe(corpus.length);
    expect(embedder.metadata.vocabularySize).toBeGreaterThan(100);
  });

  it('fits on a bounded sample', () => {
    const sampled = TfidfSvdEmbedder.fit(['', '  ', ...corpus], { ...OPTIONS, sampleSize: 40 });
    expect(sampled.metadata.fitDocumentCount).toBe(40);
    expect(sampled.metadata.corpusDocumentCount).toBe(corpus.length);
  });

  it('reduces dimension for a low-rank corpus', () => {
    const small = TfidfSvdEmbedder.fit(['전지 양극 소재', '전지 음극 소재', '표시 장치 화소'], {
      ...OPTIONS,
      minDocFreq: 1,
      dimension: 256,
    });
    expect(small.dimension).toBeLessThanOrEqual(3);
    expect(small.dimension).toBeGreaterThan(0);
    expect(small.metadata.requestedDimension).toBe(256);
    expect(small.embed(['전지 양극'])[0]).toHaveLength(small.dimension);
  });

  it('reports progress by stage', () => {
    const events: FitProgress[] = [];
    TfidfSvdEmbedder.fit(corpus, OPTIONS, (progress) => events.push(progress));
    const stages = events.filter((event) => event.completed === 0).map((event) => event.stage);
    expect(stages).toEqual(['sampling', 'vocabulary', 'weighting', 'decomposition']);
    const last = events.at(-1);
    expect(last?.stage).toBe('decomposition');
    expect(last?.completed).toBe(last?.total);
  });

  it('rejects a corpus without features', () => {
    expectExitError(
      () => TfidfSvdEmbedder.fit(['', ' \n'], OPTIONS),
      'INVALID_INPUT',
      'no non-blank document',
    );
    expectExitError(() => TfidfSvdEmbedder.fit(['가', '나'], OPTIONS), 'INVALID_INPUT', 'no feature occurs');
  });

  it('rejects invalid options', () => {
    expect(() => TfidfSvdEmbedder.fit(corpus, { ...OPTIONS, dimension: 0 })).toThrow(RangeError);
    expect(() => TfidfSvdEmbedder.fit(corpus, { ...OPTIONS, maxFeatures: 1.5 })).toThrow(RangeError);
  });
});

describe('TfidfSvdEmbedder.embed', () => {
  it('returns unit vectors of the dimension', () => {
    const vectors = embedder.embed(corpus.slice(0, 10));
    expect(vectors).toHaveLength(10);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(16);
      expect(euclideanNorm(vector)).toBeCloseTo(1, 5);
    }
  });

  it('returns zero vector for text without features', () => {
    const [empty, unknown] = embedder.embed(['', 'zzqx']);
    expect(Array.from(empty as Float32Array)).toEqual(new Array(16).fill(0));
    expect(Array.from(unknown as Float32Array)).toEqual(new Array(16).fill(0));
  });

  it('scores same-topic texts above other topics', () => {
    const [query, sameTopic, otherTopic] = embedder.embed([
      '양극 활물질을 포함하는 리튬 이차전지의 수명 개선',
      '니켈 양극재를 적용한 이차전지의 고온 수명',
      '라이다 센서로 보행자를 검출하는 자율 주행 차량',
    ]) as [Float32Array, Float32Array, Float32Array];
    expect(dotProduct(query, sameTopic)).toBeGreaterThan(dotProduct(query, otherTopic) + 0.2);
  });

  it('separates topics on average', () => {
    const battery = embedder.embed(topicDocuments('battery'));
    const bio = embedder.embed(topicDocuments('bio'));
    const mean = (pairs: [Float32Array, Float32Array][]): number =>
      pairs.reduce((sum, [a, b]) => sum + dotProduct(a, b), 0) / pairs.length;
    const within = mean(battery.slice(1).map((vector) => [battery[0] as Float32Array, vector]));
    const across = mean(bio.map((vector) => [battery[0] as Float32Array, vector]));
    expect(within).toBeGreaterThan(across + 0.2);
  });

  it('ignores Unicode normalisation form', () => {
    const [composed, decomposed] = embedder.embed(['미세유체 칩', '미세유체 칩'.normalize('NFD')]);
    expect(decomposed).toEqual(composed);
  });
});

describe('TfidfSvdEmbedder.save and load', () => {
  const directory = temporaryDirectory();
  embedder.save(directory);

  it('round trip gives identical vectors', () => {
    const loaded = TfidfSvdEmbedder.load(directory);
    expect(loaded.spaceId).toBe(embedder.spaceId);
    expect(loaded.dimension).toBe(embedder.dimension);
    expect(loaded.metadata).toEqual(embedder.metadata);
    const texts = [...corpus.slice(0, 20), '처음 보는 문장입니다'];
    expect(loaded.embed(texts)).toEqual(embedder.embed(texts));
  });

  it('leaves no temporary files', () => {
    expect(readdirSync(directory).sort()).toEqual([
      'components.f32',
      'embedder.json',
      'idf.f32',
      'vocabulary.txt',
    ]);
  });

  function copyOfModel(): string {
    const copy = temporaryDirectory();
    embedder.save(copy);
    return copy;
  }

  it('rejects missing file', () => {
    const copy = copyOfModel();
    unlinkSync(path.join(copy, 'idf.f32'));
    expectExitError(() => TfidfSvdEmbedder.load(copy), 'INDEX_MISSING', 'idf.f32', 'exitbot index build');
  });

  it('rejects missing directory', () => {
    const missing = path.join(temporaryDirectory(), 'absent');
    expectExitError(
      () => TfidfSvdEmbedder.load(missing),
      'INDEX_MISSING',
      'embedder.json',
      'exitbot index build',
    );
  });

  it('rejects truncated components', () => {
    const copy = copyOfModel();
    const file = path.join(copy, 'components.f32');
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    expectExitError(() => TfidfSvdEmbedder.load(copy), 'INDEX_MISMATCH', file, 'exitbot index build');
  });

  it('rejects changed component bytes', () => {
    const copy = copyOfModel();
    const file = path.join(copy, 'components.f32');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x01;
    writeFileSync(file, bytes);
    expectExitError(
      () => TfidfSvdEmbedder.load(copy),
      'INDEX_MISMATCH',
      embedder.spaceId,
      'exitbot index build',
    );
  });

  it('rejects invalid metadata', () => {
    const copy = copyOfModel();
    const file = path.join(copy, 'embedder.json');
    writeFileSync(file, '{"formatVersion": 1');
    expectExitError(() => TfidfSvdEmbedder.load(copy), 'INDEX_MISMATCH', file, 'not valid JSON');
    writeFileSync(file, JSON.stringify({ ...embedder.metadata, formatVersion: 2 }));
    expectExitError(() => TfidfSvdEmbedder.load(copy), 'INDEX_MISMATCH', file, 'formatVersion');
  });

  it('rejects vocabulary of wrong size', () => {
    const copy = copyOfModel();
    const file = path.join(copy, 'vocabulary.txt');
    writeFileSync(file, readFileSync(file, 'utf8').split('\n').slice(1).join('\n'));
    expectExitError(() => TfidfSvdEmbedder.load(copy), 'INDEX_MISMATCH', file);
  });
});
