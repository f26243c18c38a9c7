import type { GrowthEstimate, GrowthItem } from './growth.js';
import { eok, notAvailable, type Outcome, ok, percent } from './outcome.js';
import type { FiscalYear } from './statements.js';
import { corporateTax, fiscalStartYear, type TaxComputation } from './tax.js';

/**
 * The first version's DCF: project each item one year ahead by its growth, tax the projected
 * operating income, NOPAT = operating income * (1 - t), cash flow = (NOPAT + depreciation) * the
 * EBITDA multiple, value = cash flow / discount rate.
 *
 * NOTE: the first version's description says only that the EBITDA multiple (EV / EBITDA) "scales"
 * the cash flow. Multiplying by it, as here, makes the value about (multiple / discount rate) times
 * the cash flow, so it lands far above market capitalisation (see scripts/bench/valuation-accuracy.ts).
 * It is reported for comparison, and the ensemble weight chosen on held-out companies decides its use.
 */

export interface EbitdaMultiple {
  value: number;
  /**
   * 'own' for a listed company ((market cap + debt - cash) / EBITDA), else 'comparables median',
   * 'sector <code> median' or 'listed-company median'.
   */
  source: string;
  companies: number;
}

export interface ProjectedItem {
  item: GrowthItem;
  account: string;
  baseKrw: number | null;
  growth: number;
  projectedKrw: number | null;
}

export interface ReferenceDcf {
  basePeriod: string;
  projected: ProjectedItem[];
  tax: TaxComputation;
  nopatKrw: number;
  cashFlowBeforeMultipleKrw: number;
  ebitdaMultiple: EbitdaMultiple;
  cashFlowKrw: number;
  discountRate: number;
  valueKrw: number;
}

/**
 * Values a company by the first version's DCF from its latest fiscal year, growth estimates and discount
 * rate.
 */
export function referenceDcf(input: {
  latest: FiscalYear | undefined;
  growth: readonly GrowthEstimate[];
  discountRate: Outcome<{ rate: number }>;
  ebitdaMultiple: Outcome<EbitdaMultiple>;
  includeLocalIncomeTax: boolean;
}): Outcome<ReferenceDcf> {
  const { latest, growth } = input;
  if (!latest) return notAvailable('no financial statements on or before the valuation date');
  if (input.discountRate.status !== 'ok')
    return notAvailable(`no discount rate: ${input.discountRate.reason}`);
  const operatingIncome = latest.items.operatingIncome;
  const depreciation = latest.items.depreciation ?? latest.items.depreciationAmortisation;
  if (operatingIncome === undefined)
    return notAvailable(`no 영업이익 (operating income) reported for ${latest.period}`);
  if (depreciation === undefined)
    return notAvailable(`no 감가상각비 (depreciation) reported for ${latest.period}`);

  const projected: ProjectedItem[] = growth.map((estimate) => {
    const base = latest.items[estimate.item];
    return {
      item: estimate.item,
      account: estimate.account,
      baseKrw: base ?? null,
      growth: estimate.rate,
      projectedKrw: base === undefined ? null : base * (1 + estimate.rate),
    };
  });
  const projectedOf = (item: GrowthItem, base: number) => {
    const rate = growth.find((estimate) => estimate.item === item)?.rate ?? 0;
    return base * (1 + rate);
  };
  const projectedOperatingIncome = projectedOf('operatingIncome', operatingIncome);
  const projectedDepreciation = projectedOf('depreciation', depreciation);
  const tax = corporateTax(projectedOperatingIncome, fiscalStartYear(latest.period) + 1, {
    includeLocalIncomeTax: input.includeLocalIncomeTax,
  });
  const nopat = projectedOperatingIncome - tax.taxKrw;
  const cashFlowBeforeMultiple = nopat + projectedDepreciation;
  if (!(cashFlowBeforeMultiple > 0)) {
    return notAvailable(
      `projected NOPAT + depreciation is ${eok(cashFlowBeforeMultiple)} (operating income ${eok(projectedOperatingIncome)}), ` +
        'not positive, so a perpetuity of it has no value',
    );
  }
  if (input.ebitdaMultiple.status !== 'ok')
    return notAvailable(`no EBITDA multiple: ${input.ebitdaMultiple.reason}`);
  const rate = input.discountRate.rate;
  if (!(rate > 0)) return notAvailable(`the discount rate ${percent(rate)} is not positive`);
  const cashFlow = cashFlowBeforeMultiple * input.ebitdaMultiple.value;
  const { status: _status, ...multiple } = input.ebitdaMultiple;
  return ok({
    basePeriod: latest.period,
    projected,
    tax,
    nopatKrw: nopat,
    cashFlowBeforeMultipleKrw: cashFlowBeforeMultiple,
    ebitdaMultiple: multiple,
    cashFlowKrw: cashFlow,
    discountRate: rate,
    valueKrw: cashFlow / rate,
  });
}
