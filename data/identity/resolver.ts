import type { Kysely, Selectable } from 'kysely';
import type { CompaniesTable, Database } from '../store/tables.js';
import { normalizeCompanyName } from './names.js';

/**
 * One company identity across sources: BRN, DART corp code, KRX ticker, KIPRIS applicant number,
 * source row keys and name spellings all resolve to one `companies.id`. When a row links two
 * companies created earlier from different sources (a ticker-only company and a BRN-only one), the
 * two are merged into the older one.
 */

export interface CompanyIdentity {
  brn?: string | null;
  ticker?: string | null;
  corpCode?: string | null;
  /** Other keys, e.g. { kind: 'applicant_no', value: '120140558200' }. */
  keys?: readonly { kind: string; value: string }[];
  /** Name spellings to record as aliases of the company. */
  names?: readonly string[];
}

/** Columns a source may fill on a company. Nulls never overwrite known values. */
export type CompanyFields = Partial<
  Omit<Selectable<CompaniesTable>, 'id' | 'brn' | 'ticker' | 'corp_code' | 'updated_at'>
>;

export type ResolveOutcome =
  | { ok: true; companyId: number; created: boolean; changed: boolean; merged: number[] }
  | { ok: false; reason: string };

export type NameMatch =
  | { status: 'unique'; companyId: number }
  | { status: 'none' }
  | { status: 'ambiguous'; companyIds: number[] };

/** Tables whose rows point at a company, with the columns that make a row unique besides company_id. */
const CHILD_TABLES = [
  { table: 'company_names', keyColumns: ['name'] },
  { table: 'company_keys', keyColumns: null },
  { table: 'financial_statements', keyColumns: ['period', 'account', 'source'] },
  { table: 'monthly_closes', keyColumns: ['month'] },
  { table: 'market_caps', keyColumns: ['source'] },
  { table: 'company_metrics', keyColumns: ['source', 'metric'] },
] as const;

function now(): string {
  return new Date().toISOString();
}

export class CompanyResolver {
  private readonly nameCache = new Map<string, NameMatch>();

  constructor(private readonly db: Kysely<Database>) {}

  /** Ids of the companies that any strong identifier (BRN, ticker, corp code, key) points to. */
  async findByIdentity(identity: CompanyIdentity): Promise<number[]> {
    const ids = new Set<number>();
    const byColumn: [keyof CompaniesTable & ('brn' | 'ticker' | 'corp_code'), string | null | undefined][] = [
      ['brn', identity.brn],
      ['ticker', identity.ticker],
      ['corp_code', identity.corpCode],
    ];
    for (const [column, value] of byColumn) {
      if (!value) continue;
      const row = await this.db
        .selectFrom('companies')
        .select('id')
        .where(column, '=', value)
        .executeTakeFirst();
      if (row) ids.add(row.id);
    }
    for (const key of identity.keys ?? []) {
      const row = await this.db
        .selectFrom('company_keys')
        .select('company_id')
        .where('kind', '=', key.kind)
        .where('value', '=', key.value)
        .executeTakeFirst();
      if (row) ids.add(row.company_id);
    }
    return [...ids].sort((a, b) => a - b);
  }

  /** Looks a company up by any spelling of its name. */
  async findByName(name: string): Promise<NameMatch> {
    const normalized = normalizeCompanyName(name);
    if (!normalized) return { status: 'none' };
    const cached = this.nameCache.get(normalized);
    if (cached) return cached;
    const rows = await this.db
      .selectFrom('company_names')
      .select('company_id')
      .distinct()
      .where('normalized', '=', normalized)
      .execute();
    let match: NameMatch;
    if (rows.length === 0) match = { status: 'none' };
    else if (rows.length === 1)
      match = { status: 'unique', companyId: (rows[0] as { company_id: number }).company_id };
    else match = { status: 'ambiguous', companyIds: rows.map((row) => row.company_id).sort((a, b) => a - b) };
    // Only positive results are cached, because a 'none' can become 'unique' as the import creates companies.
    if (match.status !== 'none') this.nameCache.set(normalized, match);
    return match;
  }

