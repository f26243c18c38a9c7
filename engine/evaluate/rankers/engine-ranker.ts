import type { EngineContext } from '../../engine.js';
import type { NextVectorPredictor } from '../../predict/next-vector.js';
import { recommend } from '../../recommend.js';
import type { PartnerRanker } from './ranker.js';

/** The engine answers at most this many partners per request (its top-K limit). */
const ENGINE_MAX_TOP_K = 50;

/**
 * EXIT's own pipeline with a chosen next-vector predictor: the same retrieval, grouping by company
 * and ordering by hit count as a user request, with the valuation filter off because the evaluation
 * measures retrieval quality, not who passes the valuation rule.
 */
export class EngineRanker implements PartnerRanker {
  /** Requester representations seen, e.g. { patents: 950, profile: 50 }. */
  readonly representations: Record<string, number> = {};
  /** Total recommendation time in milliseconds over all requests. */
  totalMs = 0;
  requests = 0;
  private readonly context: EngineContext;

  constructor(
    readonly id: string,
    readonly label: string,
    base: EngineContext,
    predictor: NextVectorPredictor,
  ) {
    this.context = { ...base, predictor };
  }

  async rank(companyId: number, limit: number, exclude: ReadonlySet<number>): Promise<number[]> {
    const started = performance.now();
    const result = await recommend(this.context, {
      company: `id:${companyId}`,
      topK: Math.min(limit, ENGINE_MAX_TOP_K),
      valuationFilter: false,
      excludeCompanyIds: [...exclude],
    });
    this.totalMs += performance.now() - started;
    this.requests += 1;
    const kind = result.requester.representation;
    this.representations[kind] = (this.representations[kind] ?? 0) + 1;
    return result.partners.map((partner) => partner.id);
  }
}
