import { chunk } from '../companies.js';
import { DUPLICATE_KEY_REASON, duplicateExample, keyLedger } from '../duplicates.js';
import { importCompanyRows } from '../rows.js';
import type { FormatImporter } from '../types.js';
import {
  checkTextBytes,
  normalizeMarket,
  parseNumber,
  parseTicker,
  type Rejection,
  RowCheck,
  text,
} from '../values.js';
import { marketCapRow } from './krx-companies.js';

/**
 * Naver Finance data: the themes each stock belongs to (a Python list literal per row) with market,
 * close and market capitalisation, and a Korean business-overview paragraph per ticker.
 */

/** market_cap_raw is in trillions of KRW with four decimals, so a resolution of 100 million KRW. */
const TRILLION = 1e12;
const THEME_SOURCE = 'naver_theme_by_stock';

/** Parses a list of strings written as a Python or JSON literal: ['a', "b's"]. */
export function parseStringList(raw: string | undefined): string[] | Rejection {
  const source = (raw ?? '').trim();
  if (source === '') return [];
  const malformed = { reason: 'malformed theme list', value: source.slice(0, 80) };
  if (!source.startsWith('[') || !source.endsWith(']')) return malformed;
  const items: string[] = [];
  let index = 1;
  const end = source.length - 1;
  while (index < end) {
    const char = source[index] as string;
    if (char === ',' || /\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char !== "'" && char !== '"') return malformed;
    let value = '';
    index += 1;
    while (index < end && source[index] !== char) {
      if (source[index] === '\\' && index + 1 < end) {
        const next = source[index + 1] as string;
        if (next === 'n') value += '\n';
        else if (next === 't') value += '\t';
        else value += next;
        index += 2;
      } else {
        value += source[index];
        index += 1;
      }
    }
    if (index >= end) return malformed;
    items.push(value.trim());
    index += 1;
  }
  return items.filter((item) => item !== '');
}

export const naverThemes: FormatImporter = {
  name: 'naver_themes',
  columns: ['ticker', 'market', 'name', 'naver_themes'],
  rank: 19,
  batchSize: 500,
  importRows: (context, rows) =>
    importCompanyRows(context, rows, (row) => {
      const v = row.values;
      const check = new RowCheck();
      const ticker = check.required(parseTicker(v.ticker), 'ticker');
      const name = check.required(text(v.name), 'name');
      const themes = check.optional(parseStringList(v.naver_themes)) ?? [];
      // market_cap_raw is in trillions of KRW, so its bound keeps the KRW value below 10^18.
      const capTrillions = check.optional(
        parseNumber(v.market_cap_raw, { nonNegative: true, maxMagnitude: 1e6 }),
      );
      const close = check.optional(parseNumber(v.close_krw, { nonNegative: true }));
      if (check.rejection || ticker === null || name === null)
        return check.rejection ?? { reason: 'invalid row', value: '' };
      const market = normalizeMarket(v.market);
      return {
        company: {
          identity: { ticker, names: [name] },
          name,
          kind: 'company',
          owned: { themes: themes.length > 0 ? JSON.stringify(themes) : null },
          filled: { market },
          // Rows with market UNKNOWN are delisted or never-listed codes.
          listed: market !== null,
        },
        children: (companyId) =>
          capTrillions === null
            ? []
            : [marketCapRow(THEME_SOURCE, companyId, capTrillions * TRILLION, close, null)],
      };
    }),
};

export const naverOverview: FormatImporter = {
  name: 'naver_company_overview',
  columns: ['tickers', 'company overview'],
  rank: 43,
  batchSize: 500,
  async importRows(context, rows) {
    const parsed: { line: number; ticker: string; overview: string }[] = [];
    for (const row of rows) {
      const check = new RowCheck();
      const ticker = check.required(parseTicker(row.values.tickers), 'tickers');
      const overview = check.required(text(row.values['company overview']), 'company overview');
      checkTextBytes(check, 'company overview', overview);
      if (check.rejection || ticker === null || overview === null) {
        context.tally.reject(row.line, check.rejection?.reason ?? 'invalid row', check.rejection?.value);
        continue;
      }
      const firstLine = keyLedger(context).claim(ticker, overview, row.line);
      if (firstLine !== null) {
        context.tally.reject(row.line, DUPLICATE_KEY_REASON, duplicateExample(`ticker ${ticker}`, firstLine));
        continue;
      }
      parsed.push({ line: row.line, ticker, overview });
    }
    const stored = new Map<string, { id: number; overview: string | null }>();
    for (const part of chunk(parsed.map((item) => item.ticker))) {
      const found = await context.db
        .selectFrom('companies')
        .select(['id', 'ticker', 'overview'])
        .where('ticker', 'in', part)
        .execute();
      for (const company of found) if (company.ticker) stored.set(company.ticker, company);
    }
    for (const item of parsed) {
      const company = stored.get(item.ticker);
      if (!company) {
        context.tally.reject(item.line, 'unknown ticker (no company imported with it)', item.ticker);
      } else if (company.overview === item.overview) {
        context.tally.record('unchanged');
      } else {
        await context.db
          .updateTable('companies')
          .set({ overview: item.overview, updated_at: new Date().toISOString() })
          .where('id', '=', company.id)
          .execute();
        company.overview = item.overview;
        context.changes.profileCompanyIds.add(company.id);
        context.tally.record('updated');
      }
    }
  },
};
