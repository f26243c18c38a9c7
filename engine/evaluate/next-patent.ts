import { patentsOfCompany } from '../../data/store/patent-queries.js';
import type { EngineContext } from '../engine.js';
import { cosine, type NextVectorPredictor } from '../predict/next-vector.js';
import { mean } from './metrics.js';

/** One predictor's next-patent scores. */
export interface NextPatentScores {
  id: string;
  label: string;
  /** Fraction of companies whose held-out last patent is among the top N retrieved, per N. */
  hitRate: Record<string, number>;
  /** Mean cosine between the predicted vector and the held-out patent's vector. */
  meanCosine: number;
}

export interface NextPatentResult {
  /** Companies with at least two indexed patents that were scored. */
  companies: number;
  ns: number[];
  predictors: NextPatentScores[];
}

/**
 * Next-patent hit rate: for each company, the latest indexed patent (by filing date) is held out
 * of its sequence, each predictor predicts a vector from the earlier patents, and the hit is
 * whether the held-out patent is among the N patents nearest to that vector. The company's own
 * earlier patents are removed from the retrieved list first, because a next patent cannot be one
 * of them. The held-out patent stays in the index, since it is the item to retrieve.
 */
export async function nextPatentHitRate(
  context: EngineContext,
  companyIds: readonly number[],
  predictors: readonly { id: string; label: string; predictor: NextVectorPredictor }[],
  ns: readonly number[],
): Promise<NextPatentResult> {
  const maxN = Math.max(...ns);
  const hits = predictors.map(() => new Map<number, number>(ns.map((n) => [n, 0])));
  const cosines = predictors.map((): number[] => []);
  let scored = 0;
  for (const companyId of companyIds) {
    const patents = (await patentsOfCompany(context.store.db, companyId)).filter((patent) =>
      context.patentIndex.has(patent.id),
    );
    if (patents.length < 2) continue;
    const input = patents.slice(0, -1);
    const target = patents[patents.length - 1] as { id: number };
    const own = new Set(input.map((patent) => patent.id));
    const sequence = input.map((patent) => context.patentIndex.getVector(patent.id));
    const targetVector = context.patentIndex.getVector(target.id);
    scored += 1;
    for (const [p, { predictor }] of predictors.entries()) {
      const vector = await predictor.predict(sequence);
      cosines[p]?.push(cosine(vector, targetVector));
      const k = maxN + own.size;
      const retrieved = context.patentIndex
        .search(vector, k, Math.max(context.config.efSearch, k))
        .filter((hit) => !own.has(hit.label));
      const rank = retrieved.findIndex((hit) => hit.label === target.id);
      for (const n of ns) {
        if (rank >= 0 && rank < n) hits[p]?.set(n, (hits[p]?.get(n) ?? 0) + 1);
      }
    }
  }
  return {
    companies: scored,
    ns: [...ns],
    predictors: predictors.map(({ id, label }, p) => ({
      id,
      label,
      hitRate: Object.fromEntries(ns.map((n) => [String(n), scored ? (hits[p]?.get(n) ?? 0) / scored : 0])),
      meanCosine: mean(cosines[p] ?? []),
    })),
  };
}
