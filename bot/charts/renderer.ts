import type { Logger } from '../../core/logger.js';
import type { Partner, RecommendResult } from '../../engine/types.js';
import type { ValuationBreakdown } from '../../engine/value/breakdown.js';
import type { ChartRenderer } from '../chart.js';
import type { ReplyImage } from '../reply.js';
import { renderComparison } from './comparison.js';
import { renderFootballField } from './football-field.js';

/**
 * The Chart.js implementation of the bot's ChartRenderer. With `valuationOf`, a partner's chart is
 * the football field of its full valuation breakdown. Without it, the chart compares that partner's
 * valuation with the requester's.
 */
export function createChartRenderer(
  options: {
    logger?: Logger;
    /** Loads a company's valuation breakdown, for example `(id) => valueCompany(engine.context, id)`. */
    valuationOf?: (companyId: number) => Promise<ValuationBreakdown>;
  } = {},
): ChartRenderer {
  const render = options.logger ? { logger: options.logger } : {};
  const image = (data: Buffer | null, fileName: string, title: string, altText: string): ReplyImage | null =>
    data ? { fileName, title, altText, mimeType: 'image/png', data: new Uint8Array(data) } : null;
  return {
    async renderPartners(result: RecommendResult, partners: readonly Partner[]) {
      const png = await renderComparison(result, { ...render, partners });
      const names = partners.map((partner) => `#${partner.rank} ${partner.name}`).join(', ');
      return image(
        png,
        'partner-valuations.png',
        `Valuations: ${result.requester.name} and partners`,
        `Bar chart of the valuations of ${result.requester.name} and ${names}, on a logarithmic axis.`,
      );
    },
    async renderValuation(result: RecommendResult, partner: Partner) {
      if (options.valuationOf) {
        const breakdown = await options.valuationOf(partner.id);
        return image(
          await renderFootballField(breakdown, render),
          `valuation-${partner.rank}.png`,
          `Valuation range of ${partner.name}`,
          `Valuation range of ${partner.name} by method, with its market capitalisation where known.`,
        );
      }
      return image(
        await renderComparison(result, { ...render, partners: [partner] }),
        `valuation-${partner.rank}.png`,
        `Valuation of ${partner.name}`,
        `Bar chart of the valuations of ${result.requester.name} and ${partner.name}, on a logarithmic axis.`,
      );
    },
  };
}
