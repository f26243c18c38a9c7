import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { importPath } from '../../../data/import/index.js';
import type { ImportReport } from '../../../data/import/types.js';
import { REAL_DATA_DIR, realDataSkipReason } from '../../support/paths.js';
import { BACKENDS, type TestStore } from '../../support/stores.js';

/**
 * Imports the whole real-data folder. It runs on SQLite only unless EXIT_TEST_REAL_MYSQL=1, because
 * on MariaDB one full import takes about a minute; the per-format tests cover both backends.
 */

const EXPECTED_FORMATS: Record<string, string> = {
  'ecos-market-index/bok_base_rate_daily.csv': 'ecos_bok_base_rate',
  'ecos-market-index/kosdaq_index_daily.csv': 'ecos_kosdaq_index',
  'ecos-market-index/kospi_index_daily.csv': 'ecos_kospi_index',
  'fnguide-bizno/code_list_utf.csv': 'fnguide_code_list',
  'fnguide-bizno/fnguide_utf.csv': 'fnguide_companies',
  'fnguide-bizno/kospi_ret.csv': 'fnguide_kospi_returns',
  'kind-listed-companies/krx_market_snapshot.csv': 'krx_market_snapshot',
  'kind-listed-companies/listed_companies_kind.csv': 'kind_listed_companies',
  'kipris-neojune/companies_tb24_100.csv': 'neojune_companies',
  'kipris-neojune/company_applicant_no_tb24_200.csv': 'neojune_company_applicant_numbers',
  'kipris-neojune/patents_kipris_plus.csv': 'kipris_patents',
  'kipris-neojune/universities_tb24_110.csv': 'neojune_universities',
  'kipris-neojune/university_applicant_no_tb24_210.csv': 'neojune_university_applicant_numbers',
  'krx-quant-cookbook/KOR_fs_key_accounts_long.csv': 'krx_financial_statements',
  'krx-quant-cookbook/KOR_price_monthly_close.csv': 'krx_monthly_closes',
  'krx-quant-cookbook/KOR_sector.csv': 'wics_sectors',
  'krx-quant-cookbook/KOR_ticker.csv': 'krx_tickers',
  'krx-quant-cookbook/KOR_value.csv': 'krx_valuation_ratios',
  'krx-quant-cookbook/corp_list.csv': 'dart_corp_codes',
  'krx-quant-cookbook/krx_ind.csv': 'krx_valuation_snapshot',
  'krx-quant-cookbook/krx_sector.csv': 'krx_sector_snapshot',
  'naver-theme-overview/company_overview.csv': 'naver_company_overview',
  'naver-theme-overview/naver_theme_by_stock.csv': 'naver_themes',
};

