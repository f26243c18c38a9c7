/**
 * Seeded pseudo-random numbers for the generated dataset. The generator is xoshiro128** (Blackman and
 * Vigna, 2018) on 32-bit integer arithmetic, seeded through splitmix32, so the same seed gives the
 * same sequence on every platform that runs V8. Math.random is never used.
 */

const TWO_POW_32 = 4294967296;

/** Mixes a 32-bit value with the splitmix32 finaliser, for seeding and for hashing labels. */
function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Hashes a seed and a list of labels (numbers or strings) to one unsigned 32-bit value. Used to give
 * every company and every generation stage its own independent stream.
 */
export function hashLabels(seed: number, ...labels: readonly (number | string)[]): number {
  let h = mix32(seed >>> 0);
  for (const label of labels) {
    if (typeof label === 'number') {
      h = mix32(h ^ mix32(label >>> 0));
      // Numbers above 2^32 (none today) would lose their high bits, so fold them in as well.
      h = mix32(h ^ Math.floor(label / TWO_POW_32));
    } else {
      for (let i = 0; i < label.length; i++) h = mix32(h ^ label.charCodeAt(i));
    }
  }
  return h;
}

/** Returns a uniform number in [0, 1) from a seed and labels, without creating a generator. */
export function hashUnit(seed: number, ...labels: readonly (number | string)[]): number {
  return hashLabels(seed, ...labels) / TWO_POW_32;
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let x = seed >>> 0;
    x = mix32(x);
    this.s0 = x;
    x = mix32(x);
    this.s1 = x;
    x = mix32(x);
    this.s2 = x;
    x = mix32(x);
    this.s3 = x | 1;
  }

  /** Creates a generator for one stage or entity, independent of how many numbers other streams drew. */
  static derive(seed: number, ...labels: readonly (number | string)[]): Rng {
    return new Rng(hashLabels(seed, ...labels));
  }

  /** Next unsigned 32-bit value (xoshiro128**). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Returns a uniform number in [0, 1) with 53 random bits. */
  next(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Returns a uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Returns a uniform integer in [min, max], both included. */
  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** Returns a uniform real in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick needs a non-empty list');
    return items[this.int(items.length)] as T;
  }

  /** Draws an index with probability proportional to its weight. Weights need not sum to 1. */
  weightedIndex(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i] as number;
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i] as number;
      if (target < 0) return i;
    }
    return weights.length - 1;
  }

  /** Draws a standard normal value by Box-Muller, one value per call so the stream position stays simple. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Draws a Gamma(shape, 1) variate (Marsaglia and Tsang 2000), boosting shapes below 1 by u^(1/shape). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * (1 - this.next()) ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v0 = 1 + c * x;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      const u = 1 - this.next();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }

  /** Draws the number of failures before the first success, with success probability p. */
  geometric(p: number): number {
    return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }

  /** Picks k distinct items (k is capped at the list length), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const count = Math.min(k, copy.length);
    for (let i = 0; i < count; i++) {
      const j = i + this.int(copy.length - i);
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, count);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
