import type { Kysely } from 'kysely';
import type { Database } from '../../data/store/tables.js';
import { type PartnerSplit, pairKey } from './split.js';
import { scanPatents } from './store-scan.js';

/**
 * The part of the store the engine may see during an evaluation run. It is the store's patents
 * minus those filed after the split's cutoff and minus every patent co-owned by a held-out pair,
 * whatever its date, because a shared patent names the partner outright. Baselines read the same view.
 */
export interface EvaluationView {
  excludedPatentIds: Set<number>;
  excluded: { afterCutoff: number; coOwnedByHeldOutPair: number };
  patents: { total: number; visible: number };
  /** IPC subclass counts over each company's visible patents. */
  ipcProfiles: Map<number, Map<string, number>>;
  /** Visible patents per company. */
  visiblePatentCounts: Map<number, number>;
}

function coOwnedByHeldOutPair(companies: readonly number[], heldOut: ReadonlySet<string>): boolean {
  for (let i = 0; i < companies.length; i++) {
    for (let j = i + 1; j < companies.length; j++) {
      if (heldOut.has(pairKey(companies[i] as number, companies[j] as number))) return true;
    }
  }
  return false;
}

/** Scans the store's patents once and builds the evaluation view for a split. */
export async function buildEvaluationView(
  db: Kysely<Database>,
  split: PartnerSplit,
): Promise<EvaluationView> {
  const view: EvaluationView = {
    excludedPatentIds: new Set(),
    excluded: { afterCutoff: 0, coOwnedByHeldOutPair: 0 },
    patents: { total: 0, visible: 0 },
    ipcProfiles: new Map(),
    visiblePatentCounts: new Map(),
  };
  await scanPatents(db, (patents) => {
    for (const patent of patents) {
      view.patents.total += 1;
      if (coOwnedByHeldOutPair(patent.companies, split.heldOutKeys)) {
        view.excludedPatentIds.add(patent.id);
        view.excluded.coOwnedByHeldOutPair += 1;
        continue;
      }
      if (split.cutoff !== null && patent.filingDate !== null && patent.filingDate > split.cutoff) {
        view.excludedPatentIds.add(patent.id);
        view.excluded.afterCutoff += 1;
        continue;
      }
      view.patents.visible += 1;
      for (const company of patent.companies) {
        view.visiblePatentCounts.set(company, (view.visiblePatentCounts.get(company) ?? 0) + 1);
        let profile = view.ipcProfiles.get(company);
        if (!profile) {
          profile = new Map();
          view.ipcProfiles.set(company, profile);
        }
        for (const subclass of patent.subclasses) profile.set(subclass, (profile.get(subclass) ?? 0) + 1);
      }
    }
  });
  return view;
}
