import { type CompanyInput, combineOutcomes, lookupCompanies, writeCompany } from './companies.js';
import { DUPLICATE_KEY_REASON, duplicateExample, keyLedger } from './duplicates.js';
import type { RowOutcome } from './report.js';
import type { CsvRow, ImportContext } from './types.js';
import { type UpsertRow, type UpsertSpec, upsertRows } from './upsert.js';
import { isRejection, type Rejection } from './values.js';

/**
 * The two row shapes most formats share: rows that describe a company (and may carry child rows
 * such as a market capitalisation), and rows that only refer to a company by ticker or BRN.
 */

/** A child row to upsert once the row's company id is known. */
export interface ChildRow {
  spec: UpsertSpec;
  row: UpsertRow;
}

export type ChildBuilder = (companyId: number) => ChildRow[];

export interface CompanyRowPlan {
  company: CompanyInput;
  children?: ChildBuilder;
}

export interface ReferenceRowPlan {
  /** Ticker or BRN of the company the row refers to. */
  key: string;
  children: ChildBuilder;
}

interface PendingChild {
  index: number;
  line: number;
  child: ChildRow;
}

/** A child row whose key an earlier row of the file gave other values. */
interface ChildConflict {
  label: string;
  firstLine: number;
}

/** Names a child row's key for a report: its table, company id and other key values. */
function childLabel({ spec, row }: ChildRow): string {
  const parts = spec.keyColumns
    .filter((column) => !(column in (spec.fixed ?? {})))
    .map((column) => (column === 'company_id' ? `company ${row[column]}` : String(row[column])));
  return `${spec.table} for ${parts.join(', ')}`;
}

/**
 * Upserts the children of a batch, grouped by table and fixed filters, and returns each row's
 * outcomes. A row with a child whose key an earlier row of the file gave other values is left out
 * whole and returned in `conflicts` (see duplicates.ts).
 */
async function upsertChildren(context: ImportContext, children: readonly PendingChild[]) {
  const conflicts = findConflicts(context, children);
  const groups = new Map<string, { spec: UpsertSpec; items: { index: number; row: UpsertRow }[] }>();
  for (const { index, child } of children) {
    if (conflicts.has(index)) continue;
    const key = `${child.spec.table}\u0000${JSON.stringify(child.spec.fixed ?? {})}`;
    let group = groups.get(key);
    if (!group) {
      group = { spec: child.spec, items: [] };
      groups.set(key, group);
    }
    group.items.push({ index, row: child.row });
  }
  const outcomes = new Map<number, RowOutcome[]>();
  for (const group of groups.values()) {
    const results = await upsertRows(
      context.db,
      group.spec,
      group.items.map((item) => item.row),
    );
    group.items.forEach((item, position) => {
      const list = outcomes.get(item.index) ?? [];
      list.push(results[position] as RowOutcome);
      outcomes.set(item.index, list);
    });
  }
  return { outcomes, conflicts };
}

/**
 * Checks the children row by row, in file order, against the file's ledger: a row conflicts when any
 * of its children does, and only rows without a conflict record their children.
 */
function findConflicts(
  context: ImportContext,
  children: readonly PendingChild[],
): Map<number, ChildConflict> {
  const ledger = keyLedger(context);
  const byRow = new Map<number, PendingChild[]>();
  for (const pending of children) {
    const list = byRow.get(pending.index) ?? [];
    list.push(pending);
    byRow.set(pending.index, list);
  }
  const conflicts = new Map<number, ChildConflict>();
  for (const [index, list] of byRow) {
    const conflicting = list.find(
      ({ child }) => ledger.conflict(childKey(child), childValues(child)) !== null,
    );
    if (conflicting) {
      const firstLine = ledger.conflict(
        childKey(conflicting.child),
        childValues(conflicting.child),
      ) as number;
      conflicts.set(index, { label: childLabel(conflicting.child), firstLine });
      continue;
    }
    for (const { line, child } of list) ledger.record(childKey(child), childValues(child), line);
  }
  return conflicts;
}

function childKey({ spec, row }: ChildRow): string {
  const key = spec.keyColumns.map((column) => String(row[column]));
  return [spec.table, JSON.stringify(spec.fixed ?? {}), ...key].join('\u0000');
}

