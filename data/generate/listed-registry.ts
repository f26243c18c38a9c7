/**
 * Registry files of listed companies: the FnGuide ticker-to-BRN extract, the DART corp-code list,
 * the KIND listed-company list (industry, main products) and the business-overview table.
 */
import { join } from 'node:path';
import type { Timeline } from './companies.js';
import { companyOverview } from './company-files.js';
import type { ListedRecord } from './listed-market.js';
import { slug } from './names.js';
import { mainProductsText } from './overview-text.js';
import { hashUnit } from './prng.js';
import { type Cell, writeCsv } from './writers.js';

export const FNGUIDE_HEADER = [
  'Symbol',
  'Name',
  '결산월',
  '회계년',
  '주기',
  'asset',
  'conm',
  'regist_num',
  'year',
];
export const CORP_LIST_HEADER = ['', 'code', 'name', 'stock'];
export const KIND_HEADER = ['회사명', '종목코드', '업종', '주요제품', '상장일', '결산월', '홈페이지', '지역'];
export const OVERVIEW_HEADER = ['', 'tickers', 'company overview'];

/** Years covered by the FnGuide extract: the last five, with total assets filled for the first three only. */
const FNGUIDE_YEARS = 5;
const FNGUIDE_YEARS_WITH_ASSETS = 3;

export async function writeListedRegistryFiles(
  outDir: string,
  seed: number,
  records: readonly ListedRecord[],
  timeline: Timeline,
): Promise<string[]> {
  const byCap = [...records].sort(
    (a, b) => b.quote.marketCap - a.quote.marketCap || (a.company.ticker < b.company.ticker ? -1 : 1),
  );
  const fnguideRows: Cell[][] = [];
  for (const { company, assets } of byCap) {
    for (let k = 0; k < FNGUIDE_YEARS; k++) {
      const year = timeline.endYear - FNGUIDE_YEARS + 1 + k;
      const assetsEok = assets.get(year);
      // FnGuide reports total assets in thousand KRW (1 억원 = 100,000 천원), with a trailing space.
      const asset = k < FNGUIDE_YEARS_WITH_ASSETS && assetsEok !== undefined ? `${assetsEok * 100_000} ` : '';
      fnguideRows.push([
        `A${company.ticker}`,
        company.core,
        String(company.fiscalMonth),
        String(year),
        'Annual',
        asset,
        `${company.core}(주)`,
        company.brn,
        String(year),
      ]);
    }
  }
  await writeCsv(join(outDir, 'fnguide_utf.csv'), FNGUIDE_HEADER, fnguideRows);

  const byTicker = [...records].sort((a, b) => (a.company.ticker < b.company.ticker ? -1 : 1));
  await writeCsv(
    join(outDir, 'corp_list.csv'),
    CORP_LIST_HEADER,
    byTicker.map(({ company }, k): Cell[] => [String(k + 1), company.corpCode, company.core, company.ticker]),
    { quoting: 'r' },
  );

  // KIND misses about 1 % of listed companies and has no main products for about 1 %, like the real list.
  const byName = [...records].sort((a, b) => (a.company.core < b.company.core ? -1 : 1));
  const kindRows: Cell[][] = [];
  for (const { company } of byName) {
    if (hashUnit(seed, 'kind-gap', company.index) < 0.01) continue;
    const products =
      hashUnit(seed, 'kind-products-gap', company.index) < 0.01 ? '' : mainProductsText(company);
    kindRows.push([
      company.core,
      company.ticker,
      company.ksic,
      products,
      company.listingDate,
      `${String(company.fiscalMonth).padStart(2, '0')}월`,
      `https://www.${slug(company.english)}.example.com`,
      company.region,
    ]);
  }
  await writeCsv(join(outDir, 'listed_companies_kind.csv'), KIND_HEADER, kindRows, { eol: '\r\n' });

  const overviewRows: Cell[][] = [];
  for (const { company } of byName) {
    if (hashUnit(seed, 'overview-gap', company.index) < 0.03) continue;
    overviewRows.push([
      String(overviewRows.length),
      company.ticker,
      companyOverview(seed, company, timeline),
    ]);
  }
  await writeCsv(join(outDir, 'company_overview.csv'), OVERVIEW_HEADER, overviewRows);
  return ['fnguide_utf.csv', 'corp_list.csv', 'listed_companies_kind.csv', 'company_overview.csv'];
}
