import type { RegressionValue } from './appraise.js';
import type { CostOfEquity } from './capm.js';
import type { FcffDcf } from './dcf-fcff.js';
import type { ReferenceDcf } from './dcf-reference.js';
import type { EnsembleMethod, EnsembleValue } from './ensemble.js';
import type { Outcome } from './outcome.js';
import type { MultipleValue } from './sector-multiple.js';

/**
 * Value ranges for the football-field chart: each method's value under a stated variation of its
 * most uncertain input. The DCFs move the cost of equity by one percentage point each way. The
 * regression spans one cross-validated RMSE of ln(value) each way, about a 68 % band. The sector
 * multiple spans the interquartile range of the multiple. The ensemble combines its parts' ranges
 * with its weights.
 */

/** Cost of equity shift for the DCF ranges, as a fraction. */
export const DISCOUNT_RATE_SHIFT = 0.01;

export interface ValueRange {
  lowKrw: number;
  highKrw: number;
  basis: string;
}

export type RangeMethod = EnsembleMethod | 'sector_multiple' | 'ensemble';

export function methodRanges(input: {
  discountRate: Outcome<CostOfEquity>;
  fcff: Outcome<FcffDcf>;
  /** Re-runs the FCFF DCF with the cost of equity moved by `shift`. */
  rerunFcff: (shift: number) => Outcome<FcffDcf>;
  reference: Outcome<ReferenceDcf>;
  regression: Outcome<RegressionValue>;
  regressionRmse: number | null;
  multiple: Outcome<MultipleValue>;
  ensemble: Outcome<EnsembleValue>;
}): Partial<Record<RangeMethod, ValueRange>> {
  const ranges: Partial<Record<RangeMethod, ValueRange>> = {};
  const shift = `${DISCOUNT_RATE_SHIFT * 100} percentage point`;
  if (input.fcff.status === 'ok') {
    const point = input.fcff.valueKrw;
    const higherRate = input.rerunFcff(DISCOUNT_RATE_SHIFT);
    const lowerRate = input.rerunFcff(-DISCOUNT_RATE_SHIFT);
    ranges.dcf_fcff = {
      lowKrw: higherRate.status === 'ok' ? Math.min(higherRate.valueKrw, point) : point,
      highKrw: lowerRate.status === 'ok' ? Math.max(lowerRate.valueKrw, point) : point,
      basis: `cost of equity +/- ${shift}`,
    };
  }
  if (input.reference.status === 'ok') {
    const { cashFlowKrw, discountRate, valueKrw } = input.reference;
    const lowerRate = discountRate - DISCOUNT_RATE_SHIFT;
    ranges.dcf_reference = {
      lowKrw: cashFlowKrw / (discountRate + DISCOUNT_RATE_SHIFT),
      highKrw: lowerRate > 0 ? cashFlowKrw / lowerRate : valueKrw,
      basis: `discount rate +/- ${shift}`,
    };
  }
  if (input.regression.status === 'ok' && input.regressionRmse !== null) {
    const { valueKrw } = input.regression;
    ranges.regression = {
      lowKrw: valueKrw * Math.exp(-input.regressionRmse),
      highKrw: valueKrw * Math.exp(input.regressionRmse),
      basis: `+/- one cross-validated RMSE of ln(value) (${input.regressionRmse.toFixed(2)})`,
    };
  }
  if (input.multiple.status === 'ok') {
    const { baseKrw, ratioRange } = input.multiple;
    ranges.sector_multiple = {
      lowKrw: baseKrw * ratioRange.lower,
      highKrw: baseKrw * ratioRange.upper,
      basis: 'interquartile range of the multiple',
    };
  }
  if (input.ensemble.status === 'ok') {
    let low = 0;
    let high = 0;
    let complete = true;
    for (const [method, weight] of Object.entries(input.ensemble.weightsUsed) as [EnsembleMethod, number][]) {
      const range = ranges[method];
      if (!range) {
        complete = false;
        break;
      }
      low += weight * Math.log(range.lowKrw);
      high += weight * Math.log(range.highKrw);
    }
    if (complete)
      ranges.ensemble = {
        lowKrw: Math.exp(low),
        highKrw: Math.exp(high),
        basis: 'the weighted ranges of its methods',
      };
  }
  return ranges;
}
