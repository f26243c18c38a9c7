import { chunk } from '../companies.js';
import type { RowOutcome } from '../report.js';
import type { CsvRow, FormatImporter, ImportContext } from '../types.js';
import { parseDate, type Rejection, RowCheck, text } from '../values.js';
import { ApplicantResolver, type ResolvedApplicant } from './applicants.js';
import { parseApplicantNo } from './kipris.js';
import { syncCoApplications } from './co-applications.js';

/**
 * KIPRIS Plus patent rows (the <PatentUtilityInfo> fields flattened to CSV): application number,
 * filing date, title, abstract, '|'-separated IPC codes and applicants, publication and
 * registration numbers, and the applicant number of the KIPRIS folder the row came from.
 */

/** Columns of `patents` that a row sets; a difference in any of them updates the patent. */
const PATENT_COLUMNS = [
  'filing_date',
  'title',
  'abstract',
  'status',
  'open_no',
  'open_date',
  'registration_no',
  'registration_date',
  'applicants_raw',
] as const;

type PatentFields = Record<(typeof PATENT_COLUMNS)[number], string | null> & { title: string };

interface ParsedPatent {
  line: number;
  applicationNo: string;
  fields: PatentFields;
  ipcs: string[];
  applicantNames: string[];
  applicantNo: string | null;
  applicants: ResolvedApplicant[];
  createdRecords: boolean;
}

/** Longest value the varchar(300) applicant_name column takes. */
const MAX_NAME_LENGTH = 300;

function parseApplicationNo(raw: string | undefined): string | null | Rejection {
  const value = (raw ?? '').trim().replace(/-/g, '');
  if (value === '') return null;
  return /^\d{13}$/.test(value) ? value : { reason: 'malformed application number (13 digits expected)', value };
}

/** Parses a '|'-separated IPC list; whitespace inside a code (line breaks in the XML) becomes one space. */
function parseIpcs(raw: string | undefined): string[] | Rejection {
  const codes = (raw ?? '')
    .split('|')
    .map((code) => code.replace(/\s+/g, ' ').trim())
    .filter((code) => code !== '');
  const bad = codes.find((code) => !/^[A-H]\d{2}[A-Z]/.test(code) || code.length > 40);
  return bad ? { reason: 'malformed IPC code', value: bad } : codes;
}

/** Publication and registration numbers: digits and dashes, up to the varchar(20) column width. */
function parseDocumentNo(raw: string | undefined): string | null | Rejection {
  const value = (raw ?? '').trim();
  if (value === '') return null;
  return /^[\dA-Z-]{1,20}$/.test(value) ? value : { reason: 'malformed publication or registration number', value };
}

function parseRow(row: CsvRow): ParsedPatent | Rejection {
  const v = row.values;
  const check = new RowCheck();
  const applicationNo = check.required(parseApplicationNo(v.ApplicationNumber), 'ApplicationNumber');
  const filingDate = check.required(parseDate(v.ApplicationDate), 'ApplicationDate');
  const title = check.required(text(v.InventionName), 'InventionName');
  const ipcs = check.optional(parseIpcs(v.InternationalpatentclassificationNumber)) ?? [];
  const applicantNo = check.optional(parseApplicantNo(v.applicant_no));
  const openNo = check.optional(parseDocumentNo(v.OpeningNumber));
  const openDate = check.optional(parseDate(v.OpeningDate));
  const registrationNo = check.optional(parseDocumentNo(v.RegistrationNumber));
  const registrationDate = check.optional(parseDate(v.RegistrationDate));
  const status = text(v.RegistrationStatus);
  if (status && status.length > 20) check.optional({ reason: 'malformed RegistrationStatus', value: status });
  const applicantNames = (v.Applicant ?? '')
    .split('|')
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter((name) => name !== '');
  if (applicantNames.length === 0) check.required(null, 'Applicant');
  const longName = applicantNames.find((name) => name.length > MAX_NAME_LENGTH);
  if (longName) check.optional({ reason: `applicant name longer than ${MAX_NAME_LENGTH} characters`, value: longName });
  if (check.rejection || applicationNo === null || title === null) {
    return check.rejection ?? { reason: 'invalid row', value: '' };
  }
  return {
    line: row.line,
    applicationNo,
    fields: {
      filing_date: filingDate,
      title,
      abstract: text(v.Abstract),
      status,
      open_no: openNo,
      open_date: openDate,
      registration_no: registrationNo,
      registration_date: registrationDate,
      applicants_raw: applicantNames.join('|'),
    },
    ipcs,
    applicantNames,
    applicantNo,
    applicants: [],
    createdRecords: false,
  };
}

