import { companiesWithProfileText } from '../../data/store/company-queries.js';
import type { Store } from '../../data/store/connect.js';
import { countPatents, patentBatch } from '../../data/store/patent-queries.js';
import { profileText } from '../represent/profile-text.js';
import type { Summarizer } from '../summarize/summarizer.js';
import { patentText } from './artifacts.js';

/** Passes over the store that an index build makes before embedding: summaries and the fit corpus. */

export const BATCH = 2000;

/**
 * Writes summaries in batches, each batch in one transaction: for every patent when `force`, else
 * only for patents without one. Starts after `afterId` and reports each committed batch's last id,
 * so an interrupted build can continue after it.
 */
export async function summarizePatents(
  store: Store,
  summarizer: Summarizer,
  options: {
    force: boolean;
    afterId?: number;
    onBatch?: (lastId: number) => void;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<number> {
  const total = await countPatents(store.db);
  let afterId = options.afterId ?? 0;
  let done = afterId > 0 ? await countPatentsThrough(store, afterId) : 0;
  let written = 0;
  for (;;) {
    const batch = await patentBatch(store.db, afterId, BATCH);
    if (batch.length === 0) break;
    afterId = (batch[batch.length - 1] as { id: number }).id;
    const updates: { id: number; summary: string }[] = [];
    for (const patent of batch) {
      if (!options.force && patent.summary !== null) continue;
      updates.push({ id: patent.id, summary: await summarizer.summarize(patent.abstract ?? '') });
    }
    if (updates.length > 0) {
      await store.db.transaction().execute(async (trx) => {
        for (const update of updates) {
          await trx
            .updateTable('patents')
            .set({ summary: update.summary })
            .where('id', '=', update.id)
            .execute();
        }
      });
      written += updates.length;
    }
    done += batch.length;
    options.onBatch?.(afterId);
    options.onProgress?.(done, total);
  }
  return written;
}

/** Counts patents with an id up to `id`, to resume progress counters. */
export async function countPatentsThrough(store: Store, id: number): Promise<number> {
  const row = await store.db
    .selectFrom('patents')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('id', '<=', id)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The largest patent id, or 0 for an empty store. */
export async function maxPatentId(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('patents')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/**
 * Texts to fit the embedder on: patents sampled evenly by id, so the fit sees the whole corpus and
 * not its first rows, and every company profile. Excluded patents are left out of the sample.
 */
export async function collectFitCorpus(
  store: Store,
  sampleSize: number,
  excluded: ReadonlySet<number> | undefined,
): Promise<string[]> {
  const total = await countPatents(store.db);
  const stride = Math.max(1, Math.floor(total / sampleSize));
  const texts: string[] = [];
  let afterId = 0;
  let seen = 0;
  for (;;) {
    const batch = await patentBatch(store.db, afterId, BATCH);
    if (batch.length === 0) break;
    afterId = (batch[batch.length - 1] as { id: number }).id;
    for (const patent of batch) {
      if (excluded?.has(patent.id)) continue;
      if (seen % stride === 0) texts.push(patentText(patent));
      seen += 1;
    }
  }
  afterId = 0;
  for (;;) {
    const companies = await companiesWithProfileText(store.db, afterId, BATCH);
    if (companies.length === 0) break;
    afterId = (companies[companies.length - 1] as { id: number }).id;
    for (const company of companies) texts.push(profileText(company));
  }
  return texts;
}
