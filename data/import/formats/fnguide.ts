import { CHILD_SPECS, importCompanyRows } from '../rows.js';
import type { FormatImporter } from '../types.js';
import { upsertRows } from '../upsert.js';
import {
  parseBrnField,
  parseDate,
  parseFiscalMonth,
  parseNumber,
  parseTicker,
  RowCheck,
  text,
} from '../values.js';

/**
 * FnGuide DataGuide extracts. The listed-company table ties a ticker (A005930) to its BRN and gives
 * total assets per fiscal year in thousands of KRW (천원). The code list maps tickers to names, and
 * the return file has daily KOSPI returns as fractions (0.0088 is 0.88 %).
 */

/** Account name of total assets, the same as in the KRX cookbook statements. */
const TOTAL_ASSETS = '자산';
const SOURCE = 'fnguide';

export const fnguideCompanies: FormatImporter = {
  name: 'fnguide_companies',
  columns: ['Symbol', 'Name', '결산월', '회계년', 'asset', 'conm', 'regist_num'],
  rank: 10,
  batchSize: 500,
  importRows: (context, rows) =>
    importCompanyRows(context, rows, (row) => {
      const v = row.values;
      const check = new RowCheck();
      const ticker = check.required(parseTicker(v.Symbol), 'Symbol');
      const brn = check.required(parseBrnField(v.regist_num), 'regist_num');
      const name = check.required(text(v.Name) ?? text(v.conm), 'Name');
      const fiscalMonth = check.optional(parseFiscalMonth(v.결산월));
      const year = text(v.회계년) ?? text(v.year);
      if (year !== null && !/^\d{4}$/.test(year))
        check.optional({ reason: 'malformed fiscal year', value: year });
      const assets = check.optional(parseNumber(v.asset, { nonNegative: true }));
      if (check.rejection || ticker === null || brn === null || name === null) {
        return check.rejection ?? { reason: 'invalid row', value: '' };
      }
      const legalName = text(v.conm);
      return {
        company: {
          identity: { brn, ticker, names: legalName ? [legalName] : [] },
          name,
          kind: 'company',
          filled: { fiscal_month: fiscalMonth },
          listed: true,
        },
        children: (companyId) => {
          if (assets === null || year === null) return [];
          // NOTE: the period is the fiscal year followed by the year-end month (2017 with 결산월 3 -> 2017-03);
          // whether FnGuide's 회계년 names the year a March fiscal year starts or ends in is not documented in the file.
          const period = `${year}-${String(fiscalMonth ?? 12).padStart(2, '0')}`;
          return [
            {
              spec: CHILD_SPECS.statements(SOURCE),
              row: {
                company_id: companyId,
                period,
                account: TOTAL_ASSETS,
                value: assets,
                unit: '1000_krw',
                source: SOURCE,
              },
            },
          ];
        },
      };
    }),
};

export const fnguideCodeList: FormatImporter = {
  name: 'fnguide_code_list',
  columns: ['code', 'conm'],
  rank: 14,
  batchSize: 500,
  importRows: (context, rows) =>
    importCompanyRows(context, rows, (row) => {
      const check = new RowCheck();
      const ticker = check.required(parseTicker(row.values.code), 'code');
      const name = check.required(text(row.values.conm), 'conm');
      if (check.rejection || ticker === null || name === null)
        return check.rejection ?? { reason: 'invalid row', value: '' };
      return { company: { identity: { ticker, names: [name] }, name, kind: 'company', listed: true } };
    }),
};

export const fnguideKospiReturns: FormatImporter = {
  name: 'fnguide_kospi_returns',
  columns: ['date', 'kospi_ret'],
  rank: 60,
  batchSize: 1000,
  async importRows(context, rows) {
    const values = [];
    for (const row of rows) {
      const check = new RowCheck();
      const date = check.required(parseDate(row.values.date), 'date');
      const value = check.required(parseNumber(row.values.kospi_ret), 'kospi_ret');
      if (check.rejection || date === null || value === null) {
        context.tally.reject(row.line, check.rejection?.reason ?? 'invalid row', check.rejection?.value);
        continue;
      }
      values.push({ index_code: 'KOSPI', kind: 'return', date, value });
    }
    const outcomes = await upsertRows(
      context.db,
      {
        table: 'market_index_values',
        keyColumns: ['index_code', 'kind', 'date'],
        selectBy: 'date',
        fixed: { index_code: 'KOSPI', kind: 'return' },
      },
      values,
    );
    for (const outcome of outcomes) context.tally.record(outcome);
  },
};