/** Companies with patents and a BRN, with their patent counts, as the data's README lists them. */
const PATENTS_BY_BRN: Record<string, number> = {
  '124-86-17932': 92,
  '211-87-84178': 54,
  '131-86-02849': 49,
  '617-81-50802': 40,
  '510-81-16842': 37,
  '617-81-56000': 33,
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Data rows of a CSV file, counted by parsing it independently of the importer. */
function countDataRows(path: string): number {
  const records = parse(readFileSync(path), {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  return records.length - 1;
}

const backends = BACKENDS.filter(
  (backend) => backend.name === 'sqlite' || process.env.EXIT_TEST_REAL_MYSQL === '1',
);

describe.skipIf(realDataSkipReason).each(backends)('real data import ($name)', ({ open, skipReason }) => {
  let store: TestStore;
  let report: ImportReport;

  beforeAll(async () => {
    if (skipReason) return;
    store = await open();
    report = await importPath(store, REAL_DATA_DIR, { logger: silentLogger() });
  }, 300_000);
  afterAll(async () => {
    if (skipReason) return;
    await store.dispose();
  });

  it.skipIf(skipReason)('recognises and reads every CSV', () => {
    const csvFiles = listFiles(REAL_DATA_DIR).filter((path) => path.endsWith('.csv'));
    expect(csvFiles.map((path) => relative(REAL_DATA_DIR, path)).sort()).toEqual(
      Object.keys(EXPECTED_FORMATS).sort(),
    );
    for (const path of csvFiles) {
      const name = relative(REAL_DATA_DIR, path);
      const file = report.files.find((item) => item.path === name);
      expect(file?.format, name).toBe(EXPECTED_FORMATS[name]);
      expect(file?.status, `${name}: ${file?.error}`).toBe('imported');
      expect(file?.rowsRead, name).toBe(countDataRows(path));
      const counted =
        (file?.imported ?? 0) + (file?.updated ?? 0) + (file?.unchanged ?? 0) + (file?.rejected ?? 0);
      expect(counted, name).toBe(file?.rowsRead);
    }
  });

  it.skipIf(skipReason)('skips the notes', () => {
    const skipped = report.files.filter((file) => file.status === 'skipped').map((file) => file.path);
    expect(skipped.every((path) => path.endsWith('.txt') || path.endsWith('.md'))).toBe(true);
    expect(skipped).toContain('README.md');
  });

  it.skipIf(skipReason)('attaches the listed patent counts', async () => {
    for (const [brn, expected] of Object.entries(PATENTS_BY_BRN)) {
      const row = await store.db
        .selectFrom('patent_applicants')
        .innerJoin('companies', 'companies.id', 'patent_applicants.company_id')
        .select((eb) => eb.fn.count<number>('patent_applicants.patent_id').distinct().as('patents'))
        .where('companies.brn', '=', brn)
        .executeTakeFirstOrThrow();
      expect(Number(row.patents), brn).toBe(expected);
    }
  });

  it.skipIf(skipReason)('keeps every co-applicant', async () => {
    const patents = await store.db
      .selectFrom('patents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(patents.n)).toBe(1831);
    const shared = await store.db
      .selectFrom('patent_applicants')
      .select('patent_id')
      .groupBy('patent_id')
      .having((eb) => eb.fn.countAll(), '>=', 2)
      .execute();
    expect(shared).toHaveLength(326);
  });

  it.skipIf(skipReason)('joins Samsung across sources', async () => {
    const samsung = await store.db
      .selectFrom('companies')
      .selectAll()
      .where('brn', '=', '124-81-00998')
      .executeTakeFirstOrThrow();
    expect(samsung.ticker).toBe('005930');
    expect(samsung.corp_code).toMatch(/^\d{8}$/);
    expect(samsung.listed).toBe(1);
    expect(samsung.market).toBe('KOSPI');
  });

  it.skipIf(skipReason)('joins BRNs to KOR_ticker rows', async () => {
    // The data's README: 2,163 FnGuide BRNs map to a KOR_ticker row, 2,122 of them have statements.
    const withTicker = await store.db
      .selectFrom('companies')
      .innerJoin('market_caps', 'market_caps.company_id', 'companies.id')
      .select('companies.id')
      .where('market_caps.source', '=', 'krx_quant_kor_ticker')
      .where('companies.brn', 'is not', null)
      .execute();
    expect(withTicker).toHaveLength(2163);
    const withStatements = await store.db
      .selectFrom('companies')
      .select('id')
      .where('brn', 'is not', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('financial_statements')
            .select('company_id')
            .whereRef('financial_statements.company_id', '=', 'companies.id')
            .where('financial_statements.source', '=', 'krx_quant_kor_fs'),
        ),
      )
      .execute();
    expect(withStatements).toHaveLength(2122);
  });

  it.skipIf(skipReason)(
    'changes nothing when run twice',
    async () => {
      const second = await importPath(store, REAL_DATA_DIR, { logger: silentLogger() });
      for (const file of second.files.filter((item) => item.status !== 'skipped')) {
        expect(file.status, file.path).toBe('imported');
        expect(file.imported, file.path).toBe(0);
        expect(file.updated, file.path).toBe(0);
      }
      expect(second.newOrChangedPatentIds).toEqual([]);
      expect(second.changedProfileCompanyIds).toEqual([]);
    },
    300_000,
  );
});
