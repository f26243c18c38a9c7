import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { CompanyResolver } from '../../../data/identity/resolver.js';
import { importPath } from '../../../data/import/index.js';
import { BACKENDS, type TestStore } from '../../support/stores.js';
import { BRN, fixtureFiles, tempFolder, writeFiles, writeFixtureFolder } from './fixtures.js';

describe.each(BACKENDS)('import identity ($name)', ({ open, skipReason }) => {
  let store: TestStore;
  let dir: string;

  beforeEach(async () => {
    if (skipReason) return;
    store = await open();
  });
  afterEach(async () => {
    if (skipReason) return;
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skipReason)('joins BRN, ticker and corp code', async () => {
    dir = writeFixtureFolder();
    await importPath(store, dir, { logger: silentLogger() });
    const rows = await store.db.selectFrom('companies').selectAll().where('ticker', '=', '005930').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.brn).toBe(BRN.samsung);
    expect(rows[0]?.corp_code).toBe('00100001');
    const keys = await store.db
      .selectFrom('company_keys')
      .selectAll()
      .where('company_id', '=', rows[0]?.id as number)
      .orderBy('kind')
      .execute();
    expect(keys.map((key) => [key.kind, key.value])).toEqual([
      ['applicant_no', '120000000002'],
      ['neojune_company_seq', '1'],
    ]);
  });

  it.skipIf(skipReason)('merges companies a later file links', async () => {
    dir = tempFolder();
    const files = fixtureFiles();
    writeFiles(dir, {
      'corp.csv': files['24-corp-list.csv'] as string,
      'neojune.csv': files['15-neojune-companies.csv'] as string,
      'fnguide.csv': files['26-fnguide.csv'] as string,
    });
    // One file per run: the ticker company and the BRN company exist apart until fnguide links them.
    await importPath(store, join(dir, 'corp.csv'), { logger: silentLogger() });
    await importPath(store, join(dir, 'neojune.csv'), { logger: silentLogger() });
    const before = await store.db
      .selectFrom('companies')
      .select('id')
      .where('name', 'like', '삼성전자%')
      .execute();
    expect(before).toHaveLength(2);
    const report = await importPath(store, join(dir, 'fnguide.csv'), { logger: silentLogger() });
    expect(report.mergedCompanies).toHaveLength(1);
    const after = await store.db.selectFrom('companies').selectAll().where('brn', '=', BRN.samsung).execute();
    expect(after).toHaveLength(1);
    expect(after[0]?.ticker).toBe('005930');
    expect(after[0]?.corp_code).toBe('00100001');
    expect(after[0]?.corp_no).toBe('110111-0000001');
    const dropped = await store.db
      .selectFrom('companies')
      .select('id')
      .where('id', '=', report.mergedCompanies[0]?.droppedId as number)
      .execute();
    expect(dropped).toHaveLength(0);
  });

  it.skipIf(skipReason)('resolves Samsung name spellings', async () => {
    dir = writeFixtureFolder();
    await importPath(store, dir, { logger: silentLogger() });
    const samsung = await store.db
      .selectFrom('companies')
      .select('id')
      .where('brn', '=', BRN.samsung)
      .executeTakeFirstOrThrow();
    const resolver = new CompanyResolver(store.db);
    for (const spelling of ['삼성전자(주)', '(주)삼성전자', '삼성전자 주식회사', '삼성전자주식회사']) {
      expect(await resolver.findByName(spelling), spelling).toEqual({
        status: 'unique',
        companyId: samsung.id,
      });
    }
  });

  it.skipIf(skipReason)('attaches applicants by name', async () => {
    dir = writeFixtureFolder();
    await importPath(store, dir, { logger: silentLogger() });
    const samsung = await store.db
      .selectFrom('companies')
      .select('id')
      .where('brn', '=', BRN.samsung)
      .executeTakeFirstOrThrow();
    const university = await store.db
      .selectFrom('companies')
      .select('id')
      .where('brn', '=', BRN.university)
      .executeTakeFirstOrThrow();
    const patent = await store.db
      .selectFrom('patents')
      .select('id')
      .where('application_no', '=', '1020200000002')
      .executeTakeFirstOrThrow();
    const applicants = await store.db
      .selectFrom('patent_applicants')
      .selectAll()
      .where('patent_id', '=', patent.id)
      .orderBy('position')
      .execute();
    expect(applicants.map((row) => [row.applicant_name, row.company_id, row.resolution])).toEqual([
      ['삼성전자주식회사', samsung.id, 'name'],
      ['서울대학교산학협력단', university.id, 'name'],
    ]);
  });

  it.skipIf(skipReason)('creates applicant-only companies', async () => {
    dir = writeFixtureFolder();
    await importPath(store, dir, { logger: silentLogger() });
    const created = await store.db
      .selectFrom('companies')
      .selectAll()
      .where('kind', '=', 'applicant')
      .execute();
    expect(created.map((company) => company.name)).toEqual(['홍길순']);
    const row = await store.db
      .selectFrom('patent_applicants')
      .selectAll()
      .where('company_id', '=', created[0]?.id as number)
      .executeTakeFirstOrThrow();
    expect(row.resolution).toBe('created');
  });

  it.skipIf(skipReason)('reports an ambiguous applicant name', async () => {
    dir = writeFixtureFolder();
    const report = await importPath(store, dir, { logger: silentLogger() });
    const patents = report.files.find((file) => file.format === 'kipris_patents');
    const warning = patents?.warnings.find((group) => group.reason.startsWith('ambiguous applicant name'));
    expect(warning?.count).toBe(1);
    // Line 5: the first patent's abstract spans lines 2 and 3.
    expect(warning?.lines).toEqual([5]);
    expect(warning?.examples).toEqual(['한울소재']);
    const patent = await store.db
      .selectFrom('patents')
      .select('id')
      .where('application_no', '=', '2020200000003')
      .executeTakeFirstOrThrow();
    const first = await store.db
      .selectFrom('patent_applicants')
      .selectAll()
      .where('patent_id', '=', patent.id)
      .where('position', '=', 0)
      .executeTakeFirstOrThrow();
    expect(first.company_id).toBeNull();
    expect(first.resolution).toBe('ambiguous');
  });
});
