/** Nearest-rank percentile of ascending-sorted values: the smallest value with at least p % at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Peak resident set size of this process so far, in MiB (process.resourceUsage reports KiB). */
export function peakRssMiB(): number {
  return round(process.resourceUsage().maxRSS / 1024, 0);
}
