/**
 * Seeded pseudo-random numbers, so that fitting an embedder twice on the same data gives the same
 * model. Math.random cannot be seeded.
 */
export class SeededRandom {
  private state: number;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) {
      throw new RangeError(`Invalid seed ${seed}: expected an integer.`);
    }
    this.state = seed >>> 0;
  }

  /** Returns a uniform number in [0, 1). The generator is Mulberry32 (32-bit state). */
  nextFloat(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  /** Returns a uniform integer in [0, bound). */
  nextInt(bound: number): number {
    return Math.floor(this.nextFloat() * bound);
  }

  /** Returns a standard normal number, drawn with the Box-Muller transform. */
  nextNormal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    let uniform = this.nextFloat();
    while (uniform === 0) {
      uniform = this.nextFloat();
    }
    const radius = Math.sqrt(-2 * Math.log(uniform));
    const angle = 2 * Math.PI * this.nextFloat();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}
