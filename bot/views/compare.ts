import type { Partner, RecommendResult } from '../../engine/types.js';
import type { Reply, ReplyItem } from '../reply.js';
import { companyIds, formatSimilarity, partnerActions, sectorLabel, valuationText } from './format.js';

function ipcSubclassesOf(partner: Partner): Set<string> {
  const subclasses = new Set<string>();
  for (const evidence of partner.evidence) {
    if (evidence.kind === 'patent') for (const subclass of evidence.ipcSubclasses) subclasses.add(subclass);
  }
  return subclasses;
}

function column(partner: Partner): ReplyItem {
  return {
    rank: partner.rank,
    title: `#${partner.rank} ${partner.name}`,
    subtitle: companyIds(partner) || null,
    fields: [
      { label: 'Sector', value: sectorLabel(partner.sector) },
      { label: 'Hits', value: String(partner.hitCount) },
      { label: 'Best similarity', value: formatSimilarity(partner.bestSimilarity) },
      { label: 'Valuation', value: valuationText(partner.valuation) },
      { label: 'Shared IPC with you', value: partner.sharedIpcSubclasses.join(', ') || 'none' },
    ],
    lines: [],
    actions: partnerActions(partner),
  };
}

/** Compares two partners side by side: ranking keys, valuation, sectors and IPC overlap. */
export function compareReply(result: RecommendResult, first: Partner, second: Partner): Reply {
  const summary: string[] = [];
  const hitDifference = first.hitCount - second.hitCount;
  if (hitDifference !== 0) {
    const [more, fewer] = hitDifference > 0 ? [first, second] : [second, first];
    summary.push(
      `#${more.rank} has ${Math.abs(hitDifference)} more ${Math.abs(hitDifference) === 1 ? 'hit' : 'hits'} than #${fewer.rank} (${more.hitCount} against ${fewer.hitCount}).`,
    );
  } else {
    summary.push(
      `Both have ${first.hitCount} hits, so best similarity decides: ${formatSimilarity(first.bestSimilarity)} against ${formatSimilarity(second.bestSimilarity)}.`,
    );
  }
  if (first.valuation && second.valuation) {
    const ratio = first.valuation.value / second.valuation.value;
    summary.push(`#${first.rank} is valued at ${ratio.toFixed(2)} times #${second.rank}.`);
  }
  const common = [...ipcSubclassesOf(first)].filter((subclass) => ipcSubclassesOf(second).has(subclass));
  summary.push(
    common.length > 0
      ? `Their matched patents share IPC subclasses ${common.join(', ')}.`
      : 'Their matched patents share no IPC subclass.',
  );
  if (first.sector !== second.sector)
    summary.push(`Sectors differ: ${sectorLabel(first.sector)} and ${sectorLabel(second.sector)}.`);
  return {
    tone: 'info',
    title: `#${first.rank} ${first.name} and #${second.rank} ${second.name} for ${result.requester.name}`,
    summary,
    items: [column(first), column(second)],
    notes: [],
    images: [],
    actions: [],
  };
}
