import { chunk } from '../companies.js';
import type { RowOutcome } from '../report.js';
import type { CsvRow, FormatImporter, ImportContext } from '../types.js';
import { ApplicantResolver, type ResolvedApplicant } from './applicants.js';
import { syncCoApplications } from './co-applications.js';
import { PATENT_COLUMNS, type ParsedPatent, parsePatentRow } from './patent-rows.js';

/**
 * Imports KIPRIS Plus patents in batches: the patent, its IPC codes and applicants (attached to
 * companies by applicant number or name), and co-application interactions between its applicants.
 */
function ipcRows(patentId: number, ipcs: readonly string[]) {
  return ipcs.map((ipc, position) => ({ patent_id: patentId, position, ipc, subclass: ipc.slice(0, 4) }));
}

function sameApplicants(
  stored: readonly Record<string, unknown>[],
  resolved: readonly ResolvedApplicant[],
): boolean {
  if (stored.length !== resolved.length) return false;
  return resolved.every((applicant, index) => {
    const row = stored[index] as Record<string, unknown>;
    return (
      row.applicant_name === applicant.applicant_name &&
      row.applicant_no === applicant.applicant_no &&
      row.company_id === applicant.company_id &&
      row.resolution === applicant.resolution
    );
  });
}

/**
 * Keeps resolution 'created' on a re-import: the applicant-only company made the first time is
 * then found by name, and the applicant should not read as changed.
 */
function keepCreated(stored: readonly Record<string, unknown>[], resolved: ResolvedApplicant[]): void {
  for (const applicant of resolved) {
    const row = stored[applicant.position];
    if (
      row &&
      row.resolution === 'created' &&
      applicant.resolution === 'name' &&
      row.company_id === applicant.company_id &&
      row.applicant_name === applicant.applicant_name
    ) {
      applicant.resolution = 'created';
    }
  }
}

async function groupByPatent(
  context: ImportContext,
  table: 'patent_ipc' | 'patent_applicants',
  patentIds: readonly number[],
): Promise<Map<number, Record<string, unknown>[]>> {
  const groups = new Map<number, Record<string, unknown>[]>();
  for (const part of chunk(patentIds)) {
    const rows = await context.db
      .selectFrom(table)
      .selectAll()
      .where('patent_id', 'in', part)
      .orderBy('position')
      .execute();
    for (const row of rows) {
      const list = groups.get(row.patent_id) ?? [];
      list.push(row as Record<string, unknown>);
      groups.set(row.patent_id, list);
    }
  }
  return groups;
}

function seenApplicationNumbers(context: ImportContext): Set<number> {
  let seen = context.state.get('application_numbers') as Set<number> | undefined;
  if (!seen) {
    seen = new Set();
    context.state.set('application_numbers', seen);
  }
  return seen;
}

/** Marks the application numbers of rows committed by an interrupted import as seen in this file. */
function replayBatch(context: ImportContext, rows: CsvRow[]): void {
  const seen = seenApplicationNumbers(context);
  for (const row of rows) {
    const parsed = parsePatentRow(row);
    if (!('reason' in parsed)) seen.add(Number(parsed.applicationNo));
  }
}

/** Parses a batch, rejects application numbers seen earlier in the file and resolves applicants. */
async function parseBatch(context: ImportContext, rows: CsvRow[]): Promise<ParsedPatent[]> {
  const { tally, state } = context;
  const seen = seenApplicationNumbers(context);
  let resolver = state.get('applicant_resolver') as ApplicantResolver | undefined;
  if (!resolver) {
    resolver = new ApplicantResolver(context);
    state.set('applicant_resolver', resolver);
  }

  const patents: ParsedPatent[] = [];
  for (const row of rows) {
    const parsed = parsePatentRow(row);
    if ('reason' in parsed) {
      tally.reject(row.line, parsed.reason, parsed.value);
    } else if (seen.has(Number(parsed.applicationNo))) {
      tally.reject(row.line, 'duplicate application number in file', parsed.applicationNo);
    } else {
      seen.add(Number(parsed.applicationNo));
      patents.push(parsed);
    }
  }

  await resolver.prefetch(
    patents.flatMap((patent) => patent.applicantNames),
    patents.flatMap((patent) => (patent.applicantNo ? [patent.applicantNo] : [])),
  );
  for (const patent of patents) {
    const resolution = await resolver.resolve(patent.line, patent.applicantNames, patent.applicantNo);
    patent.applicants = resolution.applicants;
    patent.createdRecords = resolution.createdRecords;
  }
  return patents;
}

