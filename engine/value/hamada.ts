import { eok, notAvailable, type Outcome, ok } from './outcome.js';

/**
 * Hamada's relation between levered and unlevered (asset) beta:
 * beta_L = beta_U * (1 + (1 - t) * D / E), with D interest-bearing debt, E equity and t the
 * marginal tax rate that prices the debt tax shield.
 */

export function unleverBeta(leveredBeta: number, debtToEquity: number, taxRate: number): number {
  return leveredBeta / (1 + (1 - taxRate) * debtToEquity);
}

export function releverBeta(unleveredBeta: number, debtToEquity: number, taxRate: number): number {
  return unleveredBeta * (1 + (1 - taxRate) * debtToEquity);
}

export interface Leverage {
  debtKrw: number;
  equityKrw: number;
  /** Where E came from: market capitalisation for listed comparables, book equity for the target. */
  equityBasis: 'market_cap' | 'book';
  taxRate: number;
}

/** D/E, or "not available" when equity is not positive (D/E is then undefined or meaningless). */
export function debtToEquity(leverage: Leverage): Outcome<{ value: number }> {
  if (!(leverage.equityKrw > 0)) {
    const basis = leverage.equityBasis === 'book' ? 'book equity (자본)' : 'market capitalisation';
    return notAvailable(`${basis} is ${eok(leverage.equityKrw)}, not positive, so D/E is undefined`);
  }
  if (!(leverage.debtKrw >= 0))
    return notAvailable(`interest-bearing debt is ${eok(leverage.debtKrw)}, below zero`);
  return ok({ value: leverage.debtKrw / leverage.equityKrw });
}

export interface ComparableLeverage {
  companyId: number;
  name: string;
  leveredBeta: number;
  leverage: Leverage;
}

export interface UnleveredComparable {
  companyId: number;
  name: string;
  leveredBeta: number;
  debtToEquity: number;
  taxRate: number;
  unleveredBeta: number;
}

export interface HamadaResult {
  variant: 'textbook' | 'reference';
  /** Textbook: each comparable unlevered with its own D/E and tax rate. Reference: levered betas only. */
  comparables: UnleveredComparable[];
  /**
   * Textbook: mean of the unlevered betas. Reference: the mean levered beta unlevered with the target's D/E.
   */
  unleveredBeta: number;
  meanLeveredBeta: number;
  targetDebtToEquity: number;
  targetTaxRate: number;
  /**
   * The beta the discount rate uses: textbook relevers with the target's D/E; reference uses the unlevered
   * beta.
   */
  targetBeta: number;
  skipped: { companyId: number; name: string; reason: string }[];
}

/**
 * Target beta from comparables. 'textbook' unlevers each comparable with its own D/E and tax rate,
 * averages, and relevers with the target's. 'reference' averages the comparables' levered betas and
 * unlevers that mean once with the target's D/E, as the first version of this product did.
 */
export function targetBetaFromComparables(
  comparables: readonly ComparableLeverage[],
  target: Leverage,
  variant: 'textbook' | 'reference',
): Outcome<HamadaResult> {
  const targetRatio = debtToEquity(target);
  if (targetRatio.status !== 'ok')
    return notAvailable(`cannot relever for the target: ${targetRatio.reason}`);
  const used: UnleveredComparable[] = [];
  const skipped: HamadaResult['skipped'] = [];
  for (const comparable of comparables) {
    const ratio = debtToEquity(comparable.leverage);
    if (ratio.status !== 'ok') {
      skipped.push({ companyId: comparable.companyId, name: comparable.name, reason: ratio.reason });
      continue;
    }
    used.push({
      companyId: comparable.companyId,
      name: comparable.name,
      leveredBeta: comparable.leveredBeta,
      debtToEquity: ratio.value,
      taxRate: comparable.leverage.taxRate,
      unleveredBeta: unleverBeta(comparable.leveredBeta, ratio.value, comparable.leverage.taxRate),
    });
  }
  if (used.length === 0) return notAvailable('no comparable has a beta and a positive market capitalisation');
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const meanLevered = mean(used.map((item) => item.leveredBeta));
  const meanUnlevered = mean(used.map((item) => item.unleveredBeta));
  const base = {
    comparables: used,
    meanLeveredBeta: meanLevered,
    targetDebtToEquity: targetRatio.value,
    targetTaxRate: target.taxRate,
    skipped,
  };
  if (variant === 'textbook') {
    return ok({
      variant,
      ...base,
      unleveredBeta: meanUnlevered,
      targetBeta: releverBeta(meanUnlevered, targetRatio.value, target.taxRate),
    });
  }
  const unlevered = unleverBeta(meanLevered, targetRatio.value, target.taxRate);
  return ok({ variant, ...base, unleveredBeta: unlevered, targetBeta: unlevered });
}
