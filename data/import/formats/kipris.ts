import { type CompanyWrite, chunk, writeCompany } from '../companies.js';
import type { CsvRow, FormatImporter, ImportContext } from '../types.js';
import { parseBrnField, type Rejection, RowCheck, text } from '../values.js';

/**
 * Importers for the neojune KIPRIS collection: company and university masters (with BRN and
 * corporate registration number) and the tables that map KIPRIS applicant numbers (특허고객번호,
 * 12 digits) to them. The masters' row ids are kept as company keys so the maps can refer to them.
 */

export const COMPANY_SEQ_KEY = 'neojune_company_seq';
export const UNIVERSITY_SEQ_KEY = 'neojune_uni_seq';
export const APPLICANT_NO_KEY = 'applicant_no';

/** Row ids are stored as company keys (varchar(60)); 18 digits is far more than any export uses. */
function parseSeq(raw: string | undefined): string | null | Rejection {
  const value = (raw ?? '').trim();
  if (value === '') return null;
  return /^\d{1,18}$/.test(value) ? value : { reason: 'malformed sequence number (1 to 18 digits)', value };
}

/** 법인등록번호: 13 digits written NNNNNN-NNNNNNN. Dashes alone mean the source had none. */
function parseCorpNo(raw: string | undefined): string | null | Rejection {
  const value = (raw ?? '').trim();
  if (/^-*$/.test(value)) return null;
  const match = /^(\d{6})-?(\d{7})$/.exec(value);
  return match ? `${match[1]}-${match[2]}` : { reason: 'malformed corp_no, left empty', value };
}

/** Parses the optional corporate registration number; a malformed one is left out with a warning. */
function corpNoOrWarn(context: ImportContext, row: CsvRow): string | null {
  const parsed = parseCorpNo(row.values.corp_no);
  if (parsed === null || typeof parsed === 'string') return parsed;
  context.tally.warn(row.line, parsed.reason, parsed.value);
  return null;
}

/** KIPRIS applicant number (특허고객번호): 12 digits. */
export function parseApplicantNo(raw: string | undefined): string | null | Rejection {
  const value = (raw ?? '').trim();
  if (value === '') return null;
  return /^\d{12}$/.test(value) ? value : { reason: 'malformed applicant number', value };
}

function recordCompany(context: ImportContext, row: CsvRow, written: CompanyWrite): void {
  if (written.ok) context.tally.record(written.outcome);
  else context.tally.reject(row.line, written.reason, written.detail);
}

export const neojuneCompanies: FormatImporter = {
  name: 'neojune_companies',
  columns: ['company_seq', 'biz_no', 'corp_no', 'biz_type', 'company_name'],
  rank: 20,
  async importRows(context, rows) {
    for (const row of rows) {
      const check = new RowCheck();
      const seq = check.required(parseSeq(row.values.company_seq), 'company_seq');
      const brn = check.required(parseBrnField(row.values.biz_no), 'biz_no');
      const name = check.required(text(row.values.company_name), 'company_name');
      if (check.rejection || seq === null || brn === null || name === null) {
        context.tally.reject(row.line, check.rejection?.reason ?? 'invalid row', check.rejection?.value);
        continue;
      }
      const corpNo = corpNoOrWarn(context, row);
      // 개인 is a sole proprietorship registered under its owner; 법인 a corporation.
      const kind = row.values.biz_type?.trim() === '개인' ? 'individual' : 'company';
      const written = await writeCompany(
        context,
        {
          identity: { brn, keys: [{ kind: COMPANY_SEQ_KEY, value: seq }], names: [name] },
          name,
          kind,
          owned: { corp_no: corpNo },
        },
        row.line,
      );
      recordCompany(context, row, written);
    }
  },
};

