import { DEFAULT_BETA_OPTIONS } from './beta.js';
import { DEFAULT_FCFF_OPTIONS } from './dcf-fcff.js';

/**
 * Settings of a valuation. Everything except `treatAsUnlisted` shapes the fitted model, so it is part of the
 * cache key.
 */
export interface ValuationOptions {
  /** Valuation date, YYYY-MM-DD; default the latest stored month-end price date. */
  asOf?: string;
  /** Beta window in months of returns. */
  windowMonths: number;
  /** Fewer monthly returns than this leave the beta "not available". */
  minMonths: number;
  /** Apply Blume's adjustment, 0.67 * beta + 0.33, to every estimated beta. */
  blume: boolean;
  /** Hamada variant that sets an unlisted company's beta. Both variants are reported. */
  hamada: 'textbook' | 'reference';
  /** K, the number of comparables. */
  comparables: number;
  horizonYears: number;
  terminalGrowth: number;
  includeLocalIncomeTax: boolean;
  /**
   * Value a listed company as if it were unlisted: its own prices, market capitalisation and
   * multiple are not read. The accuracy benchmark uses this on held-out listed companies.
   */
  treatAsUnlisted: boolean;
}

export const DEFAULT_VALUATION_OPTIONS: ValuationOptions = {
  windowMonths: DEFAULT_BETA_OPTIONS.windowMonths,
  minMonths: DEFAULT_BETA_OPTIONS.minMonths,
  blume: DEFAULT_BETA_OPTIONS.blume,
  hamada: 'textbook',
  comparables: 5,
  horizonYears: DEFAULT_FCFF_OPTIONS.horizonYears,
  terminalGrowth: DEFAULT_FCFF_OPTIONS.terminalGrowth,
  includeLocalIncomeTax: DEFAULT_FCFF_OPTIONS.includeLocalIncomeTax,
  treatAsUnlisted: false,
};

/** Fills defaults and checks ranges; throws a RangeError naming the invalid option. */
export function resolveValuationOptions(partial: Partial<ValuationOptions> = {}): ValuationOptions {
  const options: ValuationOptions = { ...DEFAULT_VALUATION_OPTIONS };
  for (const [key, value] of Object.entries(partial)) {
    if (value !== undefined) (options as unknown as Record<string, unknown>)[key] = value;
  }
  const integerIn = (name: keyof ValuationOptions, low: number, high: number) => {
    const value = options[name] as number;
    if (!Number.isInteger(value) || value < low || value > high) {
      throw new RangeError(`${name} must be an integer from ${low} to ${high}, got ${value}.`);
    }
  };
  integerIn('windowMonths', 3, 600);
  integerIn('minMonths', 3, 600);
  integerIn('comparables', 1, 50);
  integerIn('horizonYears', 1, 30);
  if (options.minMonths > options.windowMonths) {
    throw new RangeError(
      `minMonths (${options.minMonths}) must not exceed windowMonths (${options.windowMonths}).`,
    );
  }
  if (!(options.terminalGrowth > -0.1 && options.terminalGrowth < 0.1)) {
    throw new RangeError(
      `terminalGrowth must be a fraction between -0.1 and 0.1, got ${options.terminalGrowth}.`,
    );
  }
  if (options.hamada !== 'textbook' && options.hamada !== 'reference') {
    throw new RangeError(`hamada must be textbook or reference, got ${String(options.hamada)}.`);
  }
  return options;
}

/** Builds the cache key of the fitted model from the options that shape it. */
export function modelKey(options: ValuationOptions): string {
  const { treatAsUnlisted: _ignored, ...shaping } = options;
  return JSON.stringify(shaping, Object.keys(shaping).sort());
}
