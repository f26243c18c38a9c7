import type { CompanyIdentity } from '../identity/resolver.js';
import type { Company } from '../store/tables.js';
import { DUPLICATE_KEY_REASON, duplicateExample, keyLedger } from './duplicates.js';
import type { RowOutcome } from './report.js';
import type { ImportContext } from './types.js';

/** Company columns that importers write besides identity, name and kind. */
export type CompanyColumns = Partial<
  Pick<
    Company,
    | 'name_en'
    | 'corp_no'
    | 'market'
    | 'ksic_industry'
    | 'krx_industry'
    | 'wics_sector'
    | 'sector'
    | 'sector_source'
    | 'main_products'
    | 'overview'
    | 'themes'
    | 'listing_date'
    | 'fiscal_month'
    | 'region'
    | 'homepage'
  >
>;

/** Widths of the varchar columns (characters) and of MySQL's text columns (bytes), from the schema. */
const VARCHAR_WIDTHS: Record<string, number> = {
  name: 300,
  name_en: 300,
  corp_no: 20,
  market: 20,
  ksic_industry: 200,
  krx_industry: 200,
  wics_sector: 100,
  sector: 40,
  listing_date: 10,
  region: 100,
  homepage: 300,
};
const TEXT_BYTES = 65_535;
const TEXT_COLUMNS = new Set(['main_products', 'overview', 'themes']);

/** Returns the first value too wide for its column, so the row is rejected instead of failing the file. */
function tooWide(input: CompanyInput): { column: string; value: string } | null {
  const values: [string, unknown][] = [
    ['name', input.name],
    ...(input.identity.names ?? []).map((name): [string, unknown] => ['name', name]),
    ...Object.entries(input.owned ?? {}),
    ...Object.entries(input.filled ?? {}),
  ];
  for (const [column, value] of values) {
    if (typeof value !== 'string') continue;
    const width = VARCHAR_WIDTHS[column];
    if (width !== undefined && value.length > width) return { column, value };
    if (TEXT_COLUMNS.has(column) && Buffer.byteLength(value) > TEXT_BYTES) return { column, value };
  }
  return null;
}

/** Columns whose text is embedded for the cold-start vector index; a change means re-embedding. */
const PROFILE_COLUMNS = new Set(['main_products', 'overview', 'themes', 'sector']);

/**
 * A company as one row describes it.
 *
 * Each column has one owning format, which overwrites it when its value differs; other formats
 * only fill it while it is null. Two sources that disagree (a KOSDAQ-to-KOSPI move between the
 * 2021 and the 2025 KRX lists) would otherwise overwrite each other on every run, and a re-run
 * would never report everything unchanged.
 */
export interface CompanyInput {
  identity: CompanyIdentity;
  name: string;
  kind: string;
  owned?: CompanyColumns;
  filled?: CompanyColumns;
  /**
   * True when the source lists the company on an exchange. The flag is only ever raised: lists from
   * different years disagree, and a company listed in one of them stays listed.
   */
  listed?: boolean;
}

/** Company rows remembered per file before the memo is cleared. */
const MEMO_LIMIT = 50_000;

