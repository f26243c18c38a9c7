import { importCompanyRows } from '../rows.js';
import type { FormatImporter } from '../types.js';
import {
  normalizeMarket,
  parseDate,
  parseFiscalMonth,
  parseNumber,
  parseTicker,
  RowCheck,
  text,
} from '../values.js';
import { marketCapRow } from './krx-companies.js';

/**
 * The KRX KIND listed-company list (상장법인목록: KSIC industry name, main products, listing date,
 * fiscal year-end month, homepage, region) and a KRX market snapshot with market, listed shares and
 * market capitalisation in KRW. Both are 2025 downloads; the snapshot records no trading date.
 */

export const kindListedCompanies: FormatImporter = {
  name: 'kind_listed_companies',
  columns: ['회사명', '종목코드', '업종', '주요제품', '상장일', '결산월'],
  rank: 13,
  batchSize: 500,
  importRows: (context, rows) =>
    importCompanyRows(context, rows, (row) => {
      const v = row.values;
      const check = new RowCheck();
      const ticker = check.required(parseTicker(v.종목코드), '종목코드');
      const name = check.required(text(v.회사명), '회사명');
      const listingDate = check.optional(parseDate(v.상장일));
      const fiscalMonth = check.optional(parseFiscalMonth(v.결산월));
      if (check.rejection || ticker === null || name === null)
        return check.rejection ?? { reason: 'invalid row', value: '' };
      return {
        company: {
          identity: { ticker, names: [name] },
          name,
          kind: 'company',
          owned: {
            ksic_industry: text(v.업종),
            main_products: text(v.주요제품),
            listing_date: listingDate,
            fiscal_month: fiscalMonth,
            homepage: text(v.홈페이지),
            region: text(v.지역),
          },
          listed: true,
        },
      };
    }),
};

const SNAPSHOT_SOURCE = 'krx_market_snapshot';

export const krxMarketSnapshot: FormatImporter = {
  name: 'krx_market_snapshot',
  columns: ['종목코드', '종목명', '시장구분', '소속부', '종가', '시가총액', '상장주식수'],
  rank: 12,
  batchSize: 500,
  importRows: (context, rows) =>
    importCompanyRows(context, rows, (row) => {
      const v = row.values;
      const check = new RowCheck();
      const ticker = check.required(parseTicker(v.종목코드), '종목코드');
      const name = check.required(text(v.종목명), '종목명');
      const close = check.optional(parseNumber(v.종가, { nonNegative: true }));
      const marketCap = check.optional(parseNumber(v.시가총액, { nonNegative: true }));
      const shares = check.optional(parseNumber(v.상장주식수, { nonNegative: true }));
      if (check.rejection || ticker === null || name === null)
        return check.rejection ?? { reason: 'invalid row', value: '' };
      return {
        company: {
          identity: { ticker, names: [name] },
          name,
          kind: 'company',
          owned: { market: normalizeMarket(v.시장구분) },
          listed: true,
        },
        children: (companyId) =>
          marketCap === null ? [] : [marketCapRow(SNAPSHOT_SOURCE, companyId, marketCap, close, shares)],
      };
    }),
};