  /**
   * Finds the company that the identity names, merging companies that the identity proves are one,
   * or creates it. Fills empty columns from `fields` and records new identifiers and names.
   * Returns a reason instead when the identity conflicts with what is stored (for example a
   * ticker already tied to a different BRN).
   */
  async resolveOrCreate(
    identity: CompanyIdentity,
    fields: CompanyFields & { name: string; kind: string },
    source: string,
  ): Promise<ResolveOutcome> {
    const matches = await this.findByIdentity(identity);
    if (matches.length === 0 && fields.kind !== 'applicant') {
      // A company known so far only as a patent applicant becomes this company when the name matches it alone.
      const byName = await this.findByName(fields.name);
      if (byName.status === 'unique' && (await this.kindOf(byName.companyId)) === 'applicant') {
        matches.push(byName.companyId);
      }
    }
    let companyId: number;
    let created = false;
    const merged: number[] = [];
    if (matches.length === 0) {
      const inserted = await this.db
        .insertInto('companies')
        .values({
          ...fields,
          listed: fields.listed ?? 0,
          brn: identity.brn ?? null,
          ticker: identity.ticker ?? null,
          corp_code: identity.corpCode ?? null,
          updated_at: now(),
        })
        .executeTakeFirstOrThrow();
      companyId = Number(inserted.insertId);
      created = true;
    } else {
      companyId = matches[0] as number;
      for (const other of matches.slice(1)) {
        const conflict = await this.mergeConflict(companyId, other);
        if (conflict) return { ok: false, reason: conflict };
        await this.merge(companyId, other);
        merged.push(other);
      }
    }
    let changed = created || merged.length > 0;
    if (!created) {
      const update = await this.fillCompany(companyId, identity, fields);
      if (!update.ok) return update;
      changed ||= update.changed;
    }
    for (const key of identity.keys ?? [])
      changed = (await this.addKey(companyId, key.kind, key.value)) || changed;
    const names = new Set([fields.name, ...(identity.names ?? [])]);
    for (const name of names) changed = (await this.addName(companyId, name, source)) || changed;
    return { ok: true, companyId, created, changed, merged };
  }

  /** Records a name spelling of a company. Returns true when it was new. */
  async addName(companyId: number, name: string, source: string): Promise<boolean> {
    const trimmed = name.trim();
    const normalized = normalizeCompanyName(trimmed);
    if (!trimmed || !normalized) return false;
    const existing = await this.db
      .selectFrom('company_names')
      .select('company_id')
      .where('company_id', '=', companyId)
      .where('name', '=', trimmed)
      .executeTakeFirst();
    if (existing) return false;
    await this.db
      .insertInto('company_names')
      .values({ company_id: companyId, name: trimmed, normalized, source })
      .execute();
    this.nameCache.delete(normalized);
    return true;
  }

  /** Records a key such as an applicant number. Returns true when it was new; keeps an existing owner. */
  async addKey(companyId: number, kind: string, value: string): Promise<boolean> {
    const existing = await this.db
      .selectFrom('company_keys')
      .select('company_id')
      .where('kind', '=', kind)
      .where('value', '=', value)
      .executeTakeFirst();
    if (existing) return false;
    await this.db.insertInto('company_keys').values({ kind, value, company_id: companyId }).execute();
    return true;
  }

  private async fillCompany(
    companyId: number,
    identity: CompanyIdentity,
    fields: CompanyFields,
  ): Promise<{ ok: true; changed: boolean } | { ok: false; reason: string }> {
    const current = await this.db
      .selectFrom('companies')
      .selectAll()
      .where('id', '=', companyId)
      .executeTakeFirstOrThrow();
    const update: Record<string, unknown> = {};
    const strong: ['brn' | 'ticker' | 'corp_code', string | null | undefined][] = [
      ['brn', identity.brn],
      ['ticker', identity.ticker],
      ['corp_code', identity.corpCode],
    ];
    for (const [column, value] of strong) {
      if (!value) continue;
      if (current[column] && current[column] !== value) {
        return {
          ok: false,
          reason: `conflicting ${column}: company ${current.name} already has ${current[column]}, this row says ${value}`,
        };
      }
      if (!current[column]) update[column] = value;
    }
    for (const [column, value] of Object.entries(fields)) {
      if (value === null || value === undefined || value === '') continue;
      const existing = (current as Record<string, unknown>)[column];
      // 'applicant' is the weakest kind, so a later source with a real kind upgrades it.
      if (column === 'kind' && existing !== 'applicant') continue;
      if (column === 'name' && existing && current.kind !== 'applicant') continue;
      if (existing !== value) update[column] = value;
    }
    if (Object.keys(update).length === 0) return { ok: true, changed: false };
    await this.db
      .updateTable('companies')
      .set({ ...update, updated_at: now() })
      .where('id', '=', companyId)
      .execute();
    return { ok: true, changed: true };
  }

