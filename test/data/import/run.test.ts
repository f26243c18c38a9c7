import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brnFromNineDigits } from '../../../core/brn.js';
import { silentLogger } from '../../../core/logger.js';
import { formatImportReport, importPath } from '../../../data/import/index.js';
import type { FileReport, ImportProgress, ImportReport } from '../../../data/import/types.js';
import type { Database } from '../../../data/store/tables.js';
import { BACKENDS, type TestStore } from '../../support/stores.js';
import {
  BRN,
  fixtureFiles,
  tempFolder,
  withBadCheckDigit,
  writeFiles,
  writeFixtureFolder,
} from './fixtures.js';

const DATA_TABLES: (keyof Database)[] = [
  'companies',
  'company_names',
  'company_keys',
  'patents',
  'patent_ipc',
  'patent_applicants',
  'financial_statements',
  'monthly_closes',
  'market_caps',
  'company_metrics',
  'market_index_values',
  'rate_series',
  'interactions',
  'import_runs',
];

/** Reads every row of every table, sorted, for before-and-after comparisons. */
async function snapshot(store: TestStore): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of DATA_TABLES) {
    const rows = await store.db.selectFrom(table).selectAll().execute();
    result[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return result;
}

function fileOf(report: ImportReport, path: string): FileReport {
  const file = report.files.find((item) => item.path === path);
  if (!file) throw new Error(`No report for ${path}: ${report.files.map((item) => item.path).join(', ')}`);
  return file;
}

function reasons(file: FileReport): Record<string, { count: number; lines: number[] }> {
  return Object.fromEntries(
    file.rejections.map((group) => [group.reason, { count: group.count, lines: group.lines }]),
  );
}

describe.each(BACKENDS)('importPath ($name)', ({ open, skipReason }) => {
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

  it.skipIf(skipReason)('changes nothing on a re-run', async () => {
    dir = writeFixtureFolder();
    await importPath(store, dir, { logger: silentLogger() });
    const before = await snapshot(store);
    const second = await importPath(store, dir, { logger: silentLogger() });
    for (const file of second.files.filter((item) => item.status === 'imported')) {
      expect(file.imported, file.path).toBe(0);
      expect(file.updated, file.path).toBe(0);
      expect(file.unchanged, file.path).toBe(file.rowsRead - file.rejected);
    }
    expect(second.newOrChangedPatentIds).toEqual([]);
    expect(second.changedProfileCompanyIds).toEqual([]);
    expect(second.sectorsDerived).toBe(0);
    const after = await snapshot(store);
    for (const table of DATA_TABLES.filter((name) => name !== 'import_runs')) {
      expect(after[table], table).toEqual(before[table]);
    }
    // import_runs is the audit log: one more row per file.
    expect(after.import_runs?.length).toBe((before.import_runs?.length ?? 0) * 2);
  });

  it.skipIf(skipReason)('reports changed patents and profiles', async () => {
    dir = writeFixtureFolder();
    await importPath(store, dir, { logger: silentLogger() });
    const files = fixtureFiles();
    writeFiles(dir, {
      '01-patents.csv': (files['01-patents.csv'] as string).replace(
        '반도체 소자',
        '반도체 소자 및 제조 방법',
      ),
      '21-kind.csv': (files['21-kind.csv'] as string).replace('항체 치료제, 진단 키트', '항체 치료제'),
    });
    const report = await importPath(store, dir, { logger: silentLogger() });
    const patents = fileOf(report, '01-patents.csv');
    expect(patents.updated).toBe(1);
    expect(patents.unchanged).toBe(3);
    const changed = await store.db
      .selectFrom('patents')
      .select('id')
      .where('application_no', '=', '1020200000002')
      .executeTakeFirstOrThrow();
    expect(report.newOrChangedPatentIds).toEqual([changed.id]);
    const hanbit = await store.db
      .selectFrom('companies')
      .select(['id', 'main_products'])
      .where('ticker', '=', '111110')
      .executeTakeFirstOrThrow();
    expect(hanbit.main_products).toBe('항체 치료제');
    expect(report.changedProfileCompanyIds).toEqual([hanbit.id]);
  });

  it.skipIf(skipReason)('replaces co-applications when applicants change', async () => {
    dir = writeFixtureFolder();
    await importPath(store, dir, { logger: silentLogger() });
    const files = fixtureFiles();
    writeFiles(dir, {
      '01-patents.csv': (files['01-patents.csv'] as string).replace(
        '홍길순|(주)바이오스타트|삼성전자(주)',
        '(주)바이오스타트|삼성전자(주)',
      ),
    });
    const report = await importPath(store, dir, { logger: silentLogger() });
    const patents = fileOf(report, '01-patents.csv');
    expect(patents.updated).toBe(1);
    const samsung = await store.db
      .selectFrom('companies')
      .select('id')
      .where('brn', '=', BRN.samsung)
      .executeTakeFirstOrThrow();
    const bioStart = await store.db
      .selectFrom('companies')
      .select('id')
      .where('brn', '=', BRN.bioStart)
      .executeTakeFirstOrThrow();
    const pairs = await store.db
      .selectFrom('interactions')
      .select(['company_a', 'company_b'])
      .where('reference', '=', '1020200000004')
      .execute();
    expect(pairs).toEqual([
      { company_a: Math.min(samsung.id, bioStart.id), company_b: Math.max(samsung.id, bioStart.id) },
    ]);
    // The title and abstract are unchanged, so the patent needs no new embedding.
    expect(report.newOrChangedPatentIds).toEqual([]);
  });

  it.skipIf(skipReason)('rolls back a file that fails', async () => {
    dir = writeFixtureFolder();
    await importPath(store, dir, { logger: silentLogger() });
    const before = await snapshot(store);
    const failing = tempFolder();
    const lines = ['company_seq,biz_no,corp_no,biz_type,company_name'];
    for (let i = 0; i < 450; i++)
      lines.push(`${100 + i},${brnFromNineDigits(String(500_000_000 + i))},,법인,(주)테스트${i}`);
    const kospi = fixtureFiles()['02-ecos-kospi.csv'] as string;
    writeFiles(failing, {
      'companies.csv': lines.join('\n'),
      'kospi.csv': kospi.replace('20200102', '20200106').replace('20200103', '20200107'),
    });
    const report = await importPath(store, failing, {
      logger: silentLogger(),
      progressEvery: 100,
      onProgress: ({ file, rowsDone }) => {
        // Two batches of 200 rows are written by the time 400 rows were read.
        if (file === 'companies.csv' && rowsDone >= 400) throw new Error('injected failure at row 400');
      },
    });
    rmSync(failing, { recursive: true, force: true });
    const companies = fileOf(report, 'companies.csv');
    expect(companies.status).toBe('failed');
    expect(companies.error).toBe('injected failure at row 400');
    expect(companies.imported).toBe(0);
    expect(formatImportReport(report)).toMatch(/FAILED\s+companies\.csv .*rolled back: injected failure/);
    expect(fileOf(report, 'kospi.csv').imported).toBe(2);
    const after = await snapshot(store);
    for (const table of DATA_TABLES.filter(
      (name) => name !== 'market_index_values' && name !== 'import_runs',
    )) {
      expect(after[table], table).toEqual(before[table]);
    }
    expect(after.market_index_values?.length).toBe((before.market_index_values?.length ?? 0) + 2);
    expect(after.import_runs?.length).toBe((before.import_runs?.length ?? 0) + 1);
  });

  it.skipIf(skipReason)('rejects bad rows with line numbers', async () => {
    dir = tempFolder();
    const files = fixtureFiles();
    const patentHeader = (files['01-patents.csv'] as string).split('\n')[0];
    writeFiles(dir, {
      'tickers.csv': files['25-krx-tickers.csv'] as string,
      'companies.csv': [
        'company_seq,biz_no,corp_no,biz_type,company_name',
        `1,${BRN.hanulA},,법인,(주)한울소재`,
        `2,${withBadCheckDigit(BRN.hanulB)},,법인,잘못된회사`,
        '3,12-345,,법인,형식오류',
        `4,${BRN.bioStart},,법인,`,
        `5,${BRN.newCo}`,
      ].join('\n'),
      'applicants.csv': [
        'applicant_id,applicant_no,company_seq,write_time,app_type',
        '1,120000000009,99,2024-11-04 16:43:17,company',
        '2,12345,1,2024-11-04 16:43:17,company',
      ].join('\n'),
      'patents.csv': [
        patentHeader,
        ',(주)한울소재,1020200000011,20200105,소재,C08K 3/00,,,,,,,,공개,x',
        ',(주)한울소재,1020200000011,20200105,소재,C08K 3/00,,,,,,,,공개,x',
        ',(주)한울소재,10-2020-12,20200105,소재,C08K 3/00,,,,,,,,공개,x',
        ',(주)한울소재,1020200000012,20201345,소재,C08K 3/00,,,,,,,,공개,x',
        ',(주)한울소재,1020200000013,20200105,,C08K 3/00,,,,,,,,공개,x',
        ',(주)한울소재,1020200000014,20200105,소재,XYZ,,,,,,,,공개,x',
      ].join('\n'),
      'fs.csv': [
        'ticker,account,period,value_100m_krw',
        '999990,매출액,2020.12,1',
        '005930,매출액,2020.12,abc',
        '005930,매출액,2020.13,1',
      ].join('\n'),
      'fnguide.csv': [
        'Symbol,Name,결산월,회계년,주기,asset,conm,regist_num,year',
        'A005930,삼성전자,12,2019,Annual,1,삼성전자(주),124-81-00998,2019',
        'A111110,한빛테크,12,2019,Annual,1,(주)한빛테크,124-81-00998,2019',
        'A12345,짧은코드,12,2019,Annual,1,짧은코드,124-81-00998,2019',
      ].join('\n'),
      'interactions.csv': [
        'brn_a,brn_b,kind,date,reference',
        `${BRN.hanulA},${BRN.newCo},partnership,2023-01-01,R1`,
        `${BRN.hanulA},${BRN.hanulA},partnership,2023-01-01,R2`,
        `${BRN.hanulA},${BRN.samsung},merger,2023-01-01,R3`,
      ].join('\n'),
      'profiles.csv': [
        'brn,name_en,aliases,sector,main_products,overview,listed',
        `${BRN.hanulA},Hanul,,space,,,0`,
      ].join('\n'),
    });
    const report = await importPath(store, dir, { logger: silentLogger() });
    expect(reasons(fileOf(report, 'companies.csv'))).toEqual({
      'invalid BRN check digit': { count: 1, lines: [3] },
      'malformed BRN': { count: 1, lines: [4] },
      'missing company_name': { count: 1, lines: [5] },
      'wrong number of columns': { count: 1, lines: [6] },
    });
    expect(reasons(fileOf(report, 'applicants.csv'))).toEqual({
      'unknown company_seq (no such row imported)': { count: 1, lines: [2] },
      'malformed applicant number': { count: 1, lines: [3] },
    });
    expect(reasons(fileOf(report, 'patents.csv'))).toEqual({
      'duplicate application number in file': { count: 1, lines: [3] },
      'malformed application number (13 digits expected)': { count: 1, lines: [4] },
      'malformed date': { count: 1, lines: [5] },
      'missing InventionName': { count: 1, lines: [6] },
      'malformed IPC code': { count: 1, lines: [7] },
    });
    expect(reasons(fileOf(report, 'fs.csv'))).toEqual({
      'unknown ticker (no company imported with it)': { count: 1, lines: [2] },
      'malformed number': { count: 1, lines: [3] },
      'malformed month': { count: 1, lines: [4] },
    });
    const fnguide = fileOf(report, 'fnguide.csv');
    expect(reasons(fnguide)).toEqual({
      'identity conflict': { count: 1, lines: [3] },
      'malformed ticker': { count: 1, lines: [4] },
    });
    expect(fnguide.rejections[0]?.examples[0]).toMatch(/conflicting ticker/);
    expect(reasons(fileOf(report, 'interactions.csv'))).toEqual({
      'unknown BRN (no company imported with it)': { count: 1, lines: [2] },
      'interaction of a company with itself': { count: 1, lines: [3] },
      'unknown interaction kind': { count: 1, lines: [4] },
    });
    expect(reasons(fileOf(report, 'profiles.csv'))).toEqual({
      'unknown sector code': { count: 1, lines: [2] },
    });
    for (const file of report.files.filter((item) => item.status === 'imported')) {
      expect(file.imported + file.updated + file.unchanged + file.rejected, file.path).toBe(file.rowsRead);
    }
  });

  it.skipIf(skipReason)('reports progress per file', async () => {
    dir = tempFolder();
    writeFiles(dir, { 'kospi.csv': fixtureFiles()['02-ecos-kospi.csv'] as string });
    const calls: ImportProgress[] = [];
    await importPath(store, dir, {
      logger: silentLogger(),
      progressEvery: 1,
      onProgress: (progress) => calls.push(progress),
    });
    expect(calls.map((call) => [call.file, call.rowsDone, call.rowsTotal])).toEqual([
      ['kospi.csv', 1, 2],
      ['kospi.csv', 2, 2],
      ['kospi.csv', 2, 2],
    ]);
    expect(calls.at(-1)?.bytesDone).toBe(calls.at(-1)?.bytesTotal);
  });

  it.skipIf(skipReason)('reads CP949 files', async () => {
    dir = tempFolder();
    writeFiles(dir, { 'kind.csv': iconv.encode(fixtureFiles()['21-kind.csv'] as string, 'cp949') });
    const report = await importPath(store, dir, { logger: silentLogger() });
    const kind = fileOf(report, 'kind.csv');
    expect(kind.format).toBe('kind_listed_companies');
    expect(kind.encoding).toBe('cp949');
    expect(kind.imported).toBe(2);
    expect(formatImportReport(report)).toMatch(/read as cp949/);
    const hanbit = await store.db
      .selectFrom('companies')
      .selectAll()
      .where('ticker', '=', '111110')
      .executeTakeFirstOrThrow();
    expect(hanbit.name).toBe('한빛테크');
    expect(hanbit.region).toBe('서울특별시');
  });

  it.skipIf(skipReason)('strips a UTF-8 BOM', async () => {
    dir = tempFolder();
    writeFiles(dir, { 'codes.csv': `\uFEFF${fixtureFiles()['22-code-list.csv']}` });
    const report = await importPath(store, dir, { logger: silentLogger() });
    const codes = fileOf(report, 'codes.csv');
    expect(codes.format).toBe('fnguide_code_list');
    expect(codes.encoding).toBe('utf-8-bom');
    expect(codes.imported).toBe(2);
  });

  it.skipIf(skipReason)('skips unrecognised files with reasons', async () => {
    dir = tempFolder();
    writeFiles(dir, {
      'SOURCE.txt': 'Repository: example\nLicence: none\n',
      'notes/other.csv': 'a,b,c\n1,2,3\n',
      'image.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      'empty.csv': '',
      'ecos-other.csv':
        'STAT_CODE,STAT_NAME,ITEM_CODE1,ITEM_NAME1,UNIT_NAME,TIME,DATA_VALUE\n802Y001,x,0002000,KOSPI200,y,20200102,1\n',
    });
    symlinkSync(join(dir, 'missing.csv'), join(dir, 'broken.csv'));
    symlinkSync(dir, join(dir, 'loop'));
    const report = await importPath(store, dir, { logger: silentLogger() });
    expect(report.files.every((file) => file.status === 'skipped')).toBe(true);
    expect(fileOf(report, 'broken.csv').skipReason).toMatch(/^unreadable: ENOENT/);
    expect(report.files).toHaveLength(6);
    expect(fileOf(report, 'SOURCE.txt').skipReason).toMatch(/unrecognised header/);
    expect(fileOf(report, join('notes', 'other.csv')).skipReason).toBe('unrecognised header ("a", "b", "c")');
    expect(fileOf(report, 'image.bin').skipReason).toMatch(/binary file/);
    expect(fileOf(report, 'empty.csv').skipReason).toBe('empty file');
    expect(fileOf(report, 'ecos-other.csv').skipReason).toMatch(/first row matches none.*0002000/);
  });
});
