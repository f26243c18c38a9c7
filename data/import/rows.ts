import { type CompanyInput, combineOutcomes, lookupCompanies, writeCompany } from './companies.js';
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

/** Upserts the children of a batch, grouped by table and fixed filters, and returns each row's outcomes. */
async function upsertChildren(context: ImportContext, children: { index: number; child: ChildRow }[]) {
  const groups = new Map<string, { spec: UpsertSpec; items: { index: number; row: UpsertRow }[] }>();
  for (const { index, child } of children) {
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
  return outcomes;
}

/** Writes each row's company, then the batch's child rows, and records one outcome per row. */
export async function importCompanyRows(
  context: ImportContext,
  rows: readonly CsvRow[],
  plan: (row: CsvRow) => CompanyRowPlan | Rejection,
): Promise<void> {
  const companyOutcomes = new Map<number, RowOutcome>();
  const children: { index: number; child: ChildRow }[] = [];
  for (const [index, row] of rows.entries()) {
    const planned = plan(row);
    if (isRejection(planned)) {
      context.tally.reject(row.line, planned.reason, planned.value);
      continue;
    }
    const written = await writeCompany(context, planned.company);
    if (!written.ok) {
      context.tally.reject(row.line, written.reason, written.detail);
      continue;
    }
    companyOutcomes.set(index, written.outcome);
    for (const child of planned.children?.(written.companyId) ?? []) children.push({ index, child });
  }
  const childOutcomes = await upsertChildren(context, children);
  for (const [index, outcome] of companyOutcomes) {
    context.tally.record(combineOutcomes(outcome, ...(childOutcomes.get(index) ?? [])));
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
  const children: { index: number; child: ChildRow }[] = [];
  const known: number[] = [];
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
    known.push(item.index);
    for (const child of item.plan.children(companyId)) children.push({ index: item.index, child });
  }
  const childOutcomes = await upsertChildren(context, children);
  for (const index of known) context.tally.record(combineOutcomes(...(childOutcomes.get(index) ?? [])));
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
