/**
 * Company-to-company interactions (co-applications, partnerships, M&A). Each company gets a list of
 * its most likely partners. A pair interacts with a probability, its affinity, which rises with the
 * similarity of the two technology mixes and with both companies' size. Interactions are drawn only
 * among the listed pairs, so truth/affinity.csv describes the process exactly.
 */
import { averageMix, type Company, type Timeline } from './companies.js';
import { hashUnit, Rng } from './prng.js';
import { AREA_COUNT, AREA_NEIGHBOURS } from './vocabulary/index.js';

export type InteractionKind = 'co_application' | 'partnership' | 'm_and_a';

export interface Interaction {
  /** Lead applicant, acquirer, or the first partner (company indexes). */
  a: number;
  b: number;
  kind: InteractionKind;
  /** YYYYMMDD; for co-applications filled in when the shared patent is generated. */
  date: string;
  /** Application number, DART receipt number or press reference; see FORMATS.md. */
  reference: string;
}

export interface CoApplicationPlan {
  partner: number;
  /** Year around which the shared patents are filed. */
  year: number;
  /** Number of patents the two companies file together. */
  count: number;
  interaction: Interaction;
}

export interface InteractionPlan {
  /** Partners per company: `partners[i * width + r]` is company i's r-th most likely partner, or -1. */
  partners: Int32Array;
  affinity: Float32Array;
  width: number;
  interactions: Interaction[];
  coApplicationsByLead: Map<number, CoApplicationPlan[]>;
}

/** Candidate partners scored per company: most from its main area, some from related areas, a few at random. */
const CANDIDATES_MAIN = 120;
const CANDIDATES_SECOND = 50;
const CANDIDATES_NEIGHBOUR = 20;
const CANDIDATES_RANDOM = 10;
export const PARTNERS_PER_COMPANY = 50;

/** Scale of the interaction probability; about one interaction per company results. */
const AFFINITY_SCALE = 0.065;

/** Scales a mix to unit length, so that the dot product of two is their cosine similarity. */
function unitVector(mix: Float64Array): Float64Array {
  let norm = 0;
  for (let k = 0; k < AREA_COUNT; k++) norm += (mix[k] as number) * (mix[k] as number);
  const out = new Float64Array(AREA_COUNT);
  if (norm > 0) for (let k = 0; k < AREA_COUNT; k++) out[k] = (mix[k] as number) / Math.sqrt(norm);
  return out;
}

/** Computes the square root of logistic(scale), so that a pair's size factor is the product of two roots. */
function sizeRoot(scale: number): number {
  return Math.sqrt(1 / (1 + Math.exp(-scale)));
}

/**
 * Interaction probability of a pair: 0.065 * cos(mixA, mixB)^3 * sqrt(size_a * size_b), where
 * size = logistic(scale). Symmetric in its two companies.
 */
export function pairAffinity(mixA: Float64Array, mixB: Float64Array, scaleA: number, scaleB: number): number {
  const a = unitVector(mixA);
  const b = unitVector(mixB);
  let dot = 0;
  for (let k = 0; k < AREA_COUNT; k++) dot += (a[k] as number) * (b[k] as number);
  // Same operation order as the scoring loop in planInteractions, so both give identical values.
  return AFFINITY_SCALE * dot * dot * dot * sizeRoot(scaleA) * sizeRoot(scaleB);
}

/**
 * Positions of the `limit` highest scores among the first `count` candidates, best first, ties by
 * lower company index. A native numeric sort finds the cut-off, so only the few kept need a comparator.
 */
function topCandidates(ids: Int32Array, scores: Float64Array, count: number, limit: number): number[] {
  const sorted = scores.slice(0, count).sort();
  const cutoff = count > limit ? (sorted[count - limit] as number) : Number.NEGATIVE_INFINITY;
  const positions: number[] = [];
  for (let k = 0; k < count; k++) if ((scores[k] as number) >= cutoff) positions.push(k);
  positions.sort(
    (x, y) => (scores[y] as number) - (scores[x] as number) || (ids[x] as number) - (ids[y] as number),
  );
  return positions.slice(0, limit);
}

function argmaxTwo(mix: Float64Array): [number, number] {
  let first = 0;
  let second = 1;
  for (let k = 1; k < AREA_COUNT; k++) {
    if ((mix[k] as number) > (mix[first] as number)) {
      second = first;
      first = k;
    } else if (k !== first && (mix[k] as number) > (mix[second] as number)) second = k;
  }
  return [first, second];
}

/**
 * Appends up to k members of a bucket to the pool: all of them when the bucket is small, otherwise k
 * draws with replacement (duplicates are skipped later), which avoids copying large buckets.
 */
function drawFrom(rng: Rng, bucket: readonly number[], k: number, pool: number[]): void {
  if (bucket.length <= k) {
    for (const member of bucket) pool.push(member);
    return;
  }
  for (let r = 0; r < k; r++) pool.push(bucket[rng.int(bucket.length)] as number);
}

/**
 * Kind of an interaction from a uniform roll. Pairs where both companies patent co-apply 55 % of the
 * time; pairs with a company without patents can only partner or merge.
 */
function interactionKind(roll: number, bothPatent: boolean): InteractionKind {
  if (bothPatent) {
    if (roll < 0.55) return 'co_application';
    return roll < 0.88 ? 'partnership' : 'm_and_a';
  }
  return roll < 0.75 ? 'partnership' : 'm_and_a';
}

function randomDate(rng: Rng, fromYear: number, toYear: number): string {
  const year = rng.intBetween(fromYear, toYear);
  return `${year}${String(1 + rng.int(12)).padStart(2, '0')}${String(1 + rng.int(28)).padStart(2, '0')}`;
}