  private async kindOf(companyId: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('companies')
      .select('kind')
      .where('id', '=', companyId)
      .executeTakeFirst();
    return row?.kind;
  }

  private async mergeConflict(keepId: number, dropId: number): Promise<string | null> {
    const rows = await this.db
      .selectFrom('companies')
      .selectAll()
      .where('id', 'in', [keepId, dropId])
      .execute();
    const keep = rows.find((row) => row.id === keepId);
    const drop = rows.find((row) => row.id === dropId);
    if (!keep || !drop) return null;
    for (const column of ['brn', 'ticker', 'corp_code'] as const) {
      if (keep[column] && drop[column] && keep[column] !== drop[column]) {
        return `conflicting ${column}: this row links ${keep.name} (${keep[column]}) and ${drop.name} (${drop[column]})`;
      }
    }
    return null;
  }

  /** Moves everything that refers to `dropId` onto `keepId`, fills keepId's empty columns, deletes dropId. */
  async merge(keepId: number, dropId: number): Promise<void> {
    const db = this.db;
    for (const { table, keyColumns } of CHILD_TABLES) {
      if (keyColumns) {
        // Rows that would collide with one the kept company already has are dropped first.
        const keepRows = (await db
          .selectFrom(table)
          .selectAll()
          .where('company_id', '=', keepId)
          .execute()) as Record<string, unknown>[];
        const seen = new Set(
          keepRows.map((row) => keyColumns.map((column) => String(row[column])).join('\u0000')),
        );
        const dropRows = (await db
          .selectFrom(table)
          .selectAll()
          .where('company_id', '=', dropId)
          .execute()) as Record<string, unknown>[];
        for (const row of dropRows) {
          const key = keyColumns.map((column) => String(row[column])).join('\u0000');
          if (!seen.has(key)) continue;
          let query = db.deleteFrom(table).where('company_id', '=', dropId);
          for (const column of keyColumns) query = query.where(column as never, '=', row[column] as never);
          await query.execute();
        }
      }
      await db.updateTable(table).set({ company_id: keepId }).where('company_id', '=', dropId).execute();
    }
    await db
      .updateTable('patent_applicants')
      .set({ company_id: keepId })
      .where('company_id', '=', dropId)
      .execute();
    await this.mergeInteractions(keepId, dropId);

    const [keep, drop] = await Promise.all([
      db.selectFrom('companies').selectAll().where('id', '=', keepId).executeTakeFirstOrThrow(),
      db.selectFrom('companies').selectAll().where('id', '=', dropId).executeTakeFirstOrThrow(),
    ]);
    const fill: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(drop)) {
      if (column === 'id' || value === null) continue;
      const current = (keep as Record<string, unknown>)[column];
      if (
        current === null ||
        (column === 'kind' && current === 'applicant') ||
        (column === 'listed' && !current && value)
      ) {
        fill[column] = value;
      }
    }
    if (keep.kind === 'applicant' && drop.kind !== 'applicant') fill.name = drop.name;
    // Unique columns must leave the dropped row before the kept row can take them.
    await db.deleteFrom('companies').where('id', '=', dropId).execute();
    if (Object.keys(fill).length > 0) {
      await db
        .updateTable('companies')
        .set({ ...fill, updated_at: now() })
        .where('id', '=', keepId)
        .execute();
    }
    this.nameCache.clear();
  }

  private async mergeInteractions(keepId: number, dropId: number): Promise<void> {
    const rows = await this.db
      .selectFrom('interactions')
      .selectAll()
      .where((eb) => eb.or([eb('company_a', '=', dropId), eb('company_b', '=', dropId)]))
      .execute();
    for (const row of rows) {
      await this.db.deleteFrom('interactions').where('id', '=', row.id).execute();
      const a = row.company_a === dropId ? keepId : row.company_a;
      const b = row.company_b === dropId ? keepId : row.company_b;
      if (a === b) continue;
      const [low, high] = a < b ? [a, b] : [b, a];
      const exists = await this.db
        .selectFrom('interactions')
        .select('id')
        .where('company_a', '=', low)
        .where('company_b', '=', high)
        .where('kind', '=', row.kind)
        .where('reference', '=', row.reference)
        .executeTakeFirst();
      if (exists) continue;
      await this.db
        .insertInto('interactions')
        .values({
          company_a: low,
          company_b: high,
          kind: row.kind,
          date: row.date,
          reference: row.reference,
          source: row.source,
        })
        .execute();
    }
  }
}
