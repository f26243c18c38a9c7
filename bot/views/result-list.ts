import type { Partner, RecommendResult } from '../../engine/types.js';
import type { Reply, ReplyAction, ReplyItem } from '../reply.js';
import { describeRanks, remainingPartners, type ThreadState } from '../thread-state.js';
import {
  companyIds,
  evidenceLine,
  formatSimilarity,
  partnerActions,
  sectorLabel,
  valuationText,
} from './format.js';

/** Evidence lines shown per partner in a list; the details view shows all of them. */
const LIST_EVIDENCE_LINES = 2;

export const FOLLOW_UP_HINT =
  'Ask in this thread: "details 2", "why #3", "compare 1 and 4", "more", "exclude 2", "valuation of 2" ' +
  '(또는 "2번 자세히", "3번 왜?", "1번 4번 비교", "더 보여줘", "2번 제외", "2번 기업가치").';

function requesterSummary(result: RecommendResult): string {
  const requester = result.requester;
  const ids = companyIds(requester);
  const parts = [
    ids || null,
    `sector ${sectorLabel(requester.sector)}`,
    `${requester.patentCount} patents`,
    `valuation ${valuationText(requester.valuation)}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Builds one list entry: key fields, the strongest evidence and the partner's buttons. */
export function partnerItem(partner: Partner): ReplyItem {
  const lines = partner.evidence.slice(0, LIST_EVIDENCE_LINES).map(evidenceLine);
  if (partner.sharedIpcSubclasses.length > 0)
    lines.push(`Shared IPC subclasses: ${partner.sharedIpcSubclasses.join(', ')}`);
  return {
    rank: partner.rank,
    title: `#${partner.rank} ${partner.name}`,
    subtitle: companyIds(partner) || null,
    fields: [
      { label: 'Sector', value: sectorLabel(partner.sector) },
      { label: 'Hits', value: String(partner.hitCount) },
      { label: 'Best similarity', value: formatSimilarity(partner.bestSimilarity) },
      { label: 'Valuation', value: valuationText(partner.valuation) },
    ],
    lines,
    actions: partnerActions(partner),
  };
}

/**
 * Shortfall notes count against the number of partners fetched, which is larger than the page the
 * user asked for, so they are dropped when the result fills the page.
 * NOTE: the engine's notes are plain sentences; this matches the shortfall note by its opening words.
 */
function notesFor(state: ThreadState): string[] {
  const full = state.result.partners.length >= state.displayCount;
  const notes = state.result.notes.filter((note) => !(full && note.startsWith('Only ')));
  for (const model of state.result.models) {
    if (model.fallback)
      notes.push(
        `Model: ${model.stage} used the fallback ${model.id}${model.note ? ` (${model.note})` : ''}.`,
      );
  }
  return notes;
}

/**
 * Builds the result list: the requester, the partners of one page with their evidence and buttons, a
 * "More" button while the stored result has more, and the notes.
 */
export function resultListReply(state: ThreadState, partners: readonly Partner[], heading?: string): Reply {
  const { result } = state;
  const remaining = remainingPartners(state);
  const hasMore = remaining.length > state.shownCount;
  const summary = [requesterSummary(result)];
  if (result.query.sector) summary.push(`Preferred sector: ${sectorLabel(result.query.sector)}`);
  if (heading) summary.push(heading);
  if (partners.length > 0) {
    const more = hasMore ? `; ${remaining.length - state.shownCount} more in this result` : '';
    summary.push(
      `Showing ${describeRanks(partners.map((partner) => partner.rank))} of ${remaining.length} partners${more}.`,
    );
  } else {
    summary.push('No partners passed the filters.');
  }
  const actions: ReplyAction[] = hasMore
    ? [{ kind: 'more', label: 'More partners', value: 'more', style: 'primary' }]
    : [];
  return {
    tone: 'result',
    title: `Partners for ${result.requester.name}`,
    summary,
    items: partners.map(partnerItem),
    notes: [...notesFor(state), FOLLOW_UP_HINT],
    images: [],
    actions,
  };
}