function childValues({ spec, row }: ChildRow): unknown[] {
  return Object.keys(row)
    .filter((column) => !spec.keyColumns.includes(column))
    .sort()
    .map((column) => row[column]);
}

function rejectConflict(context: ImportContext, line: number, conflict: ChildConflict): void {
  context.tally.reject(line, DUPLICATE_KEY_REASON, duplicateExample(conflict.label, conflict.firstLine));
}

/** Writes each row's company, then the batch's child rows, and records one outcome per row. */
export async function importCompanyRows(
  context: ImportContext,
  rows: readonly CsvRow[],
  plan: (row: CsvRow) => CompanyRowPlan | Rejection,
): Promise<void> {
  const companyOutcomes = new Map<number, RowOutcome>();
  const children: PendingChild[] = [];
  for (const [index, row] of rows.entries()) {
    const planned = plan(row);
    if (isRejection(planned)) {
      context.tally.reject(row.line, planned.reason, planned.value);
      continue;
    }
    const written = await writeCompany(context, planned.company, row.line);
    if (!written.ok) {
      context.tally.reject(row.line, written.reason, written.detail);
      continue;
    }
    companyOutcomes.set(index, written.outcome);
    for (const child of planned.children?.(written.companyId) ?? [])
      children.push({ index, line: row.line, child });
  }
  const { outcomes: childOutcomes, conflicts } = await upsertChildren(context, children);
  for (const [index, outcome] of companyOutcomes) {
    const conflict = conflicts.get(index);
    // NOTE: the company columns of such a row are already written; they passed writeCompany's own check.
    if (conflict) rejectConflict(context, (rows[index] as CsvRow).line, conflict);
    else context.tally.record(combineOutcomes(outcome, ...(childOutcomes.get(index) ?? [])));
  }
}

/**
 * Imports rows that refer to an existing company by ticker or BRN. A row whose company no file has
 * created is rejected: these files carry no name, and a company known only by a ticker is of no use
 * for recommendations.
 */
export async function importReferenceRows(
  context: ImportContext,
  rows: readonly CsvRow[],
  column: 'ticker' | 'brn',
  plan: (row: CsvRow) => ReferenceRowPlan | Rejection,
): Promise<void> {
  const planned: { line: number; index: number; plan: ReferenceRowPlan }[] = [];
  for (const [index, row] of rows.entries()) {
    const result = plan(row);
    if (isRejection(result)) context.tally.reject(row.line, result.reason, result.value);
    else planned.push({ line: row.line, index, plan: result });
  }
  const companies = await lookupCompanies(
    context,
    column,
    planned.map((item) => item.plan.key),
  );
  const children: PendingChild[] = [];
  const known: { index: number; line: number }[] = [];
  for (const item of planned) {
    const companyId = companies.get(item.plan.key);
    if (companyId === undefined) {
      context.tally.reject(
        item.line,
        `unknown ${column === 'brn' ? 'BRN' : column} (no company imported with it)`,
        item.plan.key,
      );
      continue;
    }
    known.push({ index: item.index, line: item.line });
    for (const child of item.plan.children(companyId))
      children.push({ index: item.index, line: item.line, child });
  }
  const { outcomes: childOutcomes, conflicts } = await upsertChildren(context, children);
  for (const { index, line } of known) {
    const conflict = conflicts.get(index);
    if (conflict) rejectConflict(context, line, conflict);
    else context.tally.record(combineOutcomes(...(childOutcomes.get(index) ?? [])));
  }
}

/** Shorthand for the keyed child tables, so formats only state their values. */
export const CHILD_SPECS = {
  statements: (source: string): UpsertSpec => ({
    table: 'financial_statements',
    keyColumns: ['company_id', 'period', 'account', 'source'],
    selectBy: 'company_id',
    fixed: { source },
  }),
  marketCap: (source: string): UpsertSpec => ({
    table: 'market_caps',
    keyColumns: ['company_id', 'source'],
    selectBy: 'company_id',
    fixed: { source },
  }),
  metrics: (source: string): UpsertSpec => ({
    table: 'company_metrics',
    keyColumns: ['company_id', 'source', 'metric'],
    selectBy: 'company_id',
    fixed: { source },
  }),
  monthlyCloses: (): UpsertSpec => ({
    table: 'monthly_closes',
    keyColumns: ['company_id', 'month'],
    selectBy: 'company_id',
  }),
};
