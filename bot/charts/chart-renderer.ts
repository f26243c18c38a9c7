import type { Partner, RecommendResult } from '../../engine/types.js';
import type { ChartRenderer } from '../chart.js';
import type { ReplyImage } from '../reply.js';
import { renderComparison } from './comparison.js';
import type { RenderOptions } from './render.js';

function pngImage(data: Buffer, fileName: string, title: string, altText: string): ReplyImage {
  return { fileName, title, altText, mimeType: 'image/png', data: new Uint8Array(data) };
}

/**
 * Creates the Chart.js renderer for chat replies: the comparison chart of the listed partners' valuations
 * against the requester's with a result, and the same chart for one partner with "valuation of N".
 * TODO: draw the football-field chart (renderFootballField) for "valuation of N" once partners
 * carry their valuation breakdown.
 */
export function createChartRenderer(options: RenderOptions = {}): ChartRenderer {
  return {
    async renderPartners(result: RecommendResult, partners: readonly Partner[]) {
      const png = await renderComparison(result, { ...options, partners });
      if (!png) return null;
      return pngImage(
        png,
        'partners.png',
        `Valuations of ${result.requester.name}'s partners`,
        `Bar chart of the valuations of ${partners.length} partners against ${result.requester.name}, log scale`,
      );
    },
    async renderValuation(result: RecommendResult, partner: Partner) {
      const png = await renderComparison(result, { ...options, partners: [partner] });
      if (!png) return null;
      return pngImage(
        png,
        `valuation-${partner.rank}.png`,
        `Valuation of #${partner.rank} ${partner.name}`,
        `Bar chart of the valuation of ${partner.name} against ${result.requester.name}, log scale`,
      );
    },
  };
}
