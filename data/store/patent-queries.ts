import type { Kysely } from 'kysely';
import type { Database, Patent } from './tables.js';

/** Read queries about patents and who owns them. */

export interface PatentOwnership {
  patentId: number;
  companyId: number;
}

export interface PatentSummary {
  id: number;
  applicationNo: string;
  filingDate: string | null;
  title: string;
  summary: string | null;
}

const CHUNK = 500;

async function inChunks<T>(ids: readonly number[], run: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    if (chunk.length > 0) out.push(...(await run(chunk)));
  }
  return out;
}

/** Lists a company's patents in filing order, oldest first; undated ones sort first, by application number. */
export async function patentsOfCompany(db: Kysely<Database>, companyId: number): Promise<PatentSummary[]> {
  const rows = await db
    .selectFrom('patents')
    .innerJoin('patent_applicants', 'patent_applicants.patent_id', 'patents.id')
    .select([
      'patents.id',
      'patents.application_no',
      'patents.filing_date',
      'patents.title',
      'patents.summary',
    ])
    .where('patent_applicants.company_id', '=', companyId)
    .orderBy('patents.filing_date')
    .orderBy('patents.application_no')
    .execute();
  const seen = new Set<number>();
  const result: PatentSummary[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    result.push({
      id: row.id,
      applicationNo: row.application_no,
      filingDate: row.filing_date,
      title: row.title,
      summary: row.summary,
    });
  }
  return result;
}

/** Owning companies of the given patents (only applicants attached to a company). */
export async function ownersOfPatents(
  db: Kysely<Database>,
  patentIds: readonly number[],
): Promise<PatentOwnership[]> {
  return inChunks(patentIds, async (chunk) => {
    const rows = await db
      .selectFrom('patent_applicants')
      .select(['patent_id', 'company_id'])
      .where('patent_id', 'in', chunk)
      .where('company_id', 'is not', null)
      .execute();
    return rows.map((row) => ({ patentId: row.patent_id, companyId: row.company_id as number }));
  });
}

export async function patentsByIds(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, PatentSummary>> {
  const rows = await inChunks(ids, (chunk) =>
    db
      .selectFrom('patents')
      .select(['id', 'application_no', 'filing_date', 'title', 'summary'])
      .where('id', 'in', chunk)
      .execute(),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        applicationNo: row.application_no,
        filingDate: row.filing_date,
        title: row.title,
        summary: row.summary,
      },
    ]),
  );
}

/** IPC subclasses (e.g. 'A61K') per patent. */
export async function ipcSubclassesOf(
  db: Kysely<Database>,
  patentIds: readonly number[],
): Promise<Map<number, string[]>> {
  const rows = await inChunks(patentIds, (chunk) =>
    db
      .selectFrom('patent_ipc')
      .select(['patent_id', 'subclass'])
      .where('patent_id', 'in', chunk)
      .orderBy('position')
      .execute(),
  );
  const result = new Map<number, string[]>();
  for (const row of rows) {
    const list = result.get(row.patent_id) ?? [];
    if (!list.includes(row.subclass)) list.push(row.subclass);
    result.set(row.patent_id, list);
  }
  return result;
}

/** Patents after `afterId` in id order, for batch processing such as index builds. */
export async function patentBatch(db: Kysely<Database>, afterId: number, limit: number): Promise<Patent[]> {
  return db.selectFrom('patents').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function patentsWithIds(db: Kysely<Database>, ids: readonly number[]): Promise<Patent[]> {
  return inChunks(ids, (chunk) => db.selectFrom('patents').selectAll().where('id', 'in', chunk).execute());
}

export async function countPatents(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('patents')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
