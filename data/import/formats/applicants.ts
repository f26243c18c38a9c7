import { normalizeCompanyName } from '../../identity/names.js';
import type { NameMatch } from '../../identity/resolver.js';
import { chunk } from '../companies.js';
import type { ImportContext } from '../types.js';
import { APPLICANT_NO_KEY } from './kipris.js';

/** One applicant of a patent as stored in patent_applicants. */
export interface ResolvedApplicant {
  position: number;
  applicant_name: string;
  applicant_no: string | null;
  company_id: number | null;
  resolution: 'applicant_no' | 'name' | 'created' | 'ambiguous';
}

/** Resolved applicants of a patent, and whether resolving them created records. */
export interface ApplicantResolution {
  applicants: ResolvedApplicant[];
  /** True when an applicant-only company or a name alias was created. */
  createdRecords: boolean;
}

/**
 * Attaches patent applicants to companies for one file. The row's applicant number, when present,
 * names one applicant through company_keys; every other applicant is matched by normalised name.
 * Name and key lookups are cached for the whole file and fetched 500 at a time per batch.
 */
export class ApplicantResolver {
  private readonly byName = new Map<string, NameMatch>();
  private readonly byApplicantNo = new Map<string, number | null>();
  private readonly namesOf = new Map<number, Set<string>>();

  constructor(private readonly context: ImportContext) {}

  /** Loads what a batch needs: its normalised applicant names and its applicant numbers. */
  async prefetch(names: readonly string[], applicantNos: readonly string[]): Promise<void> {
    const normalized = [...new Set(names.map(normalizeCompanyName))].filter((n) => n && !this.byName.has(n));
    for (const part of chunk(normalized)) await this.loadNames(part);

    const numbers = [...new Set(applicantNos)].filter((value) => !this.byApplicantNo.has(value));
    for (const part of chunk(numbers)) {
      const rows = await this.context.db
        .selectFrom('company_keys')
        .select(['value', 'company_id'])
        .where('kind', '=', APPLICANT_NO_KEY)
        .where('value', 'in', part)
        .execute();
      for (const value of part) this.byApplicantNo.set(value, null);
      for (const row of rows) this.byApplicantNo.set(row.value, row.company_id);
    }

    const owners = [...new Set(this.byApplicantNo.values())].filter(
      (id): id is number => id !== null && !this.namesOf.has(id),
    );
    for (const part of chunk(owners)) {
      const rows = await this.context.db
        .selectFrom('company_names')
        .select(['company_id', 'normalized'])
        .where('company_id', 'in', part)
        .execute();
      for (const id of part) this.namesOf.set(id, new Set());
      for (const row of rows) this.namesOf.get(row.company_id)?.add(row.normalized);
    }
  }

  private async loadNames(normalized: readonly string[]): Promise<void> {
    const rows = await this.context.db
      .selectFrom('company_names')
      .select(['company_id', 'normalized'])
      .distinct()
      .where('normalized', 'in', normalized)
      .execute();
    const ids = new Map<string, Set<number>>();
    for (const row of rows) {
      let set = ids.get(row.normalized);
      if (!set) {
        set = new Set();
        ids.set(row.normalized, set);
      }
      set.add(row.company_id);
    }
    for (const name of normalized) {
      const found = [...(ids.get(name) ?? [])].sort((a, b) => a - b);
      if (found.length === 0) this.byName.set(name, { status: 'none' });
      else if (found.length === 1) this.byName.set(name, { status: 'unique', companyId: found[0] as number });
      else this.byName.set(name, { status: 'ambiguous', companyIds: found });
    }
  }

  private async matchName(normalized: string): Promise<NameMatch> {
    if (!this.byName.has(normalized)) await this.loadNames([normalized]);
    return this.byName.get(normalized) as NameMatch;
  }

  /** Resolves one patent's applicants in order; `line` is used for warnings in the file report. */
  async resolve(
    line: number,
    names: readonly string[],
    applicantNo: string | null,
  ): Promise<ApplicantResolution> {
    const { tally, resolver, format } = this.context;
    const normalized = names.map(normalizeCompanyName);
    let createdRecords = false;
    let ownerId: number | null = null;
    let ownerPosition = -1;
    if (applicantNo) {
      ownerId = this.byApplicantNo.get(applicantNo) ?? null;
      if (ownerId === null) {
        tally.warn(line, 'unknown applicant number (applicants matched by name only)', applicantNo);
      } else {
        const ownerNames = this.namesOf.get(ownerId) ?? new Set<string>();
        ownerPosition = normalized.findIndex((name) => name !== '' && ownerNames.has(name));
        if (ownerPosition < 0 && names.length === 1 && normalized[0]) {
          // The sole applicant of a patent filed under this applicant number is its owner: keep the
          // spelling as an alias so that patents without the number find the company by name.
          ownerPosition = 0;
          await resolver.addName(ownerId, names[0] as string, format);
          ownerNames.add(normalized[0]);
          this.byName.delete(normalized[0]);
          createdRecords = true;
        }
        if (ownerPosition < 0) tally.warn(line, 'applicant number matches no applicant name', applicantNo);
      }
    }

    const applicants: ResolvedApplicant[] = [];
    for (const [position, name] of names.entries()) {
      const key = normalized[position] as string;
      const keepNumber = position === ownerPosition || (ownerId === null && names.length === 1);
      const base = { position, applicant_name: name, applicant_no: keepNumber ? applicantNo : null };
      if (position === ownerPosition) {
        applicants.push({ ...base, company_id: ownerId, resolution: 'applicant_no' });
        continue;
      }
      if (key === '') {
        tally.warn(line, 'applicant name is only a legal form, left unattached', name);
        applicants.push({ ...base, company_id: null, resolution: 'ambiguous' });
        continue;
      }
      const match = await this.matchName(key);
      if (match.status === 'unique') {
        applicants.push({ ...base, company_id: match.companyId, resolution: 'name' });
      } else if (match.status === 'ambiguous') {
        tally.warn(line, 'ambiguous applicant name, left unattached', name);
        applicants.push({ ...base, company_id: null, resolution: 'ambiguous' });
      } else {
        const created = await resolver.resolveOrCreate({}, { name, kind: 'applicant' }, format);
        if (!created.ok) throw new Error(`Creating applicant company "${name}" failed: ${created.reason}`);
        this.byName.set(key, { status: 'unique', companyId: created.companyId });
        createdRecords = true;
        applicants.push({ ...base, company_id: created.companyId, resolution: 'created' });
      }
    }
    return { applicants, createdRecords };
  }
}
