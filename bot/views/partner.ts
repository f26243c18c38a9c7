import type { Partner, PatentEvidence, RecommendResult } from '../../engine/types.js';
import { formatKrw } from '../../engine/value/market-cap.js';
import type { Reply, ReplyItem } from '../reply.js';
import {
  companyIds,
  evidenceLine,
  formatSimilarity,
  partnerActions,
  sectorLabel,
  valuationFields,
} from './format.js';

/** Details, patents and "why" views of one partner, built from the stored result only. */

function patentItem(evidence: PatentEvidence): ReplyItem {
  const lines: string[] = [];
  if (evidence.ipcSubclasses.length > 0) lines.push(`IPC: ${evidence.ipcSubclasses.join(', ')}`);
  const own = evidence.closestRequesterPatent;
  if (own) {
    lines.push(
      `Closest patent of yours: ${own.applicationNo} "${own.title}" (similarity ${formatSimilarity(own.similarity)})`,
    );
  }
  return {
    rank: null,
    title: evidence.title,
    subtitle: evidence.applicationNo,
    fields: [
      { label: 'Filed', value: evidence.filingDate ?? 'unknown' },
      { label: 'Similarity', value: formatSimilarity(evidence.similarity) },
    ],
    lines,
    actions: [],
  };
}

function evidenceItems(partner: Partner): ReplyItem[] {
  return partner.evidence.map((evidence) =>
    evidence.kind === 'patent'
      ? patentItem(evidence)
      : {
          rank: null,
          title: 'Company profile match',
          subtitle: null,
          fields: [{ label: 'Similarity', value: formatSimilarity(evidence.similarity) }],
          lines: [evidence.text],
          actions: [],
        },
  );
}

/** Everything stored about partner N: identifiers, ranking keys, valuation breakdown and evidence. */
export function detailsReply(result: RecommendResult, partner: Partner): Reply {
  const fields = [
    { label: 'Sector', value: sectorLabel(partner.sector) },
    { label: 'Listed', value: partner.listed ? 'yes' : 'no' },
    { label: 'Hits', value: String(partner.hitCount) },
    { label: 'Best similarity', value: formatSimilarity(partner.bestSimilarity) },
    { label: 'Score (sum of similarities)', value: partner.score.toFixed(3) },
    ...valuationFields(partner.valuation),
  ];
  const summary = [companyIds(partner) || 'no BRN or ticker in the data'];
  if (partner.sharedIpcSubclasses.length > 0) {
    summary.push(
      `Shared IPC subclasses with ${result.requester.name}: ${partner.sharedIpcSubclasses.join(', ')}`,
    );
  }
  return {
    tone: 'info',
    title: `#${partner.rank} ${partner.name}`,
    summary,
    items: [
      {
        rank: partner.rank,
        title: 'Key figures',
        subtitle: null,
        fields,
        lines: [],
        actions: partnerActions(partner),
      },
      ...evidenceItems(partner),
    ],
    notes: [],
    images: [],
    actions: [],
  };
}

/** Lists the patents (or profile text) that connect partner N to the requester. */
export function patentsReply(result: RecommendResult, partner: Partner): Reply {
  const patents = partner.evidence.filter((evidence) => evidence.kind === 'patent').length;
  const summary = [
    patents > 0
      ? `${patents} matched patents of ${partner.name}, nearest first, with the closest patent of ${result.requester.name} for each.`
      : `${partner.name} matched on its company profile, not on patents.`,
  ];
  if (partner.sharedIpcSubclasses.length > 0)
    summary.push(`Shared IPC subclasses: ${partner.sharedIpcSubclasses.join(', ')}`);
  return {
    tone: 'info',
    title: `Evidence for #${partner.rank} ${partner.name}`,
    summary,
    items: evidenceItems(partner),
    notes: [],
    images: [],
    actions: [],
  };
}

/** Explains the rank: hit count first, best similarity for ties, the strongest link and the filters passed. */
export function whyReply(result: RecommendResult, partner: Partner): Reply {
  const requester = result.requester;
  const basis =
    requester.representation === 'patents'
      ? `the patent vector predicted to come next for ${requester.name}`
      : requester.representation === 'profile'
        ? `the profile text of ${requester.name} (it has no indexed patents)`
        : `the name of ${requester.name} only (it has no patents or profile text)`;
  const summary = [
    `${partner.name} is #${partner.rank} because ${partner.hitCount} of the patents and profiles nearest to ${basis} belong to it, the best at similarity ${formatSimilarity(partner.bestSimilarity)}.`,
    'Partners are ordered by hit count, and ties by best similarity.',
  ];
  const strongest = partner.evidence[0];
  if (strongest) summary.push(`Strongest link: ${evidenceLine(strongest)}.`);
  if (strongest?.kind === 'patent' && strongest.closestRequesterPatent) {
    const own = strongest.closestRequesterPatent;
    summary.push(
      `It is closest to your patent ${own.applicationNo} "${own.title}" (similarity ${formatSimilarity(own.similarity)}).`,
    );
  }
  if (partner.sharedIpcSubclasses.length > 0)
    summary.push(`Both hold patents in IPC subclasses ${partner.sharedIpcSubclasses.join(', ')}.`);
  if (result.query.sector) summary.push(`It is in the preferred sector ${sectorLabel(result.query.sector)}.`);
  if (result.query.valuationFilter && partner.valuation) {
    const against = requester.valuation
      ? `, not below ${requester.name} at ${formatKrw(requester.valuation.value)}`
      : '';
    summary.push(
      `It passed the valuation filter: valued at ${formatKrw(partner.valuation.value)}${against}.`,
    );
  }
  return {
    tone: 'info',
    title: `Why #${partner.rank} ${partner.name}?`,
    summary,
    items: [],
    notes: [],
    images: [],
    actions: partnerActions(partner),
  };
}
