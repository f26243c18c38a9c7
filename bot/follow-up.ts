/**
 * Follow-up questions typed in a result thread, in Korean or English: "details 2", "tell me more
 * about #2", "2번 특허 보여줘", "why #3?", "3번 왜?", "compare 1 and 4", "1번 4번 비교", "more",
 * "더 보여줘", "exclude 2", "2번 제외", "valuation of 2", "2번 기업가치". Partners are named by
 * their rank in the result.
 */

export type FollowUp =
  | { kind: 'details'; rank: number }
  | { kind: 'patents'; rank: number }
  | { kind: 'why'; rank: number }
  | { kind: 'valuation'; rank: number }
  | { kind: 'exclude'; rank: number }
  | { kind: 'compare'; ranks: [number, number] }
  /** A comparison with fewer than two ranks named. */
  | { kind: 'compare_incomplete' }
  | { kind: 'more' }
  | { kind: 'list' }
  | { kind: 'help' }
  | { kind: 'unknown' };

/** Korean and English ordinals, rewritten to `#N` before numbers are read. */
const ORDINALS: [RegExp, number][] = [
  [/첫\s*번째|첫째|\bfirst\b/gi, 1],
  [/두\s*번째|둘째|\bsecond\b/gi, 2],
  [/세\s*번째|셋째|\bthird\b/gi, 3],
  [/네\s*번째|넷째|\bfourth\b/gi, 4],
  [/다섯\s*번째|\bfifth\b/gi, 5],
  [/여섯\s*번째|\bsixth\b/gi, 6],
  [/일곱\s*번째|\bseventh\b/gi, 7],
  [/여덟\s*번째|\beighth\b/gi, 8],
  [/아홉\s*번째|\bninth\b/gi, 9],
  [/열\s*번째|\btenth\b/gi, 10],
];

const INTENTS: { kind: 'compare' | 'exclude' | 'valuation' | 'patents' | 'why'; pattern: RegExp }[] = [
  { kind: 'compare', pattern: /compare|\bvs\.?\b|versus|비교|차이/i },
  { kind: 'exclude', pattern: /exclude|remove|\bdrop\b|\bhide\b|\bskip\b|제외|빼|삭제|지워/i },
  {
    kind: 'valuation',
    pattern: /valuation|\bvalue|\bworth|chart|market\s*cap|가치|밸류|평가|시가총액|시총|차트|얼마/i,
  },
  { kind: 'patents', pattern: /patent|특허/i },
  { kind: 'why', pattern: /\bwhy\b|reason|\bexplain|왜|이유|근거/i },
];

const MORE = /^(?:show\s+)?(?:more|next)\b|^(?:더|다음|더\s*보여|더보기|추가)/i;
const LIST = /\blist\b|목록|리스트|전체/i;
const HELP = /\bhelp\b|what can you|도움|사용법|뭘\s*할\s*수|무엇을/i;
const MAX_RANK = 1000;

/** Reads partner ranks: `#2`, `2번`, `no. 2`, `2nd`, ordinals, or bare numbers. */
function readRanks(text: string): number[] {
  let normalized = text.normalize('NFKC');
  for (const [pattern, rank] of ORDINALS) normalized = normalized.replace(pattern, ` #${rank} `);
  const ranks: number[] = [];
  for (const match of normalized.matchAll(/(?<![\d.])#?(\d{1,4})(?:st|nd|rd|th)?(?![\d.])/gi)) {
    const rank = Number(match[1]);
    if (rank >= 1 && rank <= MAX_RANK) ranks.push(rank);
  }
  return ranks;
}

/** Parses a message typed in a result thread. Unrecognised text returns `unknown`. */
export function parseFollowUp(input: string): FollowUp {
  const text = input.normalize('NFC').trim();
  if (!text) return { kind: 'unknown' };
  const ranks = readRanks(text);
  const first = ranks[0];
  for (const intent of INTENTS) {
    if (!intent.pattern.test(text)) continue;
    if (intent.kind === 'compare') {
      const second = ranks[1];
      if (first === undefined || second === undefined) return { kind: 'compare_incomplete' };
      return { kind: 'compare', ranks: [first, second] };
    }
    if (first !== undefined) return { kind: intent.kind, rank: first };
  }
  if (first !== undefined) return { kind: 'details', rank: first };
  if (MORE.test(text)) return { kind: 'more' };
  if (LIST.test(text)) return { kind: 'list' };
  if (HELP.test(text)) return { kind: 'help' };
  return { kind: 'unknown' };
}
