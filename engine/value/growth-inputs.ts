import { GROWTH_ITEMS } from './growth.js';
import type { FiscalYear } from './statements.js';

/**
 * Inputs of the trained growth model, computed exactly as models/growth/data.py computes them in
 * training: symmetric growth (x1 - x0) / ((|x0| + |x1|) / 2) between fiscal years twelve months
 * apart, clipped to [-GROWTH_INPUT_CLIP, GROWTH_INPUT_CLIP], then the last GROWTH_INPUT_STEPS steps
 * with a 0/1 mask per item, left-padded with mask 0. Symmetric growth stays finite through sign
 * changes and zero bases; both years zero is growth 0.
 */

export const GROWTH_FEATURE_SCHEMA = 'symmetric-growth-v1';
export const GROWTH_INPUT_STEPS = 3;
export const GROWTH_INPUT_CLIP = 1;
/** GROWTH_ITEMS as the Python side names them (snake_case), in the same order. */
export const GROWTH_INPUT_ITEMS = GROWTH_ITEMS.map((item) =>
  item.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
);

/** Clipped symmetric growth from x0 to x1; undefined when either amount is missing. */
export function symmetricGrowth(x0: number | undefined, x1: number | undefined): number | undefined {
  if (x0 === undefined || x1 === undefined || Number.isNaN(x0) || Number.isNaN(x1)) return undefined;
  const base = (Math.abs(x0) + Math.abs(x1)) / 2;
  if (base === 0) return 0;
  return Math.min(Math.max((x1 - x0) / base, -GROWTH_INPUT_CLIP), GROWTH_INPUT_CLIP);
}

/**
 * Converts symmetric growth s to the annual rate x1 / x0 - 1 it implies for a positive base:
 * x1 / x0 = (2 + s) / (2 - s), so the rate is 2s / (2 - s).
 */
export function annualRateFromSymmetric(s: number): number {
  return (2 * s) / (2 - s);
}

function monthIndex(period: string): number {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return year * 12 + month;
}

export interface GrowthInput {
  /** GROWTH_INPUT_STEPS rows of [growth per item, mask per item], row-major. */
  values: Float32Array;
  /** Growth steps with at least one observed item. */
  observedSteps: number;
}

/** Builds the model input from a company's fiscal years, oldest first. */
export function growthInput(years: readonly FiscalYear[]): GrowthInput {
  const width = 2 * GROWTH_ITEMS.length;
  const steps: { growth: number[]; mask: number[] }[] = [];
  for (let t = 1; t < years.length; t++) {
    const previous = years[t - 1] as FiscalYear;
    const current = years[t] as FiscalYear;
    const growth = new Array<number>(GROWTH_ITEMS.length).fill(0);
    const mask = new Array<number>(GROWTH_ITEMS.length).fill(0);
    if (monthIndex(current.period) - monthIndex(previous.period) === 12) {
      GROWTH_ITEMS.forEach((item, j) => {
        const value = symmetricGrowth(previous.items[item], current.items[item]);
        if (value !== undefined) {
          growth[j] = value;
          mask[j] = 1;
        }
      });
    }
    steps.push({ growth, mask });
  }
  const last = steps.slice(-GROWTH_INPUT_STEPS);
  const values = new Float32Array(GROWTH_INPUT_STEPS * width);
  const offset = GROWTH_INPUT_STEPS - last.length;
  last.forEach((step, i) => {
    values.set(step.growth, (offset + i) * width);
    values.set(step.mask, (offset + i) * width + GROWTH_ITEMS.length);
  });
  const observedSteps = last.filter((step) => step.mask.some((flag) => flag === 1)).length;
  return { values, observedSteps };
}
