import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { importPath } from '../../../data/import/index.js';
import { Engine } from '../../../engine/engine.js';
import { indexDir, readManifest } from '../../../engine/indexing/artifacts.js';
import { updateIndex } from '../../../engine/indexing/update.js';
import { createDemoFixture, type DemoFixture } from '../../support/demo-fixture.js';

describe('index build, load and incremental update', () => {
  let fixture: DemoFixture;

  beforeAll(async () => {
    fixture = await createDemoFixture({ companies: 80, seed: 5 });
  });
  afterAll(async () => {
    await fixture?.dispose();
  });

  it('answers the same after reloading', async () => {
    const first = await Engine.open(fixture.store, fixture.config, silentLogger());
    const second = await Engine.open(fixture.store, fixture.config, silentLogger());
    const request = { company: 'id:1', valuationFilter: false, topK: 5 };
    const a = await first.recommend(request);
    const b = await second.recommend(request);
    expect(b.partners.map((p) => [p.id, p.hitCount])).toEqual(a.partners.map((p) => [p.id, p.hitCount]));
  });

  it('records counts and the space id in the manifest', async () => {
    const manifest = readManifest(indexDir(fixture.dataDir));
    const engine = await Engine.open(fixture.store, fixture.config, silentLogger());
    expect(manifest.patents.count).toBe(engine.context.patentIndex.size);
    expect(manifest.profiles.count).toBe(engine.context.profileIndex.size);
    expect(engine.context.patentIndex.size).toBeGreaterThan(0);
    expect(manifest.spaceId).toBe(engine.context.embedder.spaceId);
  });

  it('adds newly imported patents to the existing index', async () => {
    const before = readManifest(indexDir(fixture.dataDir)).patents.count;
    const owner = await fixture.store.db
      .selectFrom('company_keys')
      .selectAll()
      .where('kind', '=', 'applicant_no')
      .executeTakeFirstOrThrow();
    const company = await fixture.store.db
      .selectFrom('companies')
      .selectAll()
      .where('id', '=', owner.company_id)
      .executeTakeFirstOrThrow();
    const header =
      'applicant_no,Applicant,ApplicationNumber,ApplicationDate,InventionName,InternationalpatentclassificationNumber,Abstract,OpeningNumber,OpeningDate,PublicNumber,PublicDate,RegistrationNumber,RegistrationDate,RegistrationStatus,source_path';
    const row = `${owner.value},${company.name},1020249999999,20240105,새로운 시험용 센서 장치,G01N 33/00,"본 발명은 시험용 센서 장치에 관한 것이다. 센서는 시료를 분석한다.",,,,,,,공개,test`;
    const file = join(fixture.dir, 'extra_patents.csv');
    writeFileSync(file, `${header}\n${row}\n`);
    const report = await importPath(fixture.store, file, { logger: silentLogger() });
    expect(report.newOrChangedPatentIds).toHaveLength(1);
    const update = await updateIndex(fixture.store, {
      dataDir: fixture.dataDir,
      patentIds: report.newOrChangedPatentIds,
      companyIds: [],
      logger: silentLogger(),
    });
    expect(update).toMatchObject({ updated: true, patentsAdded: 1 });
    expect(readManifest(indexDir(fixture.dataDir)).patents.count).toBe(before + 1);
    const engine = await Engine.open(fixture.store, fixture.config, silentLogger());
    expect(engine.context.patentIndex.has(report.newOrChangedPatentIds[0] as number)).toBe(true);
  });

  it('reports no update when there is no index yet', async () => {
    const update = await updateIndex(fixture.store, {
      dataDir: join(fixture.dir, 'empty'),
      patentIds: [1],
      companyIds: [],
      logger: silentLogger(),
    });
    expect(update.updated).toBe(false);
  });
});
