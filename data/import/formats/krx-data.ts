import { CHILD_SPECS, importReferenceRows } from '../rows.js';
import type { FormatImporter } from '../types.js';
import { parseDate, parseMonth, parseNumber, parseTicker, RowCheck, text, toMoneyScale } from '../values.js';
import { metricRows, parseMetrics } from './krx-companies.js';

/**
 * Per-ticker data from the KRX quant cookbook: valuation ratios, annual statements (34 accounts,
 * unit 억원 = 100 million KRW) and month-end closes. These files carry no company name, so a row
 * whose ticker no company list has created is rejected.
 */

export const krxValuationRatios: FormatImporter = {
  name: 'krx_valuation_ratios',
  // The R row-name column (empty header) contains the ticker.
  columns: ['', 'PER', 'PBR', 'PCR', 'PSR'],
  rank: 40,
  batchSize: 500,
  importRows: (context, rows) =>
    importReferenceRows(context, rows, 'ticker', (row) => {
      const check = new RowCheck();
      const ticker = check.required(parseTicker(row.values['']), 'ticker');
      const metrics = parseMetrics(check, row.values);
      if (check.rejection || ticker === null) return check.rejection ?? { reason: 'invalid row', value: '' };
      return { key: ticker, children: (companyId) => metricRows('krx_quant_kor_value', companyId, metrics) };
    }),
};

const STATEMENT_SOURCE = 'krx_quant_kor_fs';

export const krxStatements: FormatImporter = {
  name: 'krx_financial_statements',
  columns: ['ticker', 'account', 'period', 'value_100m_krw'],
  rank: 41,
  batchSize: 2000,
  importRows: (context, rows) =>
    importReferenceRows(context, rows, 'ticker', (row) => {
      const check = new RowCheck();
      const ticker = check.required(parseTicker(row.values.ticker), 'ticker');
      const account = check.required(text(row.values.account), 'account');
      if (account !== null && account.length > 100)
        check.optional({ reason: 'account name too long', value: account });
      const period = check.required(parseMonth(row.values.period), 'period');
      const value = check.required(parseNumber(row.values.value_100m_krw), 'value_100m_krw');
      if (check.rejection || ticker === null || account === null || period === null || value === null) {
        return check.rejection ?? { reason: 'invalid row', value: '' };
      }
      return {
        key: ticker,
        children: (companyId) => [
          {
            spec: CHILD_SPECS.statements(STATEMENT_SOURCE),
            row: {
              company_id: companyId,
              period,
              account,
              value: toMoneyScale(value),
              unit: '100m_krw',
              source: STATEMENT_SOURCE,
            },
          },
        ],
      };
    }),
};

export const krxMonthlyCloses: FormatImporter = {
  name: 'krx_monthly_closes',
  columns: ['ticker', 'month', 'last_trading_date', 'close_krw'],
  rank: 42,
  batchSize: 2000,
  importRows: (context, rows) =>
    importReferenceRows(context, rows, 'ticker', (row) => {
      const check = new RowCheck();
      const ticker = check.required(parseTicker(row.values.ticker), 'ticker');
      const month = check.required(parseMonth(row.values.month), 'month');
      const lastTradingDate = check.optional(parseDate(row.values.last_trading_date));
      const close = check.required(parseNumber(row.values.close_krw, { nonNegative: true }), 'close_krw');
      if (check.rejection || ticker === null || month === null || close === null) {
        return check.rejection ?? { reason: 'invalid row', value: '' };
      }
      return {
        key: ticker,
        children: (companyId) => [
          {
            spec: CHILD_SPECS.monthlyCloses(),
            row: {
              company_id: companyId,
              month,
              last_trading_date: lastTradingDate,
              close_krw: toMoneyScale(close),
            },
          },
        ],
      };
    }),
};
