import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { importPath } from '../../../data/import/index.js';
import type { FileReport, ImportReport } from '../../../data/import/types.js';
import { BACKENDS, type TestStore } from '../../support/stores.js';
import { BRN, tempFolder, writeFiles } from './fixtures.js';

/** Hostile and damaged files: each must lose no stored row, fail no file and converge on a re-run. */

const COMPANY_HEADER = 'company_seq,biz_no,corp_no,biz_type,company_name';
const PATENT_HEADER =
  'applicant_no,Applicant,ApplicationNumber,ApplicationDate,InventionName,InternationalpatentclassificationNumber,' +
  'Abstract,OpeningNumber,OpeningDate,PublicNumber,PublicDate,RegistrationNumber,RegistrationDate,RegistrationStatus,source_path';
const COMPANIES = [
  COMPANY_HEADER,
  `1,${BRN.hanulA},,법인,(주)한울소재`,
  `2,${BRN.bioStart},,법인,(주)바이오스타트`,
];

function patentRow(applicationNo: string, applicant: string, abstract = '요약'): string {
  return `,${applicant},${applicationNo},20200105,소재,C08K 3/00,"${abstract}",,,,,,,공개,x`;
}

function fileOf(report: ImportReport, path: string): FileReport {
  const file = report.files.find((item) => item.path === path);
  if (!file) throw new Error(`No report for ${path}: ${report.files.map((item) => item.path).join(', ')}`);
  return file;
}

function reasons(file: FileReport): Record<string, number[]> {
  return Object.fromEntries(file.rejections.map((group) => [group.reason, group.lines]));
}

