import type { Kysely } from 'kysely';
import type { Database } from '../store/tables.js';
import { chunk } from './companies.js';
import type { RowOutcome } from './report.js';

/** Tables written by batched upserts, keyed by their primary key columns. */
type KeyedTable =
  | 'financial_statements'
  | 'monthly_closes'
  | 'market_caps'
  | 'company_metrics'
  | 'market_index_values'
  | 'rate_series';

export interface UpsertSpec {
  table: KeyedTable;
  /** Primary key columns. */
  keyColumns: readonly string[];
  /** The key column whose values select the stored rows a batch may collide with. */
  selectBy: string;
  /** Equality filters that every row of the batch shares, such as the statement source. */
  fixed?: Record<string, string | number>;
}

/** Column values of one row to write; must include every key column. */
export type UpsertRow = Record<string, string | number | null>;

/** Numbers compare with a relative tolerance because SQLite stores decimal columns as doubles. */
function sameValue(stored: unknown, incoming: unknown): boolean {
  if (stored === incoming) return true;
  if (stored === null || incoming === null || stored === undefined || incoming === undefined) return false;
  if (typeof incoming === 'number') {
    const storedNumber = Number(stored);
    return Math.abs(storedNumber - incoming) <= 1e-9 * Math.max(1, Math.abs(incoming));
  }
  return String(stored) === String(incoming);
}

function keyOf(row: Record<string, unknown>, keyColumns: readonly string[]): string {
  return keyColumns.map((column) => String(row[column])).join('\u0000');
}

/**
 * Inserts new rows and updates changed ones with one select per 500 keys, and returns each row's
 * outcome in input order. A key repeated within the batch is compared with its earlier row.
 */
export async function upsertRows(
  db: Kysely<Database>,
  spec: UpsertSpec,
  rows: readonly UpsertRow[],
): Promise<RowOutcome[]> {
  const stored = new Map<string, Record<string, unknown>>();
  const selectValues = [...new Set(rows.map((row) => row[spec.selectBy] as string | number))];
  for (const part of chunk(selectValues)) {
    let query = db
      .selectFrom(spec.table)
      .selectAll()
      .where(spec.selectBy as never, 'in', part as never);
    for (const [column, value] of Object.entries(spec.fixed ?? {}))
      query = query.where(column as never, '=', value as never);
    for (const row of await query.execute())
      stored.set(keyOf(row as Record<string, unknown>, spec.keyColumns), row);
  }

  const inserts = new Map<string, UpsertRow>();
  const updates = new Map<string, UpsertRow>();
  const outcomes: RowOutcome[] = [];
  for (const row of rows) {
    const key = keyOf(row, spec.keyColumns);
    const pending = inserts.get(key);
    const current = pending ?? updates.get(key) ?? stored.get(key);
    if (!current) {
      inserts.set(key, row);
      outcomes.push('imported');
      continue;
    }
    const changed = Object.entries(row).some(([column, value]) => !sameValue(current[column], value));
    if (!changed) {
      outcomes.push('unchanged');
      continue;
    }
    if (pending) inserts.set(key, row);
    else updates.set(key, row);
    outcomes.push('updated');
  }

  // Eight columns at most per row keeps a 200-row insert far below the placeholder limits.
  for (const part of chunk([...inserts.values()], 200)) {
    await db
      .insertInto(spec.table)
      .values(part as never)
      .execute();
  }
  for (const row of updates.values()) {
    const set: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row))
      if (!spec.keyColumns.includes(column)) set[column] = value;
    let query = db.updateTable(spec.table).set(set as never);
    for (const column of spec.keyColumns) query = query.where(column as never, '=', row[column] as never);
    await query.execute();
  }
  return outcomes;
}
