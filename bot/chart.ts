import type { Partner, RecommendResult } from '../engine/types.js';
import type { ReplyImage } from './reply.js';

/**
 * Renders valuation charts as PNG images. The bot works without one and then sends no charts; the
 * Chart.js renderer is passed in by the code that starts the bot (`exitbot serve slack` passes none yet).
 * Returning null means "no chart for this input", for example when no partner has a valuation.
 */
export interface ChartRenderer {
  /** A chart of the listed partners' valuations against the requester's, sent with the result. */
  renderPartners(result: RecommendResult, partners: readonly Partner[]): Promise<ReplyImage | null>;
  /** A chart of one partner's valuation and its inputs, sent with "valuation of N". */
  renderValuation(result: RecommendResult, partner: Partner): Promise<ReplyImage | null>;
}
