/**
 * Korean statutory corporate income tax (법인세), applied progressively to taxable income.
 *
 * Brackets from 법인세법 제55조 ① as in force for each period (text of the 2022-12-31 amendment on
 * taxnet.co.kr; earlier periods from the rate history table on samili.com and the National Tax
 * Service rate page), plus the amendment passed by the National Assembly on 2025-12-02 that raises
 * every bracket by one percentage point for fiscal years starting on or after 2026-01-01 (KBS and
 * Chosun Ilbo reports). A regime applies to fiscal years that start in its years.
 *
 * Local income tax (지방소득세, 지방세법 제103조의20) is levied with the same brackets at one tenth
 * of the national rates, so including it multiplies the tax by 1.1.
 */

export interface TaxBracket {
  /** Upper bound of taxable income in KRW, inclusive; null for the top bracket. */
  upToKrw: number | null;
  /** National rate as a fraction. */
  rate: number;
}

export interface TaxRegime {
  fromYear: number;
  /** Last fiscal start year the regime applies to; null while in force. */
  toYear: number | null;
  brackets: readonly TaxBracket[];
}

const EOK = 1e8;

/** The statutory brackets by fiscal start year, oldest first. */
export const CORPORATE_TAX_REGIMES: readonly TaxRegime[] = [
  {
    fromYear: 2009,
    toYear: 2009,
    brackets: [
      { upToKrw: 2 * EOK, rate: 0.11 },
      { upToKrw: null, rate: 0.22 },
    ],
  },
  {
    fromYear: 2010,
    toYear: 2011,
    brackets: [
      { upToKrw: 2 * EOK, rate: 0.1 },
      { upToKrw: null, rate: 0.22 },
    ],
  },
  {
    fromYear: 2012,
    toYear: 2017,
    brackets: [
      { upToKrw: 2 * EOK, rate: 0.1 },
      { upToKrw: 200 * EOK, rate: 0.2 },
      { upToKrw: null, rate: 0.22 },
    ],
  },
  {
    fromYear: 2018,
    toYear: 2022,
    brackets: [
      { upToKrw: 2 * EOK, rate: 0.1 },
      { upToKrw: 200 * EOK, rate: 0.2 },
      { upToKrw: 3000 * EOK, rate: 0.22 },
      { upToKrw: null, rate: 0.25 },
    ],
  },
  {
    fromYear: 2023,
    toYear: 2025,
    brackets: [
      { upToKrw: 2 * EOK, rate: 0.09 },
      { upToKrw: 200 * EOK, rate: 0.19 },
      { upToKrw: 3000 * EOK, rate: 0.21 },
      { upToKrw: null, rate: 0.24 },
    ],
  },
  {
    fromYear: 2026,
    toYear: null,
    brackets: [
      { upToKrw: 2 * EOK, rate: 0.1 },
      { upToKrw: 200 * EOK, rate: 0.2 },
      { upToKrw: 3000 * EOK, rate: 0.22 },
      { upToKrw: null, rate: 0.25 },
    ],
  },
];

/** Local income tax as a fraction of the national corporate tax. */
export const LOCAL_INCOME_TAX_SHARE = 0.1;

export interface TaxComputation {
  fiscalYear: number;
  /** The regime's years, e.g. '2018-2022'. */
  regime: string;
  taxableIncomeKrw: number;
  taxKrw: number;
  /** tax / taxable income; 0 when the income is not positive. */
  averageRate: number;
  /** Rate on the last KRW of income; 0 when the income is not positive (no tax shield). */
  marginalRate: number;
  includesLocalIncomeTax: boolean;
  /** Present when the year is outside the table and the nearest regime was used. */
  note?: string;
  brackets: { fromKrw: number; toKrw: number | null; rate: number; taxKrw: number }[];
}

/**
 * The fiscal year a statement period belongs to under the tax law: the calendar year in which
 * the 12-month fiscal year ending at `period` (YYYY-MM) started.
 */
export function fiscalStartYear(period: string): number {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? year : year - 1;
}

export function regimeFor(fiscalYear: number): { regime: TaxRegime; note?: string } {
  const first = CORPORATE_TAX_REGIMES[0] as TaxRegime;
  if (fiscalYear < first.fromYear) {
    return {
      regime: first,
      note: `no brackets for ${fiscalYear} in the table; the ${first.fromYear} brackets were used`,
    };
  }
  const regime = CORPORATE_TAX_REGIMES.find(
    (candidate) =>
      fiscalYear >= candidate.fromYear && (candidate.toYear === null || fiscalYear <= candidate.toYear),
  );
  return { regime: regime as TaxRegime };
}

/**
 * Computes corporate tax on taxable income in KRW for a fiscal start year, bracket by bracket.
 * Losses and zero income pay no tax. Local income tax is included unless turned off.
 */
export function corporateTax(
  taxableIncomeKrw: number,
  fiscalYear: number,
  options: { includeLocalIncomeTax?: boolean } = {},
): TaxComputation {
  const includeLocal = options.includeLocalIncomeTax ?? true;
  const factor = includeLocal ? 1 + LOCAL_INCOME_TAX_SHARE : 1;
  const { regime, note } = regimeFor(fiscalYear);
  const label = `${regime.fromYear}-${regime.toYear ?? 'now'}`;
  const brackets: TaxComputation['brackets'] = [];
  let lower = 0;
  let tax = 0;
  let marginalRate = 0;
  for (const bracket of regime.brackets) {
    const upper = bracket.upToKrw ?? Number.POSITIVE_INFINITY;
    const slice = Math.max(0, Math.min(taxableIncomeKrw, upper) - lower);
    const sliceTax = slice * bracket.rate * factor;
    brackets.push({ fromKrw: lower, toKrw: bracket.upToKrw, rate: bracket.rate * factor, taxKrw: sliceTax });
    tax += sliceTax;
    if (taxableIncomeKrw > lower) marginalRate = bracket.rate * factor;
    lower = upper;
  }
  const positive = taxableIncomeKrw > 0;
  return {
    fiscalYear,
    regime: label,
    taxableIncomeKrw,
    taxKrw: tax,
    averageRate: positive ? tax / taxableIncomeKrw : 0,
    marginalRate: positive ? marginalRate : 0,
    includesLocalIncomeTax: includeLocal,
    ...(note ? { note } : {}),
    brackets,
  };
}
