import type { Appraisal } from './appraise.js';
import type { CostOfEquity } from './capm.js';
import type { ComparablesResult } from './comparables.js';
import type { EnsembleWeights } from './ensemble.js';
import type { GrowthEstimate } from './growth.js';
import type { ValuationOptions } from './options.js';
import type { Outcome } from './outcome.js';
import type { ValueRange } from './ranges.js';
import type { StatementItem } from './statements.js';
import type { TargetBeta } from './target-beta.js';
import type { TaxComputation } from './tax.js';

/**
 * The auditable valuation of one company: every input, intermediate figure and method result, with
 * the reason wherever a method is not available. It is plain JSON; `assertFiniteNumbers` guards that
 * no NaN or Infinity reaches it, because JSON.stringify would silently turn them into null.
 */

export const METHOD_LABELS = {
  market_cap: 'Market capitalisation',
  ensemble: 'Ensemble',
  regression: 'Market-value regression',
  dcf_fcff: 'DCF (FCFF)',
  dcf_reference: 'DCF (first-version method)',
  sector_multiple: 'Sector multiple',
} as const;

export type MethodId = keyof typeof METHOD_LABELS;

export interface MethodSummary {
  method: MethodId;
  label: string;
  valueKrw: number | null;
  /** Reason there is no value; null when there is one. */
  reason: string | null;
  /** The method's weight in the ensemble before renormalisation; null for methods outside it. */
  ensembleWeight: number | null;
  /** Range under a stated variation of the method's most uncertain input; null without a value. */
  range: ValueRange | null;
}

export interface MarketCapInfo {
  valueKrw: number;
  source: string;
  asOf: string | null;
}

export interface ValuationBreakdown {
  company: {
    id: number;
    name: string;
    ticker: string | null;
    brn: string | null;
    listed: boolean;
    market: string | null;
    sector: string | null;
  };
  /** Valuation date, YYYY-MM-DD, and where it came from. */
  asOf: string;
  asOfSource: string;
  valuedAs: 'listed' | 'unlisted';
  options: ValuationOptions;
  inputs: {
    unit: 'KRW';
    statements: { period: string; items: Partial<Record<StatementItem, number>> }[];
    statementSources: string[];
    problems: string[];
  };
  marketCap: { atValuationDate: MarketCapInfo | null; latest: MarketCapInfo | null };
  comparables: ComparablesResult;
  beta: TargetBeta;
  tax: TaxComputation | null;
  discountRate: Outcome<CostOfEquity>;
  growth: GrowthEstimate[];
  methods: Appraisal['methods'];
  summary: MethodSummary[];
  chosen: { method: MethodId; valueKrw: number; why: string } | null;
  /** Reason no value was chosen; null when `chosen` is set. */
  noValueReason: string | null;
  model: {
    regression:
      | {
          id: string;
          companies: number;
          rSquared: number;
          cvRmseLog: number;
          skewness: { raw: number; log: number };
          lambda: number;
        }
      | { reason: string };
    ensembleWeights: EnsembleWeights | null;
    listedCompanies: { listed: number; train: number; validation: number; test: number; withBeta: number };
    /** The company's split when it is listed: its market value was fitted on only when 'train'. */
    split: string | null;
  };
  fallbacks: string[];
  notes: string[];
}

/** Methods in display order with their values or reasons. */
export function summariseMethods(
  methods: Appraisal['methods'],
  ranges: Appraisal['ranges'],
  marketCap: MarketCapInfo | null,
  listedView: boolean,
  weights: EnsembleWeights | null,
): MethodSummary[] {
  const rows: MethodSummary[] = [];
  if (listedView) {
    rows.push({
      method: 'market_cap',
      label: METHOD_LABELS.market_cap,
      valueKrw: marketCap?.valueKrw ?? null,
      reason: marketCap ? null : 'no market capitalisation snapshot in the store',
      ensembleWeight: null,
      range: null,
    });
  }
  for (const method of ['ensemble', 'regression', 'dcf_fcff', 'dcf_reference', 'sector_multiple'] as const) {
    const outcome = methods[method];
    rows.push({
      method,
      label: METHOD_LABELS[method],
      valueKrw: outcome.status === 'ok' ? outcome.valueKrw : null,
      reason: outcome.status === 'ok' ? null : outcome.reason,
      ensembleWeight:
        method === 'ensemble' || method === 'sector_multiple' ? null : (weights?.weights[method] ?? null),
      range: ranges[method] ?? null,
    });
  }
  return rows;
}

/**
 * Throws when any number in the value is NaN or infinite, naming its path. Valuation code returns
 * "not available" instead of such numbers; this check keeps that promise at the output boundary.
 */
export function assertFiniteNumbers(value: unknown, path = 'breakdown'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new Error(`Valuation breakdown has a non-finite number at ${path}: ${value}`);
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) assertFiniteNumbers(item, `${path}[${i}]`);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) assertFiniteNumbers(item, `${path}.${key}`);
  }
}
