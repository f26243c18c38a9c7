import { createHash } from 'node:crypto';
import type { InteractionRow } from './store-scan.js';

/**
 * Temporal hold-out of partner pairs. Every unordered company pair that interacted is dated by its
 * first interaction. The latest `holdoutFraction` of dated pairs, those after a cutoff date, are
 * held out, and everything on or before the cutoff is training data. A pair's later interactions
 * never move it to the hold-out, so a held-out partner is always a new partner for its company.
 */
export interface PartnerSplit {
  /** ISO date: pairs first interacting after it are held out; null when no pair is dated. */
  cutoff: string | null;
  holdoutFraction: number;
  pairs: { total: number; undated: number; train: number; heldOut: number };
  /** Partners per company known at the cutoff (both directions). */
  trainPartners: Map<number, Set<number>>;
  /** New partners per company after the cutoff (both directions): the relevant set of each query. */
  heldOutPartners: Map<number, Set<number>>;
  /** Training interactions per company, counting every event: the popularity baseline's score. */
  trainInteractions: Map<number, number>;
  /** Keys of held-out pairs, `${smaller id}:${larger id}`. */
  heldOutKeys: Set<string>;
}

export function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

function addPartner(map: Map<number, Set<number>>, a: number, b: number): void {
  let set = map.get(a);
  if (!set) {
    set = new Set();
    map.set(a, set);
  }
  set.add(b);
}

/** Splits interaction pairs by date; see PartnerSplit. Self-pairs are ignored. */
export function splitPairsByDate(
  interactions: readonly InteractionRow[],
  holdoutFraction: number,
): PartnerSplit {
  if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
    throw new RangeError(`holdoutFraction must be between 0 and 1, got ${holdoutFraction}`);
  }
  const first = new Map<string, { a: number; b: number; date: string | null }>();
  for (const row of interactions) {
    if (row.a === row.b) continue;
    const key = pairKey(row.a, row.b);
    const seen = first.get(key);
    if (!seen) first.set(key, { a: Math.min(row.a, row.b), b: Math.max(row.a, row.b), date: row.date });
    else if (row.date !== null && (seen.date === null || row.date < seen.date)) seen.date = row.date;
  }
  const dates = [...first.values()]
    .map((pair) => pair.date)
    .filter((date): date is string => date !== null)
    .sort();
  const trainCount = Math.ceil(dates.length * (1 - holdoutFraction));
  const cutoff = dates.length > 0 ? (dates[Math.max(0, trainCount - 1)] as string) : null;

  const split: PartnerSplit = {
    cutoff,
    holdoutFraction,
    pairs: { total: first.size, undated: first.size - dates.length, train: 0, heldOut: 0 },
    trainPartners: new Map(),
    heldOutPartners: new Map(),
    trainInteractions: new Map(),
    heldOutKeys: new Set(),
  };
  for (const [key, pair] of first) {
    const heldOut = cutoff !== null && pair.date !== null && pair.date > cutoff;
    const target = heldOut ? split.heldOutPartners : split.trainPartners;
    addPartner(target, pair.a, pair.b);
    addPartner(target, pair.b, pair.a);
    if (heldOut) {
      split.heldOutKeys.add(key);
      split.pairs.heldOut += 1;
    } else {
      split.pairs.train += 1;
    }
  }
  for (const row of interactions) {
    if (row.a === row.b || split.heldOutKeys.has(pairKey(row.a, row.b))) continue;
    if (cutoff !== null && row.date !== null && row.date > cutoff) continue;
    for (const id of [row.a, row.b])
      split.trainInteractions.set(id, (split.trainInteractions.get(id) ?? 0) + 1);
  }
  return split;
}

/**
 * Samples at most `max` ids deterministically: the ids ordered by a seeded hash, so the same seed
 * gives the same queries on every run and a larger `max` extends a smaller sample.
 */
export function sampleIds(ids: Iterable<number>, max: number, seed: number): number[] {
  const keyed = [...ids].map((id) => ({
    id,
    key: createHash('sha1').update(`${seed}:${id}`).digest().readUInt32BE(0),
  }));
  keyed.sort((x, y) => x.key - y.key || x.id - y.id);
  return keyed
    .slice(0, max)
    .map((item) => item.id)
    .sort((a, b) => a - b);
}
