import { existsSync, writeFileSync } from 'node:fs';
import type { Logger } from '../../core/logger.js';
import { getCompanies } from '../../data/store/company-queries.js';
import type { Store } from '../../data/store/connect.js';
import { patentsWithIds } from '../../data/store/patent-queries.js';
import { profileText } from '../represent/profile-text.js';
import { VectorIndex } from '../retrieve/vector-index.js';
import {
  indexDir,
  manifestPath,
  PATENT_INDEX_NAME,
  PROFILE_INDEX_NAME,
  patentText,
  readManifest,
} from './artifacts.js';
import { loadIndexEmbedder, openSummarizer, type SummarizerChoice } from './text-models.js';

export interface UpdateResult {
  /** False when no index exists yet; the caller tells the user to run `exitbot index build`. */
  updated: boolean;
  patentsAdded: number;
  profilesAdded: number;
}

/**
 * Adds newly imported or changed patents and company profiles to the existing index, with the
 * embedder the index was built with. The embedder is not refitted, so a large import of new
 * vocabulary is better served by a full `exitbot index build`.
 */
export async function updateIndex(
  store: Store,
  options: {
    dataDir: string;
    patentIds: readonly number[];
    companyIds: readonly number[];
    logger: Logger;
    /** Summariser of the new patents; default extractive. */
    summarizer?: SummarizerChoice;
  },
): Promise<UpdateResult> {
  const dir = indexDir(options.dataDir);
  if (!existsSync(manifestPath(dir))) return { updated: false, patentsAdded: 0, profilesAdded: 0 };
  const manifest = readManifest(dir);
  const embedder = await loadIndexEmbedder(dir, manifest);
  const expected = { expectedSpaceId: manifest.spaceId, expectedDimension: manifest.dimension };
  const patents = VectorIndex.load(dir, PATENT_INDEX_NAME, expected);
  const profiles = VectorIndex.load(dir, PROFILE_INDEX_NAME, expected);
  const summarizer = await openSummarizer(options.summarizer);

  let patentsAdded = 0;
  const rows = await patentsWithIds(store.db, options.patentIds);
  for (let start = 0; start < rows.length; start += 1000) {
    const batch = rows.slice(start, start + 1000);
    const summaries: string[] = [];
    for (const patent of batch) summaries.push(await summarizer.summarize(patent.abstract ?? ''));
    await store.db.transaction().execute(async (trx) => {
      for (const [i, patent] of batch.entries()) {
        await trx
          .updateTable('patents')
          .set({ summary: summaries[i] ?? null })
          .where('id', '=', patent.id)
          .execute();
      }
    });
    const vectors = await embedder.embed(
      batch.map((patent, i) => patentText({ title: patent.title, summary: summaries[i] ?? null })),
    );
    patents.addBatch(
      batch.map((patent) => patent.id),
      vectors,
    );
    patentsAdded += batch.length;
  }

  let profilesAdded = 0;
  const companies = [...(await getCompanies(store.db, options.companyIds)).values()];
  const withText = companies
    .map((company) => ({ id: company.id, text: profileText(company) }))
    .filter((item) => item.text);
  if (withText.length > 0) {
    profiles.addBatch(
      withText.map((item) => item.id),
      await embedder.embed(withText.map((item) => item.text)),
    );
    profilesAdded = withText.length;
  }

  if (patentsAdded > 0) patents.save(dir, PATENT_INDEX_NAME);
  if (profilesAdded > 0) profiles.save(dir, PROFILE_INDEX_NAME);
  const updatedManifest = {
    ...manifest,
    patents: { count: patents.size },
    profiles: { count: profiles.size },
  };
  writeFileSync(manifestPath(dir), `${JSON.stringify(updatedManifest, null, 2)}\n`);
  options.logger.info({ patentsAdded, profilesAdded }, 'Index updated incrementally');
  return { updated: true, patentsAdded, profilesAdded };
}