function ipcRows(patentId: number, ipcs: readonly string[]) {
  return ipcs.map((ipc, position) => ({ patent_id: patentId, position, ipc, subclass: ipc.slice(0, 4) }));
}

function sameApplicants(stored: readonly Record<string, unknown>[], wanted: readonly ResolvedApplicant[]): boolean {
  if (stored.length !== wanted.length) return false;
  return wanted.every((applicant, index) => {
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
function keepCreated(stored: readonly Record<string, unknown>[], wanted: ResolvedApplicant[]): void {
  for (const applicant of wanted) {
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
    const rows = await context.db.selectFrom(table).selectAll().where('patent_id', 'in', part).orderBy('position').execute();
    for (const row of rows) {
      const list = groups.get(row.patent_id) ?? [];
      list.push(row as Record<string, unknown>);
      groups.set(row.patent_id, list);
    }
  }
  return groups;
}

async function importBatch(context: ImportContext, rows: CsvRow[]): Promise<void> {
  const { db, tally, state } = context;
  let seen = state.get('application_numbers') as Set<number> | undefined;
  if (!seen) {
    seen = new Set();
    state.set('application_numbers', seen);
  }
  let resolver = state.get('applicant_resolver') as ApplicantResolver | undefined;
  if (!resolver) {
    resolver = new ApplicantResolver(context);
    state.set('applicant_resolver', resolver);
  }

  const patents: ParsedPatent[] = [];
  for (const row of rows) {
    const parsed = parseRow(row);
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

  const stored = new Map<string, Record<string, unknown>>();
  for (const part of chunk(patents.map((patent) => patent.applicationNo))) {
    for (const row of await db.selectFrom('patents').selectAll().where('application_no', 'in', part).execute()) {
      stored.set(row.application_no, row as Record<string, unknown>);
    }
  }
  const now = new Date().toISOString();
  const fresh = patents.filter((patent) => !stored.has(patent.applicationNo));
  for (const part of chunk(fresh, 100)) {
    await db
      .insertInto('patents')
      .values(part.map((patent) => ({ application_no: patent.applicationNo, ...patent.fields, updated_at: now })))
      .execute();
  }
  const ids = new Map<string, number>();
  for (const part of chunk(fresh.map((patent) => patent.applicationNo))) {
    for (const row of await db.selectFrom('patents').select(['id', 'application_no']).where('application_no', 'in', part).execute()) {
      ids.set(row.application_no, row.id);
    }
  }
  for (const [applicationNo, row] of stored) ids.set(applicationNo, row.id as number);

  const existingIds = [...stored.values()].map((row) => row.id as number);
  const storedIpcs = await groupByPatent(context, 'patent_ipc', existingIds);
  const storedApplicants = await groupByPatent(context, 'patent_applicants', existingIds);
  const newIpcs: ReturnType<typeof ipcRows> = [];
  const newApplicants: (ResolvedApplicant & { patent_id: number })[] = [];
  const outcomes = new Map<string, RowOutcome>();
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
    const update = Object.fromEntries(PATENT_COLUMNS.filter((column) => row[column] !== patent.fields[column]).map((column) => [column, patent.fields[column]]));
    if (Object.keys(update).length > 0) {
      await db.updateTable('patents').set({ ...update, updated_at: now }).where('id', '=', id).execute();
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
    keepCreated(applicants, patent.applicants);
    if (!sameApplicants(applicants, patent.applicants)) {
      await db.deleteFrom('patent_applicants').where('patent_id', '=', id).execute();
      newApplicants.push(...patent.applicants.map((applicant) => ({ ...applicant, patent_id: id })));
      changed = true;
    }
    outcomes.set(patent.applicationNo, changed ? 'updated' : 'unchanged');
  }
  for (const part of chunk(newIpcs, 200)) await db.insertInto('patent_ipc').values(part).execute();
  for (const part of chunk(newApplicants, 100)) await db.insertInto('patent_applicants').values(part).execute();

  const interactionChanges = await syncCoApplications(
    context,
    patents.map((patent) => ({
      reference: patent.applicationNo,
      date: patent.fields.filing_date,
      companyIds: patent.applicants.map((applicant) => applicant.company_id),
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
  columns: ['Applicant', 'ApplicationNumber', 'ApplicationDate', 'InventionName', 'InternationalpatentclassificationNumber'],
  rank: 50,
  batchSize: 500,
  importRows: importBatch,
};