export function planInteractions(
  seed: number,
  companies: readonly Company[],
  timeline: Timeline,
): InteractionPlan {
  const n = companies.length;
  const width = PARTNERS_PER_COMPANY;
  const mixes = companies.map(averageMix);
  const tops = mixes.map(argmaxTwo);
  // Unit mixes in one flat array: scoring reads them in random order, and one block caches better.
  const units = new Float64Array(n * AREA_COUNT);
  for (let i = 0; i < n; i++) units.set(unitVector(mixes[i] as Float64Array), i * AREA_COUNT);
  const sizeRoots = Float64Array.from(companies, (company) => sizeRoot(company.scale));
  const buckets: number[][] = Array.from({ length: AREA_COUNT }, () => []);
  for (let i = 0; i < n; i++) buckets[(tops[i] as [number, number])[0]]?.push(i);

  const partners = new Int32Array(n * width).fill(-1);
  const affinity = new Float32Array(n * width);
  const seen = new Int32Array(n).fill(-1);
  const poolSize = CANDIDATES_MAIN + CANDIDATES_SECOND + CANDIDATES_NEIGHBOUR + CANDIDATES_RANDOM;
  const candidateIds = new Int32Array(poolSize);
  const candidateScores = new Float64Array(poolSize);
  for (let i = 0; i < n; i++) {
    const rng = Rng.derive(seed, 'partner-candidates', i);
    const [main, second] = tops[i] as [number, number];
    const neighbourBucket = rng.pick(AREA_NEIGHBOURS[main] ?? [main]);
    const pool: number[] = [];
    drawFrom(rng, buckets[main] ?? [], CANDIDATES_MAIN, pool);
    drawFrom(rng, buckets[second] ?? [], CANDIDATES_SECOND, pool);
    drawFrom(rng, buckets[neighbourBucket] ?? [], CANDIDATES_NEIGHBOUR, pool);
    for (let r = 0; r < CANDIDATES_RANDOM; r++) pool.push(rng.int(n));
    let count = 0;
    const sizeI = sizeRoots[i] as number;
    const offsetI = i * AREA_COUNT;
    for (const j of pool) {
      if (j === i || seen[j] === i) continue;
      seen[j] = i;
      const offsetJ = j * AREA_COUNT;
      let dot = 0;
      for (let k = 0; k < AREA_COUNT; k++)
        dot += (units[offsetI + k] as number) * (units[offsetJ + k] as number);
      candidateIds[count] = j;
      candidateScores[count] = AFFINITY_SCALE * dot * dot * dot * sizeI * (sizeRoots[j] as number);
      count++;
    }
    const best = topCandidates(candidateIds, candidateScores, count, width);
    for (let r = 0; r < best.length; r++) {
      const k = best[r] as number;
      partners[i * width + r] = candidateIds[k] as number;
      affinity[i * width + r] = candidateScores[k] as number;
    }
  }

  const listsPartner = (owner: number, other: number) => {
    for (let r = 0; r < width; r++) if (partners[owner * width + r] === other) return true;
    return false;
  };

  const interactions: Interaction[] = [];
  const coApplicationsByLead = new Map<number, CoApplicationPlan[]>();
  const sharedPatents = new Map<number, number>();
  let disclosureSerial = 0;
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < width; r++) {
      const j = partners[i * width + r] as number;
      if (j < 0) break;
      // Each unordered pair is decided once: by the lower index, or by the only company listing it.
      if (j < i && listsPartner(j, i)) continue;
      const low = Math.min(i, j);
      const high = Math.max(i, j);
      if (hashUnit(seed, 'pair', low, high) >= (affinity[i * width + r] as number)) continue;

      const rng = Rng.derive(seed, 'pair-kind', low, high);
      const ca = companies[low] as Company;
      const cb = companies[high] as Company;
      const bothPatent = ca.patentCount > 0 && cb.patentCount > 0;
      const roll = rng.next();
      let kind = interactionKind(roll, bothPatent);
      const fromYear = Math.max(ca.firstYear, cb.firstYear);
      const date = randomDate(rng, fromYear, timeline.endYear);
      const [lead, partner] = ca.patentCount >= cb.patentCount ? [ca, cb] : [cb, ca];
      // Every shared patent is one of the lead's own, so a lead with all patents shared takes no more.
      const free = lead.patentCount - (sharedPatents.get(lead.index) ?? 0);
      if (kind === 'co_application' && free <= 0) kind = 'partnership';
      if (kind === 'co_application') {
        const interaction: Interaction = { a: lead.index, b: partner.index, kind, date: '', reference: '' };
        const count = Math.min(free, 1 + rng.geometric(0.55), 6);
        sharedPatents.set(lead.index, (sharedPatents.get(lead.index) ?? 0) + count);
        const plans = coApplicationsByLead.get(lead.index) ?? [];
        plans.push({ partner: partner.index, year: Number(date.slice(0, 4)), count, interaction });
        coApplicationsByLead.set(lead.index, plans);
        interactions.push(interaction);
      } else if (kind === 'm_and_a') {
        const [acquirer, target] = ca.scale >= cb.scale ? [ca, cb] : [cb, ca];
        disclosureSerial++;
        const reference = `${date}${String(disclosureSerial % 1_000_000).padStart(6, '0')}`;
        interactions.push({ a: acquirer.index, b: target.index, kind, date, reference });
      } else {
        disclosureSerial++;
        interactions.push({ a: low, b: high, kind, date, reference: `press-${date}-${disclosureSerial}` });
      }
    }
  }
  return { partners, affinity, width, interactions, coApplicationsByLead };
}
