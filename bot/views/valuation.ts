import type { Partner, RecommendResult } from '../../engine/types.js';
import { formatKrw } from '../../engine/value/market-cap.js';
import type { Reply, ReplyImage } from '../reply.js';
import { valuationFields } from './format.js';

/** Partner N's valuation with its method and inputs, against the requester's, and the chart when one was rendered. */
export function valuationReply(result: RecommendResult, partner: Partner, chart: ReplyImage | null): Reply {
  const requester = result.requester;
  const summary: string[] = [];
  if (partner.valuation && requester.valuation) {
    const ratio = partner.valuation.value / requester.valuation.value;
    summary.push(
      `${partner.name} is valued at ${formatKrw(partner.valuation.value)}, ${ratio.toFixed(2)} times ${requester.name} (${formatKrw(requester.valuation.value)}).`,
    );
  } else if (partner.valuation) {
    summary.push(
      `${partner.name} is valued at ${formatKrw(partner.valuation.value)}; ${requester.name} has no valuation to compare with.`,
    );
  } else {
    summary.push(
      `${partner.name} has no valuation: the data has neither a market capitalisation nor statements to value it from.`,
    );
  }
  return {
    tone: 'info',
    title: `Valuation of #${partner.rank} ${partner.name}`,
    summary,
    items: [
      {
        rank: partner.rank,
        title: partner.name,
        subtitle: null,
        fields: valuationFields(partner.valuation),
        lines: [],
        actions: [],
      },
    ],
    notes: [],
    images: chart ? [chart] : [],
    actions: [],
  };
}
