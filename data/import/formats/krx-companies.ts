import type { ChildBuilder, ChildRow } from '../rows.js';
import { CHILD_SPECS, importCompanyRows } from '../rows.js';
import type { CsvRow, FormatImporter } from '../types.js';
import {
  normalizeMarket,
  parseNumber,
  parseTicker,
  type Rejection,
  RowCheck,
  text,
  toMoneyScale,
} from '../values.js';

/**
 * Company lists from the KRX quant cookbook (CC0, data as of early November 2021). The KRX ticker
 * list carries market, KRX industry, market capitalisation in KRW and per-share figures, and two
 * KRX snapshots carry parts of the same. The other lists are the WICS sector membership and DART's
 * corp code list.
 */

/** Per-share and valuation figures a row may carry, by metric name in company_metrics. */
const METRIC_COLUMNS: Record<string, string> = {
  EPS: 'eps',
  PER: 'per',
  BPS: 'bps',
  PBR: 'pbr',
  PCR: 'pcr',
  PSR: 'psr',
  주당배당금: 'dps',
  배당수익률: 'dividend_yield_pct',
};

/** Parses the metric columns present in a row; NA cells are skipped. */
export function parseMetrics(check: RowCheck, values: Record<string, string>): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const [column, metric] of Object.entries(METRIC_COLUMNS)) {
    if (!(column in values)) continue;
    const value = check.optional(parseNumber(values[column]));
    if (value !== null) metrics[metric] = value;
  }
  return metrics;
}

export function metricRows(source: string, companyId: number, metrics: Record<string, number>): ChildRow[] {
  return Object.entries(metrics).map(([metric, value]) => ({
    spec: CHILD_SPECS.metrics(source),
    row: { company_id: companyId, source, metric, value },
  }));
}

/** Builds a market capitalisation row in KRW. as_of stays null because these files record no date. */
export function marketCapRow(
  source: string,
  companyId: number,
  marketCapKrw: number,
  closeKrw: number | null,
  shares: number | null,
): ChildRow {
  return {
    spec: CHILD_SPECS.marketCap(source),
    row: {
      company_id: companyId,
      source,
      as_of: null,
      market_cap_krw: Math.round(marketCapKrw),
      shares: shares === null ? null : Math.round(shares),
      close_krw: closeKrw === null ? null : toMoneyScale(closeKrw),
    },
  };
}

function invalid(check: RowCheck): Rejection {
  return check.rejection ?? { reason: 'invalid row', value: '' };
}

/** Rows of the KRX ticker lists: ticker, name, market, KRX industry, close and market cap. */
function krxListRow(source: string, row: CsvRow, withMetrics: boolean) {
  const v = row.values;
  const check = new RowCheck();
  const ticker = check.required(parseTicker(v.종목코드), '종목코드');
  const name = check.required(text(v.종목명), '종목명');
  const close = check.optional(parseNumber(v.종가, { nonNegative: true }));
  const marketCap = check.optional(parseNumber(v.시가총액, { nonNegative: true }));
  const metrics = withMetrics ? parseMetrics(check, v) : {};
  if (check.rejection || ticker === null || name === null) return invalid(check);
  const children: ChildBuilder = (companyId) => [
    ...(marketCap !== null ? [marketCapRow(source, companyId, marketCap, close, null)] : []),
    ...metricRows(source, companyId, metrics),
  ];
  return { ticker, name, market: normalizeMarket(v.시장구분), industry: text(v.업종명), children };
}

export const krxTickers: FormatImporter = {
  name: 'krx_tickers',
  columns: ['', '종목코드', '종목명', '종가', '시장구분', '업종명', '시가총액', 'EPS', 'PER', 'BPS', 'PBR'],
  rank: 11,
  batchSize: 500,
  importRows: (context, rows) =>
    importCompanyRows(context, rows, (row) => {
      const parsed = krxListRow('krx_quant_kor_ticker', row, true);
      if ('reason' in parsed) return parsed;
      return {
        company: {
          identity: { ticker: parsed.ticker, names: [parsed.name] },
          name: parsed.name,
          kind: 'company',
          owned: { krx_industry: parsed.industry },
          filled: { market: parsed.market },
          listed: true,
        },
        children: parsed.children,
      };
    }),
};

export const krxSectorSnapshot: FormatImporter = {
  name: 'krx_sector_snapshot',
  columns: ['', '종목코드', '종목명', '시장구분', '업종명', '종가', '시가총액'],
  rank: 15,
  batchSize: 500,
  importRows: (context, rows) =>
    importCompanyRows(context, rows, (row) => {
      const parsed = krxListRow('krx_quant_krx_sector', row, false);
      if ('reason' in parsed) return parsed;
      return {
        company: {
          identity: { ticker: parsed.ticker, names: [parsed.name] },
          name: parsed.name,
          kind: 'company',
          filled: { market: parsed.market, krx_industry: parsed.industry },
          listed: true,
        },
        children: parsed.children,
      };
    }),
};

export const krxValuationSnapshot: FormatImporter = {
  name: 'krx_valuation_snapshot',
  columns: ['', '종목코드', '종목명', '종가', 'EPS', 'PER', 'BPS', 'PBR'],
  rank: 16,
  batchSize: 500,
  importRows: (context, rows) =>
    importCompanyRows(context, rows, (row) => {
      const parsed = krxListRow('krx_quant_krx_ind', row, true);
      if ('reason' in parsed) return parsed;
      return {
        company: {
          identity: { ticker: parsed.ticker, names: [parsed.name] },
          name: parsed.name,
          kind: 'company',
          listed: true,
        },
        children: parsed.children,
      };
    }),
};

export const wicsSectors: FormatImporter = {
  name: 'wics_sectors',
  columns: ['IDX_CD', 'CMP_CD', 'CMP_KOR', 'SEC_NM_KOR'],
  rank: 17,
  batchSize: 500,
  importRows: (context, rows) =>
    importCompanyRows(context, rows, (row) => {
      const check = new RowCheck();
      const ticker = check.required(parseTicker(row.values.CMP_CD), 'CMP_CD');
      const name = check.required(text(row.values.CMP_KOR), 'CMP_KOR');
      const sector = check.required(text(row.values.SEC_NM_KOR), 'SEC_NM_KOR');
      if (check.rejection || ticker === null || name === null) return invalid(check);
      return {
        company: {
          identity: { ticker, names: [name] },
          name,
          kind: 'company',
          owned: { wics_sector: sector },
          listed: true,
        },
      };
    }),
};

export const dartCorpCodes: FormatImporter = {
  name: 'dart_corp_codes',
  columns: ['code', 'name', 'stock'],
  rank: 18,
  batchSize: 500,
  importRows: (context, rows) =>
    importCompanyRows(context, rows, (row) => {
      const check = new RowCheck();
      const corpCode = (row.values.code ?? '').trim();
      if (!/^\d{8}$/.test(corpCode)) check.optional({ reason: 'malformed DART corp code', value: corpCode });
      const ticker = check.optional(parseTicker(row.values.stock));
      const name = check.required(text(row.values.name), 'name');
      if (check.rejection || name === null) return invalid(check);
      // A stock code in DART's list means the company was listed once, not that it is listed now.
      return { company: { identity: { corpCode, ticker, names: [name] }, name, kind: 'company' } };
    }),
};
