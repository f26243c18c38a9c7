import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../core/config.js';
import { silentLogger } from '../../../core/logger.js';
import { importPath } from '../../../data/import/index.js';
import { Engine } from '../../../engine/engine.js';
import { indexDir, manifestPath, readManifest } from '../../../engine/indexing/artifacts.js';
import { buildIndex } from '../../../engine/indexing/build.js';
import { updateIndex } from '../../../engine/indexing/update.js';
import { createDemoFixture, type DemoFixture } from '../../support/demo-fixture.js';

const ARTIFACTS = join(import.meta.dirname, '../../../models/artifacts/text');
const ENCODER_DIR = join(ARTIFACTS, 'encoder');
const BART_DIR = join(ARTIFACTS, 'bart');

describe('index build with ONNX text models', () => {
  let fixture: DemoFixture;

  beforeAll(async () => {
    fixture = await createDemoFixture({ companies: 30, seed: 3 });
    // 'missing' keeps the extractive summaries of the fixture, so only new patents meet BART.
    await buildIndex(fixture.store, {
      dataDir: fixture.dataDir,
      dimension: 64,
      embedder: { kind: 'onnx', dir: ENCODER_DIR, pooling: 'cls' },
      summarizer: { kind: 'onnx', dir: BART_DIR },
      summarize: 'missing',
      logger: silentLogger(),
    });
  }, 120_000);
  afterAll(async () => {
    await fixture?.dispose();
  });

  it('records the encoder and its pooling', () => {
    const manifest = readManifest(indexDir(fixture.dataDir));
    expect(manifest.embedder.id).toBe('onnx-encoder');
    expect(manifest.embedder.pooling).toBe('cls');
    expect(manifest.dimension).toBe(64);
    expect(manifest.summarizer.id).toMatch(/^onnx-seq2seq\//);
  });

  it('opens the engine on the encoder index', async () => {
    const engine = await Engine.open(fixture.store, fixture.config, silentLogger());
    expect(engine.context.embedder.spaceId).toBe(readManifest(indexDir(fixture.dataDir)).spaceId);
    const result = await engine.recommend({ company: 'id:1', valuationFilter: false, topK: 3 });
    expect(result.partners.length).toBeGreaterThan(0);
  });

  it('summarises and embeds imported patents', async () => {
    const owner = await fixture.store.db
      .selectFrom('company_keys')
      .selectAll()
      .where('kind', '=', 'applicant_no')
      .executeTakeFirstOrThrow();
    const header =
      'applicant_no,Applicant,ApplicationNumber,ApplicationDate,InventionName,InternationalpatentclassificationNumber,Abstract,OpeningNumber,OpeningDate,PublicNumber,PublicDate,RegistrationNumber,RegistrationDate,RegistrationStatus,source_path';
    const row = `${owner.value},시험 회사,1020249999998,20240105,시험용 센서 장치,G01N 33/00,"본 발명은 시험용 센서 장치에 관한 것이다. 센서는 시료를 분석한다.",,,,,,,공개,test`;
    const file = join(fixture.dir, 'extra_patents.csv');
    writeFileSync(file, `${header}\n${row}\n`);
    const report = await importPath(fixture.store, file, { logger: silentLogger() });
    const update = await updateIndex(fixture.store, {
      dataDir: fixture.dataDir,
      patentIds: report.newOrChangedPatentIds,
      companyIds: [],
      summarizer: { kind: 'onnx', dir: BART_DIR },
      logger: silentLogger(),
    });
    expect(update).toMatchObject({ updated: true, patentsAdded: 1 });
    const patent = await fixture.store.db
      .selectFrom('patents')
      .select('summary')
      .where('id', '=', report.newOrChangedPatentIds[0] as number)
      .executeTakeFirstOrThrow();
    expect(patent.summary?.length).toBeGreaterThan(0);
  });

  it('rejects an index whose pooling no longer matches', async () => {
    const path = manifestPath(indexDir(fixture.dataDir));
    const original = readFileSync(path, 'utf8');
    try {
      const manifest = JSON.parse(original);
      manifest.embedder.pooling = 'mean';
      writeFileSync(path, JSON.stringify(manifest));
      await expect(Engine.open(fixture.store, fixture.config, silentLogger())).rejects.toThrow(
        /Run `exitbot index build` to rebuild the index/,
      );
    } finally {
      writeFileSync(path, original);
    }
  });
});

describe('text model settings', () => {
  const base = { EXIT_DATABASE_URL: 'sqlite::memory:' };

  it('defaults to TF-IDF and extractive', () => {
    const config = loadConfig(base);
    expect(config.embedder).toEqual({ kind: 'tfidf-svd' });
    expect(config.summarizer).toEqual({ kind: 'extractive' });
  });

  it('reads the ONNX choices', () => {
    const config = loadConfig({
      ...base,
      EXIT_EMBEDDER: 'onnx',
      EXIT_EMBEDDER_DIR: '/models/kosimcse',
      EXIT_EMBEDDER_POOLING: 'cls',
      EXIT_SUMMARIZER: 'onnx',
      EXIT_SUMMARIZER_DIR: '/models/kobart',
    });
    expect(config.embedder).toEqual({ kind: 'onnx', dir: '/models/kosimcse', pooling: 'cls' });
    expect(config.summarizer).toEqual({ kind: 'onnx', dir: '/models/kobart' });
  });

  it('requires the folder of an ONNX embedder', () => {
    expect(() => loadConfig({ ...base, EXIT_EMBEDDER: 'onnx' })).toThrow(/EXIT_EMBEDDER_DIR is missing/);
  });

  it('requires the folder of an ONNX summariser', () => {
    expect(() => loadConfig({ ...base, EXIT_SUMMARIZER: 'onnx' })).toThrow(/EXIT_SUMMARIZER_DIR is missing/);
  });

  it('names the setting of an invalid pooling', () => {
    expect(() => loadConfig({ ...base, EXIT_EMBEDDER_POOLING: 'max' })).toThrow(
      /EXIT_EMBEDDER_POOLING is invalid: expected one of mean, cls/,
    );
  });
});
