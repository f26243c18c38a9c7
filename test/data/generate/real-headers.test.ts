import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_DATA_DIR, realDataSkipReason } from '../../support/paths.js';
import { firstLine, type GeneratedDataset, generateInTemp, readRecords } from './fixture.js';

/** Generated file name and the real file it imitates, relative to the real-data folder. */
const COUNTERPARTS: readonly [string, string][] = [
  ['companies_tb24_100.csv', 'kipris-neojune/companies_tb24_100.csv'],
  ['company_applicant_no_tb24_200.csv', 'kipris-neojune/company_applicant_no_tb24_200.csv'],
  ['patents_kipris_plus.csv', 'kipris-neojune/patents_kipris_plus.csv'],
  ['fnguide_utf.csv', 'fnguide-bizno/fnguide_utf.csv'],
  ['KOR_ticker.csv', 'krx-quant-cookbook/KOR_ticker.csv'],
  ['KOR_sector.csv', 'krx-quant-cookbook/KOR_sector.csv'],
  ['corp_list.csv', 'krx-quant-cookbook/corp_list.csv'],
  ['KOR_fs_key_accounts_long.csv', 'krx-quant-cookbook/KOR_fs_key_accounts_long.csv'],
  ['KOR_price_monthly_close.csv', 'krx-quant-cookbook/KOR_price_monthly_close.csv'],
  ['listed_companies_kind.csv', 'kind-listed-companies/listed_companies_kind.csv'],
  ['naver_theme_by_stock.csv', 'naver-theme-overview/naver_theme_by_stock.csv'],
  ['company_overview.csv', 'naver-theme-overview/company_overview.csv'],
  ['kospi_index_daily.csv', 'ecos-market-index/kospi_index_daily.csv'],
  ['kosdaq_index_daily.csv', 'ecos-market-index/kosdaq_index_daily.csv'],
  ['bok_base_rate_daily.csv', 'ecos-market-index/bok_base_rate_daily.csv'],
];

async function usesCrlf(path: string): Promise<boolean> {
  const text = await readFile(path, 'utf8');
  return text.slice(0, text.indexOf('\n') + 1).endsWith('\r\n');
}

describe.skipIf(realDataSkipReason !== null)('generated files against the real exports', () => {
  let dataset: GeneratedDataset;

  beforeAll(async () => {
    dataset = await generateInTemp(120, 99);
  });

  afterAll(async () => {
    await rm(dataset.dir, { recursive: true, force: true });
  });

  it.each(COUNTERPARTS)('%s has the header of %s', async (generated, real) => {
    expect(await firstLine(join(dataset.dir, generated))).toBe(await firstLine(join(REAL_DATA_DIR, real)));
  });

  it.each(COUNTERPARTS)('%s uses the line ending of %s', async (generated, real) => {
    expect(await usesCrlf(join(dataset.dir, generated))).toBe(await usesCrlf(join(REAL_DATA_DIR, real)));
  });

  it.each([
    ['kospi_index_daily.csv', 'ecos-market-index/kospi_index_daily.csv'],
    ['kosdaq_index_daily.csv', 'ecos-market-index/kosdaq_index_daily.csv'],
    ['bok_base_rate_daily.csv', 'ecos-market-index/bok_base_rate_daily.csv'],
  ])('%s carries the ECOS series identifiers of %s', async (generated, real) => {
    const columns = ['STAT_CODE', 'STAT_NAME', 'ITEM_CODE1', 'ITEM_NAME1', 'UNIT_NAME'];
    const [ours] = await readRecords(join(dataset.dir, generated));
    const [theirs] = await readRecords(join(REAL_DATA_DIR, real));
    for (const column of columns) expect(ours?.[column], column).toBe(theirs?.[column]);
  });

  it('uses real account names', async () => {
    const realAccounts = new Set(
      (await readRecords(join(REAL_DATA_DIR, 'krx-quant-cookbook/KOR_fs_key_accounts_long.csv'))).map(
        (r) => r.account,
      ),
    );
    for (const file of ['KOR_fs_key_accounts_long.csv', 'exit_financial_statements.csv']) {
      const accounts = new Set((await readRecords(join(dataset.dir, file))).map((r) => r.account));
      for (const account of accounts) expect(realAccounts.has(account), `${file}: ${account}`).toBe(true);
    }
  });

  it('uses real registration statuses', async () => {
    const realStatuses = new Set(
      (await readRecords(join(REAL_DATA_DIR, 'kipris-neojune/patents_kipris_plus.csv'))).map(
        (r) => r.RegistrationStatus,
      ),
    );
    for (const row of await readRecords(join(dataset.dir, 'patents_kipris_plus.csv'))) {
      expect(realStatuses.has(row.RegistrationStatus)).toBe(true);
    }
  });

  it('shares no BRN with real companies', async () => {
    const real = new Set(
      (await readRecords(join(REAL_DATA_DIR, 'kipris-neojune/companies_tb24_100.csv'))).map((r) => r.biz_no),
    );
    const clashes = (await readRecords(join(dataset.dir, 'companies_tb24_100.csv'))).filter((r) =>
      real.has(r.biz_no),
    );
    expect(clashes.map((r) => r.biz_no)).toEqual([]);
  });
});
