import type { Kysely } from 'kysely';
import type { Database } from '../../data/store/tables.js';

/** Streaming reads of the store for the offline evaluation, in id order and bounded batches. */

export interface InteractionRow {
  a: number;
  b: number;
  date: string | null;
  kind: string;
}

export interface ScannedPatent {
  id: number;
  filingDate: string | null;
  /** Distinct companies among the applicants, in applicant order. */
  companies: number[];
  /** Distinct IPC subclasses, e.g. 'A61K'. */
  subclasses: string[];
}

const BATCH = 5000;

/** Reads every interaction of the given kinds (all kinds when none are given). */
export async function readInteractions(
  db: Kysely<Database>,
  kinds?: readonly string[],
): Promise<InteractionRow[]> {
  const rows: InteractionRow[] = [];
  let afterId = 0;
  for (;;) {
    let query = db
      .selectFrom('interactions')
      .select(['id', 'company_a', 'company_b', 'date', 'kind'])
      .where('id', '>', afterId);
    if (kinds && kinds.length > 0) query = query.where('kind', 'in', [...kinds]);
    const batch = await query.orderBy('id').limit(BATCH).execute();
    if (batch.length === 0) break;
    afterId = (batch[batch.length - 1] as { id: number }).id;
    for (const row of batch)
      rows.push({ a: row.company_a, b: row.company_b, date: row.date, kind: row.kind });
  }
  return rows;
}

/** Calls `visit` with every patent, its applicant companies and IPC subclasses, a batch at a time. */
export async function scanPatents(
  db: Kysely<Database>,
  visit: (patents: ScannedPatent[]) => void,
): Promise<void> {
  let afterId = 0;
  for (;;) {
    const batch = await db
      .selectFrom('patents')
      .select(['id', 'filing_date'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (batch.length === 0) break;
    const first = (batch[0] as { id: number }).id;
    afterId = (batch[batch.length - 1] as { id: number }).id;
    const patents = new Map<number, ScannedPatent>(
      batch.map((row) => [
        row.id,
        { id: row.id, filingDate: row.filing_date, companies: [], subclasses: [] },
      ]),
    );
    const applicants = await db
      .selectFrom('patent_applicants')
      .select(['patent_id', 'company_id'])
      .where('patent_id', '>=', first)
      .where('patent_id', '<=', afterId)
      .where('company_id', 'is not', null)
      .orderBy('patent_id')
      .orderBy('position')
      .execute();
    for (const row of applicants) {
      const patent = patents.get(row.patent_id);
      const company = row.company_id as number;
      if (patent && !patent.companies.includes(company)) patent.companies.push(company);
    }
    const ipcs = await db
      .selectFrom('patent_ipc')
      .select(['patent_id', 'subclass'])
      .where('patent_id', '>=', first)
      .where('patent_id', '<=', afterId)
      .execute();
    for (const row of ipcs) {
      const patent = patents.get(row.patent_id);
      if (patent && !patent.subclasses.includes(row.subclass)) patent.subclasses.push(row.subclass);
    }
    visit([...patents.values()]);
  }
}
