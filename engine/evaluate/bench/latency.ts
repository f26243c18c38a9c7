import { sql } from 'kysely';
import type { Engine } from '../../engine.js';
import { percentile, round } from './stats.js';

/** Warm latency of one group of companies with about the same number of patents. */
export interface LatencyBucket {
  targetPatents: number;
  /** Patent counts of the companies measured, closest to the target first. */
  companyPatents: number[];
  requests: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /**
   * The same percentiles of each request's time less its 'value' stage (valuing the candidates),
   * to separate retrieval and ranking from the valuation models.
   */
  withoutValue: { p50Ms: number; p95Ms: number; p99Ms: number };
  /** Each stage's share of the summed stage times, from the result's timingsMs. */
  stageShare: Record<string, number>;
  /** Mean milliseconds per stage. */
  stageMeanMs: Record<string, number>;
}

/** Companies whose patent count is closest to `target`, ties to the lower id. */
async function companiesNear(
  engine: Engine,
  target: number,
  count: number,
): Promise<{ id: number; patents: number }[]> {
  const rows = await engine.context.store.db
    .selectFrom('patent_applicants')
    .select(['company_id', sql<number>`count(distinct patent_id)`.as('patents')])
    .where('company_id', 'is not', null)
    .groupBy('company_id')
    .orderBy(sql`abs(count(distinct patent_id) - ${target})`)
    .orderBy('company_id')
    .limit(count)
    .execute();
  return rows.map((row) => ({ id: row.company_id as number, patents: Number(row.patents) }));
}

/**
 * Measures warm `recommend` latency for companies with about `target` patents: each company is
 * asked once to warm caches, then `runs` rounds ask every company once more. Requests use the
 * engine's defaults (valuation filter from the configuration, top K 5), as a chat request would.
 */
export async function measureLatency(
  engine: Engine,
  targets: readonly number[],
  options: { companiesPerBucket: number; runs: number },
): Promise<LatencyBucket[]> {
  const buckets: LatencyBucket[] = [];
  for (const target of targets) {
    const companies = await companiesNear(engine, target, options.companiesPerBucket);
    if (companies.length === 0) continue;
    for (const company of companies) await engine.recommend({ company: `id:${company.id}` });
    const times: number[] = [];
    const withoutValue: number[] = [];
    const stageSums: Record<string, number> = {};
    for (let run = 0; run < options.runs; run++) {
      for (const company of companies) {
        const started = performance.now();
        const result = await engine.recommend({ company: `id:${company.id}` });
        const elapsed = performance.now() - started;
        times.push(elapsed);
        withoutValue.push(elapsed - (result.timingsMs.value ?? 0));
        for (const [stage, ms] of Object.entries(result.timingsMs))
          stageSums[stage] = (stageSums[stage] ?? 0) + ms;
      }
    }
    times.sort((a, b) => a - b);
    withoutValue.sort((a, b) => a - b);
    const stageTotal = Object.values(stageSums).reduce((sum, ms) => sum + ms, 0);
    buckets.push({
      targetPatents: target,
      companyPatents: companies.map((company) => company.patents),
      requests: times.length,
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      p99Ms: round(percentile(times, 99)),
      withoutValue: {
        p50Ms: round(percentile(withoutValue, 50)),
        p95Ms: round(percentile(withoutValue, 95)),
        p99Ms: round(percentile(withoutValue, 99)),
      },
      stageShare: Object.fromEntries(
        Object.entries(stageSums).map(([stage, ms]) => [stage, round(stageTotal ? ms / stageTotal : 0, 3)]),
      ),
      stageMeanMs: Object.fromEntries(
        Object.entries(stageSums).map(([stage, ms]) => [stage, round(ms / times.length)]),
      ),
    });
  }
  return buckets;
}
