import { chunk } from '../companies.js';
import type { ImportContext } from '../types.js';

/** The companies that filed one patent together. */
export interface CoApplication {
  /** Application number of the co-owned patent. */
  reference: string;
  date: string | null;
  /** Applicants' companies in order; null for applicants left unattached. */
  companyIds: readonly (number | null)[];
  /** Companies the stored applicants of the patent pointed to before this import, if it existed. */
  previousCompanyIds: readonly (number | null)[];
}

interface Pair {
  a: number;
  b: number;
  date: string | null;
}

function pairsOf(item: CoApplication): Map<string, Pair> {
  const ids = [...new Set(item.companyIds.filter((id): id is number => id !== null))].sort((x, y) => x - y);
  const pairs = new Map<string, Pair>();
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i] as number;
      const b = ids[j] as number;
      pairs.set(`${a}-${b}`, { a, b, date: item.date });
    }
  }
  return pairs;
}

/**
 * Makes the 'co_application' interactions of a batch of patents match their applicants: one row per
 * pair of distinct companies (company_a < company_b), the application number as reference and the
 * filing date as date. Rows this format wrote earlier that no longer hold are deleted; rows from
 * other sources are left alone. Returns the references whose interactions changed.
 *
 * Stored rows are looked up by company_a, the leading column of the interactions unique index, so a
 * batch never scans the whole table: every stored pair of a patent has one of its old or new
 * applicant companies as company_a.
 */
export async function syncCoApplications(
  context: ImportContext,
  items: readonly CoApplication[],
): Promise<Set<string>> {
  const { db, format } = context;
  const stored = new Map<
    string,
    { id: number; company_a: number; company_b: number; date: string | null; source: string }[]
  >();
  const companyIds = new Set<number>();
  for (const item of items) {
    for (const id of [...item.companyIds, ...item.previousCompanyIds]) if (id !== null) companyIds.add(id);
  }
  const references = new Set(items.map((item) => item.reference));
  for (const part of chunk([...companyIds])) {
    const rows = await db
      .selectFrom('interactions')
      .select(['id', 'company_a', 'company_b', 'date', 'source', 'reference'])
      .where('company_a', 'in', part)
      .where('kind', '=', 'co_application')
      .where('reference', 'in', [...references])
      .execute();
    for (const row of rows) {
      const list = stored.get(row.reference) ?? [];
      list.push(row);
      stored.set(row.reference, list);
    }
  }

  const changed = new Set<string>();
  const inserts: {
    company_a: number;
    company_b: number;
    kind: string;
    date: string | null;
    reference: string;
    source: string;
  }[] = [];
  for (const item of items) {
    const desired = pairsOf(item);
    for (const row of stored.get(item.reference) ?? []) {
      const key = `${row.company_a}-${row.company_b}`;
      const pair = desired.get(key);
      if (!pair) {
        if (row.source === format) {
          await db.deleteFrom('interactions').where('id', '=', row.id).execute();
          changed.add(item.reference);
        }
        continue;
      }
      desired.delete(key);
      if (row.source === format && row.date !== pair.date) {
        await db.updateTable('interactions').set({ date: pair.date }).where('id', '=', row.id).execute();
        changed.add(item.reference);
      }
    }
    for (const pair of desired.values()) {
      inserts.push({
        company_a: pair.a,
        company_b: pair.b,
        kind: 'co_application',
        date: pair.date,
        reference: item.reference,
        source: format,
      });
      changed.add(item.reference);
    }
  }
  for (const part of chunk(inserts, 200)) await db.insertInto('interactions').values(part).execute();
  return changed;
}
