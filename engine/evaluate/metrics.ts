/**
 * Ranking metrics with binary relevance, as used for top-K recommendation: a ranked list of
 * candidate ids is scored against the set of ids that turned out relevant (held-out partners).
 */

/** Fraction of the relevant ids found in the first `k` ranked ids; 0 when nothing is relevant. */
export function recallAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (const id of ranked.slice(0, k)) if (relevant.has(id)) hits += 1;
  return hits / relevant.size;
}

/**
 * Normalised discounted cumulative gain at `k` with gain 1 for a relevant id: the DCG
 * sum over hits of 1 / log2(rank + 1), divided by the DCG of a list with every relevant id first
 * (min(|relevant|, k) hits at ranks 1, 2, ...). 0 when nothing is relevant.
 */
export function ndcgAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(relevant.size, k); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

/** Arithmetic mean; 0 for an empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Per-K means of Recall@K and NDCG@K over queries, each query's ranking scored against its targets. */
export interface RankingScores {
  queries: number;
  recall: Record<string, number>;
  ndcg: Record<string, number>;
}

/** Averages Recall@K and NDCG@K for every K over the queries' rankings. */
export function scoreRankings(
  results: readonly { ranked: readonly number[]; relevant: ReadonlySet<number> }[],
  ks: readonly number[],
): RankingScores {
  const recall: Record<string, number> = {};
  const ndcg: Record<string, number> = {};
  for (const k of ks) {
    recall[k] = mean(results.map((result) => recallAtK(result.ranked, result.relevant, k)));
    ndcg[k] = mean(results.map((result) => ndcgAtK(result.ranked, result.relevant, k)));
  }
  return { queries: results.length, recall, ndcg };
}