/** The ledger entries of a row's owned columns: one per identifier and owned column it sets. */
function ownedEntries(input: CompanyInput): { key: string; value: unknown; label: string }[] {
  const { identity } = input;
  const identifiers: [string, string][] = [
    ...(identity.brn ? [['BRN', identity.brn] as [string, string]] : []),
    ...(identity.ticker ? [['ticker', identity.ticker] as [string, string]] : []),
    ...(identity.corpCode ? [['corp code', identity.corpCode] as [string, string]] : []),
    ...(identity.keys ?? []).map((key): [string, string] => [key.kind, key.value]),
  ];
  const entries: { key: string; value: unknown; label: string }[] = [];
  for (const [column, value] of Object.entries(input.owned ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    for (const [kind, id] of identifiers) {
      entries.push({
        key: ['company', kind, id, column].join('\u0000'),
        value,
        label: `${column} of ${kind} ${id}`,
      });
    }
  }
  return entries;
}

export type CompanyWrite =
  | { ok: true; companyId: number; outcome: RowOutcome }
  | { ok: false; reason: string; detail: string };

/**
 * Finds or creates the company a row describes through the identity resolver, then writes its
 * columns by the ownership rule of CompanyInput. Merges and profile changes go into the file's
 * change set. A row that gives an owned column another value than an earlier row of the file with
 * the same BRN, ticker, corp code or key is rejected before anything is written (see duplicates.ts).
 */
export async function writeCompany(
  context: ImportContext,
  input: CompanyInput,
  line: number,
): Promise<CompanyWrite> {
  const wide = tooWide(input);
  if (wide)
    return { ok: false, reason: `${wide.column} too long for its column`, detail: wide.value.slice(0, 80) };
  const ledger = keyLedger(context);
  const owned = ownedEntries(input);
  for (const entry of owned) {
    const firstLine = ledger.conflict(entry.key, entry.value);
    if (firstLine !== null)
      return { ok: false, reason: DUPLICATE_KEY_REASON, detail: duplicateExample(entry.label, firstLine) };
  }
  // Files such as FnGuide's repeat one company on several rows (one per fiscal year). A row equal to
  // one already written in this file cannot change anything, so it skips the resolver.
  let memo = context.state.get('written_companies') as Map<string, number> | undefined;
  if (!memo) {
    memo = new Map();
    context.state.set('written_companies', memo);
  }
  const memoKey = JSON.stringify(input);
  const seen = memo.get(memoKey);
  if (seen !== undefined) return { ok: true, companyId: seen, outcome: 'unchanged' };
  const resolved = await context.resolver.resolveOrCreate(
    input.identity,
    { name: input.name, kind: input.kind },
    context.format,
  );
  if (!resolved.ok) return { ok: false, reason: 'identity conflict', detail: resolved.reason };
  for (const entry of owned) ledger.record(entry.key, entry.value, line);
  const companyId = resolved.companyId;
  // A merge can drop a company that the memo points to; the memo also stays bounded in size.
  if (resolved.merged.length > 0 || memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(memoKey, companyId);
  for (const droppedId of resolved.merged) {
    context.changes.merges.push({ keptId: companyId, droppedId });
    context.changes.profileCompanyIds.delete(droppedId);
    context.changes.profileCompanyIds.add(companyId);
  }

  const current = (await context.db
    .selectFrom('companies')
    .selectAll()
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow()) as unknown as Record<string, unknown>;
  const update: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(input.owned ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    if (current[column] !== value) update[column] = value;
  }
  for (const [column, value] of Object.entries(input.filled ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    if (current[column] === null && !(column in update)) update[column] = value;
  }
  if (input.listed && !current.listed) update.listed = 1;

  if (Object.keys(update).length > 0) {
    await context.db
      .updateTable('companies')
      .set({ ...update, updated_at: new Date().toISOString() })
      .where('id', '=', companyId)
      .execute();
    if (Object.keys(update).some((column) => PROFILE_COLUMNS.has(column))) {
      context.changes.profileCompanyIds.add(companyId);
    }
  }
  let outcome: RowOutcome = 'unchanged';
  if (resolved.created) outcome = 'imported';
  else if (resolved.changed || Object.keys(update).length > 0) outcome = 'updated';
  return { ok: true, companyId, outcome };
}

/** Combines the outcomes of the records one row wrote: any new record makes the row 'imported'. */
export function combineOutcomes(...outcomes: RowOutcome[]): RowOutcome {
  if (outcomes.includes('imported')) return 'imported';
  if (outcomes.includes('updated')) return 'updated';
  return 'unchanged';
}

/** Lookup chunk size: `where ... in (...)` lists stay far below SQLite's and MySQL's placeholder limits. */
export const LOOKUP_CHUNK = 500;

/** Splits a list into chunks of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number = LOOKUP_CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * Maps tickers or BRNs to company ids, with a per-file cache. Files that only refer to companies
 * (statements, prices, ratios) use it; a value without a company maps to nothing.
 */
export async function lookupCompanies(
  context: ImportContext,
  column: 'ticker' | 'brn',
  values: readonly string[],
): Promise<Map<string, number>> {
  const cacheKey = `companies_by_${column}`;
  let cache = context.state.get(cacheKey) as Map<string, number | null> | undefined;
  if (!cache) {
    cache = new Map();
    context.state.set(cacheKey, cache);
  }
  const missing = [...new Set(values)].filter((value) => !cache.has(value));
  for (const part of chunk(missing)) {
    const rows = await context.db
      .selectFrom('companies')
      .select(['id', column])
      .where(column, 'in', part)
      .execute();
    for (const value of part) cache.set(value, null);
    for (const row of rows) {
      const key = (row as Record<string, unknown>)[column];
      if (typeof key === 'string') cache.set(key, row.id);
    }
  }
  const result = new Map<string, number>();
  for (const value of values) {
    const id = cache.get(value);
    if (id !== null && id !== undefined) result.set(value, id);
  }
  return result;
}
