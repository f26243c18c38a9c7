/**
 * Market files of listed companies, keyed by ticker: annual statements (KOR_fs_key_accounts_long.csv),
 * monthly closes, the KRX ticker list, WICS sector membership and Naver-style themes. Layouts and
 * quoting follow the real files (R's write.csv for the KRX and WICS tables).
 */
import { join } from 'node:path';
import type { Company, Timeline } from './companies.js';
import { buildStatements, type FinancialCase, LISTED_ACCOUNTS, reportedYears } from './financials.js';
import { baseRateOn, type MarketSeries } from './market-series.js';
import { hashUnit, Rng } from './prng.js';
import { type ListedQuote, monthlyCloses, quoteListedCompany } from './quotes.js';
import { WICS_SECTORS } from './sector-profiles.js';
import { type Cell, CsvFileWriter, trimmedDecimal, writeCsv } from './writers.js';

export const FS_HEADER = ['ticker', 'account', 'period', 'value_100m_krw'];
export const PRICE_HEADER = ['ticker', 'month', 'last_trading_date', 'close_krw'];
export const TICKER_HEADER = [
  '',
  '종목코드',
  '종목명',
  '종가',
  '대비',
  '등락률',
  '시장구분',
  '업종명',
  '시가총액',
  'EPS',
  'PER',
  'BPS',
  'PBR',
  '주당배당금',
  '배당수익률',
];
export const SECTOR_HEADER = [
  '',
  'IDX_CD',
  'IDX_NM_KOR',
  'ALL_MKT_VAL',
  'CMP_CD',
  'CMP_KOR',
  'MKT_VAL',
  'WGT',
  'S_WGT',
  'CAL_WGT',
  'SEC_CD',
  'SEC_NM_KOR',
  'SEQ',
  'TOP60',
  'APT_SHR_CNT',
];
export const THEME_HEADER = ['ticker', 'market', 'name', 'naver_themes', 'market_cap_raw', 'close_krw'];

/** Statement and quote data that the other listed-company files are built from. */
export interface ListedRecord {
  company: Company;
  quote: ListedQuote;
  /** Total assets by fiscal year, 억원. */
  assets: Map<number, number>;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Formats a list of strings as Python's repr does, which is how the Naver theme column stores it: `['a', 'b']`. */
function pythonList(items: readonly string[]): string {
  return items.length === 0 ? '' : `[${items.map((item) => `'${item}'`).join(', ')}]`;
}

/**
 * Writes statements and monthly closes of every listed company (ticker order) and returns the
 * records the ticker, sector and registry files are built from.
 */
export async function writeListedStatementsAndPrices(
  outDir: string,
  seed: number,
  companies: readonly Company[],
  cases: readonly FinancialCase[],
  series: MarketSeries,
  timeline: Timeline,
  onCompany: () => void,
): Promise<ListedRecord[]> {
  const listed = companies.filter((c) => c.listed).sort((a, b) => (a.ticker < b.ticker ? -1 : 1));
  const statementsFile = await CsvFileWriter.open(join(outDir, 'KOR_fs_key_accounts_long.csv'), FS_HEADER, {
    eol: '\r\n',
  });
  const pricesFile = await CsvFileWriter.open(join(outDir, 'KOR_price_monthly_close.csv'), PRICE_HEADER, {
    eol: '\r\n',
  });
  const baseRate = (year: number) => baseRateOn(series, `${year}0630`);
  const records: ListedRecord[] = [];
  for (const company of listed) {
    const rng = Rng.derive(seed, 'statements', company.index);
    const entry = cases[company.index] as FinancialCase;
    const statements = buildStatements(
      company,
      entry,
      reportedYears(company, timeline.endYear, entry, rng),
      baseRate,
      rng,
    );
    const quote = quoteListedCompany(company, statements, Rng.derive(seed, 'quote', company.index));
    for (const account of LISTED_ACCOUNTS) {
      for (const statement of statements) {
        const value = statement.values.get(account);
        if (value !== undefined)
          await statementsFile.write([company.ticker, account, `${statement.year}.12`, String(value)]);
      }
    }
    for (const close of monthlyCloses(quote, series, Rng.derive(seed, 'prices', company.index))) {
      await pricesFile.write([company.ticker, close.month, close.date, String(close.close)]);
    }
    const assets = new Map(statements.map((s) => [s.year, s.values.get('자산') ?? 0]));
    records.push({ company, quote, assets });
    onCompany();
  }
  await statementsFile.close();
  await pricesFile.close();
  return records;
}

/** Writes KOR_ticker.csv, KOR_sector.csv and naver_theme_by_stock.csv. */
export async function writeListedQuoteFiles(
  outDir: string,
  seed: number,
  records: readonly ListedRecord[],
): Promise<string[]> {
  const byCap = [...records].sort(
    (a, b) => b.quote.marketCap - a.quote.marketCap || (a.company.ticker < b.company.ticker ? -1 : 1),
  );

  await writeCsv(
    join(outDir, 'KOR_ticker.csv'),
    TICKER_HEADER,
    byCap.map(({ company, quote }, rank): Cell[] => {
      const change = quote.close - quote.previousClose;
      return [
        String(rank + 1),
        company.ticker,
        company.core,
        quote.close,
        change,
        round2((change / quote.previousClose) * 100),
        company.market,
        company.market === 'KOSPI' ? company.profile.krxKospi : company.profile.krxKosdaq,
        quote.marketCap,
        quote.eps,
        quote.per,
        quote.bps,
        quote.pbr,
        quote.dividendPerShare,
        quote.dividendYield,
      ];
    }),
    { quoting: 'r', eol: '\r\n' },
  );

  // WICS membership: a few listed companies are left unclassified, as in the real table.
  const sectorRows: Cell[][] = [];
  for (const code of Object.keys(WICS_SECTORS).sort()) {
    const members = byCap.filter(
      (r) => r.company.profile.wics === code && hashUnit(seed, 'wics-gap', r.company.index) >= 0.02,
    );
    const values = members.map((r) => Math.round((r.quote.close * r.quote.floatShares) / 1e6));
    const total = values.reduce((sum, value) => sum + value, 0);
    let cumulative = 0;
    let top60 = 0;
    for (const value of values) {
      if (cumulative / total >= 0.6) break;
      cumulative += value;
      top60++;
    }
    cumulative = 0;
    for (const [k, member] of members.entries()) {
      const value = values[k] as number;
      cumulative += value;
      const name = WICS_SECTORS[code] as string;
      sectorRows.push([
        `${code}.${k + 1}`,
        code,
        `WICS ${name}`,
        total,
        member.company.ticker,
        member.company.core,
        value,
        round2((value / total) * 100),
        round2((cumulative / total) * 100),
        1,
        code,
        name,
        k + 1,
        top60,
        member.quote.floatShares,
      ]);
    }
  }
  await writeCsv(join(outDir, 'KOR_sector.csv'), SECTOR_HEADER, sectorRows, { quoting: 'r', eol: '\r\n' });

  const byName = [...records].sort((a, b) => (a.company.core < b.company.core ? -1 : 1));
  await writeCsv(
    join(outDir, 'naver_theme_by_stock.csv'),
    THEME_HEADER,
    byName.map(({ company, quote }): Cell[] => [
      company.ticker,
      company.market,
      company.core,
      pythonList(company.themes),
      trimmedDecimal(quote.marketCap / 1e12, 4),
      `${quote.close}.0`,
    ]),
    { eol: '\r\n' },
  );
  return ['KOR_ticker.csv', 'KOR_sector.csv', 'naver_theme_by_stock.csv'];
}
