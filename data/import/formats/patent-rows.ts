import type { CsvRow } from '../types.js';
import { checkTextBytes, parseDate, type Rejection, RowCheck, text } from '../values.js';
import type { ResolvedApplicant } from './applicants.js';
import { parseApplicantNo } from './kipris.js';

/**
 * Field parsing for KIPRIS Plus patent rows (the <PatentUtilityInfo> fields flattened to CSV):
 * application number, filing date, title, abstract, '|'-separated IPC codes and applicants,
 * publication and registration numbers, and the applicant number of the KIPRIS folder the row came from.
 */

/** Columns of `patents` that a row sets; a difference in any of them updates the patent. */
export const PATENT_COLUMNS = [
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

export type PatentFields = Record<(typeof PATENT_COLUMNS)[number], string | null> & { title: string };

export interface ParsedPatent {
  line: number;
  applicationNo: string;
  fields: PatentFields;
  ipcs: string[];
  applicantNames: string[];
  applicantNo: string | null;
  applicants: ResolvedApplicant[];
  createdRecords: boolean;
}

/** Maximum length of patent_applicants.applicant_name, a varchar(300). */
const MAX_NAME_LENGTH = 300;

function parseApplicationNo(raw: string | undefined): string | null | Rejection {
  const value = (raw ?? '').trim().replace(/-/g, '');
  if (value === '') return null;
  return /^\d{13}$/.test(value)
    ? value
    : { reason: 'malformed application number (13 digits expected)', value };
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
  return /^[\dA-Z-]{1,20}$/.test(value)
    ? value
    : { reason: 'malformed publication or registration number', value };
}

export function parsePatentRow(row: CsvRow): ParsedPatent | Rejection {
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

  const abstract = text(v.Abstract);
  checkTextBytes(check, 'InventionName', title);
  checkTextBytes(check, 'Abstract', abstract);
  const status = text(v.RegistrationStatus);
  if (status && status.length > 20) check.optional({ reason: 'malformed RegistrationStatus', value: status });

  const applicantNames = (v.Applicant ?? '')
    .split('|')
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter((name) => name !== '');
  if (applicantNames.length === 0) check.required(null, 'Applicant');
  const longName = applicantNames.find((name) => name.length > MAX_NAME_LENGTH);
  if (longName)
    check.optional({ reason: `applicant name longer than ${MAX_NAME_LENGTH} characters`, value: longName });
  checkTextBytes(check, 'Applicant', applicantNames.join('|'));
  if (check.rejection || applicationNo === null || title === null) {
    return check.rejection ?? { reason: 'invalid row', value: '' };
  }

  return {
    line: row.line,
    applicationNo,
    fields: {
      filing_date: filingDate,
      title,
      abstract,
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