export const neojuneUniversities: FormatImporter = {
  name: 'neojune_universities',
  columns: ['uni_seq', 'biz_no', 'corp_no', 'applicant'],
  rank: 21,
  async importRows(context, rows) {
    for (const row of rows) {
      const check = new RowCheck();
      const seq = check.required(parseSeq(row.values.uni_seq), 'uni_seq');
      // Some university rows carry ' --' for an unknown BRN; they are identified by their row id alone.
      const rawBrn = /^[\s-]*$/.test(row.values.biz_no ?? '') ? '' : row.values.biz_no;
      const brn = check.optional(parseBrnField(rawBrn));
      const name = check.required(text(row.values.applicant), 'applicant');
      if (check.rejection || seq === null || name === null) {
        context.tally.reject(row.line, check.rejection?.reason ?? 'invalid row', check.rejection?.value);
        continue;
      }
      const corpNo = corpNoOrWarn(context, row);
      const written = await writeCompany(
        context,
        {
          identity: { brn, keys: [{ kind: UNIVERSITY_SEQ_KEY, value: seq }], names: [name] },
          name,
          kind: 'university',
          owned: { corp_no: corpNo },
        },
        row.line,
      );
      recordCompany(context, row, written);
    }
  },
};

/** Key-value lookups in company_keys for one key kind, 500 values per query. */
async function keysOf(
  context: ImportContext,
  kind: string,
  values: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const part of chunk([...new Set(values)])) {
    const rows = await context.db
      .selectFrom('company_keys')
      .select(['value', 'company_id'])
      .where('kind', '=', kind)
      .where('value', 'in', part)
      .execute();
    for (const row of rows) found.set(row.value, row.company_id);
  }
  return found;
}

/** Imports a table of applicant_no -> owner row id, for companies or for universities. */
function applicantNumbers(name: string, ownerColumn: string, ownerKey: string, rank: number): FormatImporter {
  return {
    name,
    columns: ['applicant_id', 'applicant_no', ownerColumn],
    rank,
    batchSize: 500,
    async importRows(context, rows) {
      const parsed: { line: number; applicantNo: string; owner: string }[] = [];
      for (const row of rows) {
        const check = new RowCheck();
        const applicantNo = check.required(parseApplicantNo(row.values.applicant_no), 'applicant_no');
        const owner = check.required(parseSeq(row.values[ownerColumn]), ownerColumn);
        if (check.rejection || applicantNo === null || owner === null) {
          context.tally.reject(row.line, check.rejection?.reason ?? 'invalid row', check.rejection?.value);
          continue;
        }
        parsed.push({ line: row.line, applicantNo, owner });
      }
      const owners = await keysOf(
        context,
        ownerKey,
        parsed.map((item) => item.owner),
      );
      const known = await keysOf(
        context,
        APPLICANT_NO_KEY,
        parsed.map((item) => item.applicantNo),
      );
      const inserts: { kind: string; value: string; company_id: number }[] = [];
      for (const item of parsed) {
        const companyId = owners.get(item.owner);
        if (companyId === undefined) {
          context.tally.reject(item.line, `unknown ${ownerColumn} (no such row imported)`, item.owner);
          continue;
        }
        const current = known.get(item.applicantNo);
        if (current === undefined) {
          inserts.push({ kind: APPLICANT_NO_KEY, value: item.applicantNo, company_id: companyId });
          known.set(item.applicantNo, companyId);
          context.tally.record('imported');
        } else if (current === companyId) {
          context.tally.record('unchanged');
        } else {
          context.tally.reject(
            item.line,
            'identity conflict',
            `applicant number ${item.applicantNo} already belongs to company ${current}, this row says ${ownerColumn} ${item.owner} (company ${companyId})`,
          );
        }
      }
      for (const part of chunk(inserts, 300))
        await context.db.insertInto('company_keys').values(part).execute();
    },
  };
}

export const neojuneCompanyApplicants = applicantNumbers(
  'neojune_company_applicant_numbers',
  'company_seq',
  COMPANY_SEQ_KEY,
  30,
);
export const neojuneUniversityApplicants = applicantNumbers(
  'neojune_university_applicant_numbers',
  'uni_seq',
  UNIVERSITY_SEQ_KEY,
  31,
);
