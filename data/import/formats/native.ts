import { sectorByCode } from '../../sectors.js';
import { chunk, lookupCompanies } from '../companies.js';
import { DUPLICATE_KEY_REASON, duplicateExample, keyLedger } from '../duplicates.js';
import { CHILD_SPECS, importCompanyRows, importReferenceRows } from '../rows.js';
import type { FormatImporter } from '../types.js';
import {
  parseBrnField,
  parseDate,
  parseMonth,
  parseNumber,
  RowCheck,
  text,
  toMoneyScale,
} from '../values.js';

/**
 * EXIT's own CSV formats, written by the demo data generator and usable by operators: company
 * profiles keyed by BRN, annual statements in 억원 (100 million KRW), and company interactions.
 */

const LISTED_VALUES: Record<string, boolean> = {
  '': false,
  '0': false,
  false: false,
  no: false,
  n: false,
  '1': true,
  true: true,
  yes: true,
  y: true,
};

export const exitCompanyProfiles: FormatImporter = {
  name: 'exit_company_profiles',
  columns: ['brn', 'name_en', 'aliases', 'sector', 'main_products', 'overview', 'listed'],
  rank: 25,
  batchSize: 500,
  importRows: (context, rows) =>
    importCompanyRows(context, rows, (row) => {
      const v = row.values;
      const check = new RowCheck();
      const brn = check.required(parseBrnField(v.brn), 'brn');
      const nameEn = text(v.name_en);
      const aliases = (v.aliases ?? '')
        .split('|')
        .map((alias) => alias.trim())
        .filter((alias) => alias !== '');
      const sectorCode = text(v.sector)?.toLowerCase() ?? null;
      if (sectorCode !== null && !sectorByCode(sectorCode))
        check.optional({ reason: 'unknown sector code', value: sectorCode });
      const listedText = (v.listed ?? '').trim().toLowerCase();
      if (!(listedText in LISTED_VALUES))
        check.optional({ reason: 'malformed listed flag (expected 0 or 1)', value: listedText });
      // The name is only used when the profile creates the company; an existing company keeps its name.
      const name = check.required(aliases[0] ?? nameEn, 'aliases or name_en');
      if (check.rejection || brn === null || name === null)
        return check.rejection ?? { reason: 'invalid row', value: '' };
      return {
        company: {
          identity: { brn, names: nameEn ? [...aliases, nameEn] : aliases },
          name,
          kind: 'company',
          owned: {
            name_en: nameEn,
            sector: sectorCode,
            sector_source: sectorCode === null ? null : 'explicit',
          },
          // NOTE: the KIND list owns main products and the Naver file owns overviews. A profile only fills
          // them while they are empty, so a changed profile text does not replace a stored one.
          filled: { main_products: text(v.main_products), overview: text(v.overview) },
          listed: LISTED_VALUES[listedText] === true,
        },
      };
    }),
};

const STATEMENT_SOURCE = 'exit_financial_statements';