/** Inserts the batch's new patents; returns every patent's id and the stored rows of the others. */
async function insertNewPatents(context: ImportContext, patents: readonly ParsedPatent[], now: string) {
  const { db } = context;
  const stored = new Map<string, Record<string, unknown>>();
  for (const part of chunk(patents.map((patent) => patent.applicationNo))) {
    const rows = await db.selectFrom('patents').selectAll().where('application_no', 'in', part).execute();
    for (const row of rows) stored.set(row.application_no, row as Record<string, unknown>);
  }

  const fresh = patents.filter((patent) => !stored.has(patent.applicationNo));
  for (const part of chunk(fresh, 100)) {
    const values = part.map((patent) => ({
      application_no: patent.applicationNo,
      ...patent.fields,
      updated_at: now,
    }));
    await db.insertInto('patents').values(values).execute();
  }
  const ids = new Map<string, number>();
  for (const part of chunk(fresh.map((patent) => patent.applicationNo))) {
    const rows = await db
      .selectFrom('patents')
      .select(['id', 'application_no'])
      .where('application_no', 'in', part)
      .execute();
    for (const row of rows) ids.set(row.application_no, row.id);
  }
  for (const [applicationNo, row] of stored) ids.set(applicationNo, row.id as number);
  return { ids, stored };
}

async function importBatch(context: ImportContext, rows: CsvRow[]): Promise<void> {
  const { db, tally } = context;
  const patents = await parseBatch(context, rows);
  const now = new Date().toISOString();
  const { ids, stored } = await insertNewPatents(context, patents, now);

  const existingIds = [...stored.values()].map((row) => row.id as number);
  const storedIpcs = await groupByPatent(context, 'patent_ipc', existingIds);
  const storedApplicants = await groupByPatent(context, 'patent_applicants', existingIds);
  const newIpcs: ReturnType<typeof ipcRows> = [];
  const newApplicants: (ResolvedApplicant & { patent_id: number })[] = [];
  const outcomes = new Map<string, RowOutcome>();
  const previousCompanies = new Map<string, (number | null)[]>();
  for (const patent of patents) {
    const id = ids.get(patent.applicationNo) as number;
    const row = stored.get(patent.applicationNo);
    if (!row) {
      context.changes.patentIds.add(id);
      newIpcs.push(...ipcRows(id, patent.ipcs));
      newApplicants.push(...patent.applicants.map((applicant) => ({ ...applicant, patent_id: id })));
      outcomes.set(patent.applicationNo, 'imported');
      continue;
    }

    let changed = patent.createdRecords;
    const changedColumns = PATENT_COLUMNS.filter((column) => row[column] !== patent.fields[column]);
    if (changedColumns.length > 0) {
      const update = Object.fromEntries(changedColumns.map((column) => [column, patent.fields[column]]));
      await db
        .updateTable('patents')
        .set({ ...update, updated_at: now })
        .where('id', '=', id)
        .execute();
      if ('title' in update || 'abstract' in update) context.changes.patentIds.add(id);
      changed = true;
    }
    const ipcs = (storedIpcs.get(id) ?? []).map((ipc) => ipc.ipc);
    if (ipcs.join('|') !== patent.ipcs.join('|')) {
      await db.deleteFrom('patent_ipc').where('patent_id', '=', id).execute();
      newIpcs.push(...ipcRows(id, patent.ipcs));
      changed = true;
    }
    const applicants = storedApplicants.get(id) ?? [];
    previousCompanies.set(
      patent.applicationNo,
      applicants.map((applicant) => applicant.company_id as number | null),
    );
    keepCreated(applicants, patent.applicants);
    if (!sameApplicants(applicants, patent.applicants)) {
      await db.deleteFrom('patent_applicants').where('patent_id', '=', id).execute();
      newApplicants.push(...patent.applicants.map((applicant) => ({ ...applicant, patent_id: id })));
      changed = true;
    }
    outcomes.set(patent.applicationNo, changed ? 'updated' : 'unchanged');
  }
  for (const part of chunk(newIpcs, 200)) await db.insertInto('patent_ipc').values(part).execute();
  for (const part of chunk(newApplicants, 100))
    await db.insertInto('patent_applicants').values(part).execute();

  const interactionChanges = await syncCoApplications(
    context,
    patents.map((patent) => ({
      reference: patent.applicationNo,
      date: patent.fields.filing_date,
      companyIds: patent.applicants.map((applicant) => applicant.company_id),
      previousCompanyIds: previousCompanies.get(patent.applicationNo) ?? [],
    })),
  );
  for (const patent of patents) {
    let outcome = outcomes.get(patent.applicationNo) as RowOutcome;
    if (outcome === 'unchanged' && interactionChanges.has(patent.applicationNo)) outcome = 'updated';
    tally.record(outcome);
  }
}

export const kiprisPatents: FormatImporter = {
  name: 'kipris_patents',
  columns: [
    'Applicant',
    'ApplicationNumber',
    'ApplicationDate',
    'InventionName',
    'InternationalpatentclassificationNumber',
  ],
  rank: 50,
  batchSize: 500,
  importRows: importBatch,
  replayRows: replayBatch,
};