describe.each(BACKENDS)('import of bad input ($name)', ({ open, skipReason }) => {
  let store: TestStore;
  let dir: string;
  const run = (path = dir) => importPath(store, path, { logger: silentLogger() });

  beforeEach(async () => {
    if (skipReason) return;
    store = await open();
    dir = tempFolder();
  });
  afterEach(async () => {
    if (skipReason) return;
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skipReason)('keeps rows before a cut quoted field', async () => {
    writeFiles(dir, { 'companies.csv': [...COMPANIES, `3,${BRN.newCo},,법인,"뉴코`].join('\n') });
    const file = fileOf(await run(), 'companies.csv');
    expect(file.status).toBe('imported');
    expect(file.imported).toBe(2);
    expect(reasons(file)).toEqual({
      'unclosed quoted field: the row runs to the end of the file (is the file cut short?)': [4],
    });
    writeFiles(dir, { 'companies.csv': [...COMPANIES, `3,${BRN.newCo},,법인,"뉴코"`].join('\n') });
    const fixed = fileOf(await run(), 'companies.csv');
    expect([fixed.imported, fixed.unchanged, fixed.rejected]).toEqual([1, 2, 0]);
  });

  it.skipIf(skipReason)('recognises a file cut in its first row', async () => {
    writeFiles(dir, { 'companies.csv': `${COMPANY_HEADER}\n1,${BRN.hanulA},,법인,"(주)한` });
    const file = fileOf(await run(), 'companies.csv');
    expect(file.format).toBe('neojune_companies');
    expect(file.rowsRead).toBe(1);
    expect(file.rejected).toBe(1);
  });

  it.skipIf(skipReason)('reads BOM, CRLF, CP949 and reordered columns alike', async () => {
    const reordered = [
      'company_name,biz_type,corp_no,biz_no,company_seq',
      `(주)한울소재,법인,,${BRN.hanulA},1`,
    ];
    writeFiles(dir, {
      'a-bom-crlf.csv': `\uFEFF${COMPANIES.join('\r\n')}\r\n`,
      'b-cp949.csv': iconv.encode(COMPANIES.join('\n'), 'cp949'),
      'c-reordered.csv': reordered.join('\n'),
      'd-header-only.csv': `${COMPANY_HEADER}\r\n`,
    });
    const report = await run();
    expect(fileOf(report, 'a-bom-crlf.csv').imported).toBe(2);
    expect(fileOf(report, 'b-cp949.csv').unchanged).toBe(2);
    expect(fileOf(report, 'c-reordered.csv').unchanged).toBe(1);
    expect(fileOf(report, 'd-header-only.csv')).toMatchObject({ status: 'imported', rowsRead: 0 });
    const names = await store.db.selectFrom('companies').select('name').orderBy('name').execute();
    expect(names.map((row) => row.name)).toEqual(['(주)바이오스타트', '(주)한울소재']);
  });

  it.skipIf(skipReason)('accepts full-width BRN digits and odd dashes', async () => {
    const fullWidth = BRN.hanulA.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    writeFiles(dir, {
      'companies.csv': [COMPANY_HEADER, `1,${fullWidth.replace(/-/g, '\u2013')},,법인,한울`].join('\n'),
    });
    expect(fileOf(await run(), 'companies.csv').imported).toBe(1);
    const stored = await store.db.selectFrom('companies').select('brn').executeTakeFirstOrThrow();
    expect(stored.brn).toBe(BRN.hanulA);
  });

  it.skipIf(skipReason || process.platform === 'win32')('skips a FIFO unread', async () => {
    writeFiles(dir, { 'companies.csv': COMPANIES.join('\n') });
    execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
    const report = await run();
    expect(fileOf(report, 'pipe.csv')).toMatchObject({ status: 'skipped', skipReason: 'not a regular file' });
    expect(fileOf(report, 'companies.csv').imported).toBe(2);
  });

  it.skipIf(skipReason)('rejects out-of-range and negative numbers', async () => {
    const tickers =
      '"","종목코드","종목명","종가","대비","등락률","시장구분","업종명","시가총액","EPS","PER","BPS","PBR","주당배당금","배당수익률"';
    writeFiles(dir, {
      'companies.csv': COMPANIES.join('\n'),
      'statements.csv': [
        'brn,account,period,value_100m_krw',
        `${BRN.hanulA},매출액,2020-12,1e400`,
        `${BRN.hanulA},자산,2020-12,-1e25`,
        `${BRN.hanulA},영업이익,2020-12,-12.5`,
        `${BRN.hanulA},부채,2020-12,NaN`,
      ].join('\n'),
      'tickers.csv': [
        tickers,
        '"1","111110","한빛",-5,0,0,"KOSDAQ","제약",5000,1,1,1,1,0,0',
        '"2","222220","누리",12000,0,0,"KOSDAQ","소프트웨어",99999999999999999999999,1,1,1,1,0,0',
        '"3","333330","다온",12000,0,0,"KOSDAQ","소프트웨어",80000000000,-3,-4,1,1,0,0',
      ].join('\n'),
    });
    const report = await run();
    expect(report.files.filter((file) => file.status === 'failed')).toEqual([]);
    expect(reasons(fileOf(report, 'statements.csv'))).toEqual({
      'number out of range (magnitude must stay below 1e+18)': [2, 3],
      'missing value_100m_krw': [5],
    });
    expect(reasons(fileOf(report, 'tickers.csv'))).toEqual({
      'negative number (expected 0 or more)': [2],
      'number out of range (magnitude must stay below 1e+18)': [3],
    });
    const statements = await store.db.selectFrom('financial_statements').select('value').execute();
    expect(statements.map((row) => Number(row.value))).toEqual([-12.5]);
  });

  it.skipIf(skipReason)('rejects cells longer than their columns', async () => {
    writeFiles(dir, {
      'companies.csv': [...COMPANIES, `${'9'.repeat(70)},${BRN.newCo},,법인,뉴코`].join('\n'),
      'patents.csv': [
        PATENT_HEADER,
        patentRow('1020200000001', '(주)한울소재', '가'.repeat(1_000_000)),
        patentRow('1020200000002', '(주)한울소재'),
        patentRow('10202000000AB', '(주)한울소재'),
      ].join('\n'),
      'overview.csv': [',tickers,company overview', `0,111110,"${'동'.repeat(70_000)}"`].join('\n'),
    });
    const report = await run();
    expect(report.files.filter((file) => file.status === 'failed')).toEqual([]);
    expect(reasons(fileOf(report, 'companies.csv'))).toEqual({
      'malformed sequence number (1 to 18 digits)': [4],
    });
    const patents = fileOf(report, 'patents.csv');
    expect(patents.imported).toBe(1);
    expect(reasons(patents)).toEqual({
      'Abstract longer than 65535 bytes': [2],
      'malformed application number (13 digits expected)': [4],
    });
    expect(patents.rejections[0]?.examples[0]).toMatch(/… \(3000000 bytes\)$/);
    expect(reasons(fileOf(report, 'overview.csv'))).toEqual({
      'company overview longer than 65535 bytes': [2],
    });
  });

  it.skipIf(skipReason)('rejects duplicate keys with other values', async () => {
    const reason = 'duplicate key with other values than an earlier row of this file';
    const ecosHeader = 'STAT_CODE,STAT_NAME,ITEM_CODE1,ITEM_NAME1,UNIT_NAME,TIME,DATA_VALUE';
    writeFiles(dir, {
      'companies.csv': COMPANIES.join('\n'),
      'profiles.csv': [
        'brn,name_en,aliases,sector,main_products,overview,listed',
        `${BRN.hanulA},Hanul,한울소재,chemicals,,,0`,
        `${BRN.hanulA},Hanul,한울소재,chemicals,,,0`,
        `${BRN.hanulA},Hanul,한울소재,bio,,,0`,
      ].join('\n'),
      'statements.csv': [
        'brn,account,period,value_100m_krw',
        `${BRN.hanulA},매출액,2020-12,10`,
        `${BRN.hanulA},매출액,2020-12,20`,
      ].join('\n'),
      'interactions.csv': [
        'brn_a,brn_b,kind,date,reference',
        `${BRN.hanulA},${BRN.bioStart},partnership,2023-01-01,R1`,
        `${BRN.bioStart},${BRN.hanulA},partnership,2023-02-01,R1`,
      ].join('\n'),
      'kospi.csv': [
        ecosHeader,
        '802Y001,x,0001000,KOSPI지수,y,20200102,2100',
        '802Y001,x,0001000,KOSPI지수,y,20200102,2200',
      ].join('\n'),
    });
    const first = await run();
    expect(reasons(fileOf(first, 'profiles.csv'))).toEqual({ [reason]: [4] });
    expect(fileOf(first, 'profiles.csv').rejections[0]?.examples).toEqual([
      `sector of BRN ${BRN.hanulA}, first given on line 2`,
    ]);
    for (const name of ['statements.csv', 'interactions.csv', 'kospi.csv']) {
      expect(reasons(fileOf(first, name)), name).toEqual({ [reason]: [3] });
    }
    const second = await run();
    for (const file of second.files) {
      expect(file.imported + file.updated, file.path).toBe(0);
    }
    expect(second.changedProfileCompanyIds).toEqual([]);
    const company = await store.db
      .selectFrom('companies')
      .select('sector')
      .where('brn', '=', BRN.hanulA)
      .executeTakeFirstOrThrow();
    expect(company.sector).toBe('chemicals');
  });

  it.skipIf(skipReason)('converges when patents come first', async () => {
    writeFiles(dir, {
      'companies.csv': COMPANIES.join('\n'),
      'patents.csv': [
        PATENT_HEADER,
        patentRow('1020200000001', '주식회사 한울소재'),
        patentRow('1020200000002', '바이오스타트 주식회사|(주)한울소재'),
      ].join('\n'),
    });
    // Patents alone, then the company list, then the patents again, into one store.
    await run(join(dir, 'patents.csv'));
    await run(join(dir, 'companies.csv'));
    const again = fileOf(await run(join(dir, 'patents.csv')), 'patents.csv');
    expect(again.imported + again.updated).toBe(0);
    const reordered = await ownersByBrn(store);
    expect(reordered).toEqual([
      ['1020200000001', BRN.hanulA],
      ['1020200000002', BRN.hanulA],
      ['1020200000002', BRN.bioStart],
    ]);
    // The usual order, companies first, gives the same owners in a second store.
    const fresh = await open();
    try {
      await importPath(fresh, dir, { logger: silentLogger() });
      expect(await ownersByBrn(fresh)).toEqual(reordered);
    } finally {
      await fresh.dispose();
    }
  });
});

/** Lists each patent's applicants as [application number, owner BRN], independent of row ids. */
async function ownersByBrn(store: TestStore): Promise<[string, string | null][]> {
  const rows = await store.db
    .selectFrom('patent_applicants')
    .innerJoin('patents', 'patents.id', 'patent_applicants.patent_id')
    .leftJoin('companies', 'companies.id', 'patent_applicants.company_id')
    .select(['patents.application_no', 'companies.brn'])
    .execute();
  return rows
    .map((row): [string, string | null] => [row.application_no, row.brn])
    .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
}