export const exitFinancialStatements: FormatImporter = {
  name: 'exit_financial_statements',
  columns: ['brn', 'account', 'period', 'value_100m_krw'],
  rank: 44,
  batchSize: 2000,
  importRows: (context, rows) =>
    importReferenceRows(context, rows, 'brn', (row) => {
      const check = new RowCheck();
      const brn = check.required(parseBrnField(row.values.brn), 'brn');
      const account = check.required(text(row.values.account), 'account');
      if (account !== null && account.length > 100)
        check.optional({ reason: 'account name too long', value: account });
      const period = check.required(parseMonth(row.values.period), 'period');
      const value = check.required(parseNumber(row.values.value_100m_krw), 'value_100m_krw');
      if (check.rejection || brn === null || account === null || period === null || value === null) {
        return check.rejection ?? { reason: 'invalid row', value: '' };
      }
      return {
        key: brn,
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

const INTERACTION_KINDS = new Set(['co_application', 'partnership', 'm_and_a']);

export const exitInteractions: FormatImporter = {
  name: 'exit_interactions',
  columns: ['brn_a', 'brn_b', 'kind', 'date', 'reference'],
  rank: 55,
  batchSize: 1000,
  async importRows(context, rows) {
    const parsed: {
      line: number;
      brnA: string;
      brnB: string;
      kind: string;
      date: string | null;
      reference: string;
    }[] = [];
    for (const row of rows) {
      const check = new RowCheck();
      const brnA = check.required(parseBrnField(row.values.brn_a), 'brn_a');
      const brnB = check.required(parseBrnField(row.values.brn_b), 'brn_b');
      const kind = check.required(text(row.values.kind), 'kind');
      if (kind !== null && !INTERACTION_KINDS.has(kind))
        check.optional({ reason: 'unknown interaction kind', value: kind });
      const date = check.optional(parseDate(row.values.date));
      const reference = check.required(text(row.values.reference), 'reference');
      if (reference !== null && reference.length > 100)
        check.optional({ reason: 'reference too long', value: reference });
      if (check.rejection || brnA === null || brnB === null || kind === null || reference === null) {
        context.tally.reject(row.line, check.rejection?.reason ?? 'invalid row', check.rejection?.value);
        continue;
      }
      parsed.push({ line: row.line, brnA, brnB, kind, date, reference });
    }
    const companies = await lookupCompanies(
      context,
      'brn',
      parsed.flatMap((item) => [item.brnA, item.brnB]),
    );
    // Lookups go by company_a, the leading column of the interactions unique index.
    const lowIds = parsed.flatMap((item) => {
      const ids = [companies.get(item.brnA), companies.get(item.brnB)].filter(
        (id): id is number => id !== undefined,
      );
      return ids.length === 2 ? [Math.min(...ids)] : [];
    });
    const references = [...new Set(parsed.map((item) => item.reference))];
    const stored = new Map<string, { date: string | null }>();
    for (const part of chunk([...new Set(lowIds)])) {
      const found = await context.db
        .selectFrom('interactions')
        .select(['company_a', 'company_b', 'kind', 'reference', 'date'])
        .where('company_a', 'in', part)
        .where('reference', 'in', references)
        .execute();
      for (const row of found)
        stored.set(`${row.company_a}-${row.company_b}-${row.kind}-${row.reference}`, row);
    }
    for (const item of parsed) {
      const idA = companies.get(item.brnA);
      const idB = companies.get(item.brnB);
      if (idA === undefined || idB === undefined) {
        context.tally.reject(
          item.line,
          'unknown BRN (no company imported with it)',
          idA === undefined ? item.brnA : item.brnB,
        );
        continue;
      }
      if (idA === idB) {
        context.tally.reject(item.line, 'interaction of a company with itself', item.brnA);
        continue;
      }
      const [low, high] = idA < idB ? [idA, idB] : [idB, idA];
      const key = `${low}-${high}-${item.kind}-${item.reference}`;
      const firstLine = keyLedger(context).claim(`interaction\u0000${key}`, item.date, item.line);
      if (firstLine !== null) {
        const label = `${item.kind} ${item.reference} of BRN ${item.brnA} and ${item.brnB}`;
        context.tally.reject(item.line, DUPLICATE_KEY_REASON, duplicateExample(label, firstLine));
        continue;
      }
      const current = stored.get(key);
      if (!current) {
        const values = {
          company_a: low,
          company_b: high,
          kind: item.kind,
          date: item.date,
          reference: item.reference,
        };
        await context.db
          .insertInto('interactions')
          .values({ ...values, source: context.format })
          .execute();
        stored.set(key, { date: item.date });
        context.tally.record('imported');
      } else if (current.date === item.date) {
        context.tally.record('unchanged');
      } else {
        await context.db
          .updateTable('interactions')
          .set({ date: item.date })
          .where('company_a', '=', low)
          .where('company_b', '=', high)
          .where('kind', '=', item.kind)
          .where('reference', '=', item.reference)
          .execute();
        current.date = item.date;
        context.tally.record('updated');
      }
    }
  },
};
