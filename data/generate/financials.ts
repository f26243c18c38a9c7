/**
 * Annual financial statements of generated companies, in 억원 (100 million KRW). Values are built so
 * that the accounting identities hold exactly after rounding: gross profit = revenue - cost of sales,
 * assets = current + non-current assets = liabilities + equity, and so on.
 */
import type { Company } from './companies.js';
import { Rng } from './prng.js';

/** The 34 account names of the FnGuide key-accounts extract, in its order. */
export const LISTED_ACCOUNTS = [
  '매출액',
  '매출원가',
  '매출총이익',
  '판매비와관리비',
  '유무형자산상각비',
  '연구개발비',
  '영업이익',
  '이자비용',
  '세전계속사업이익',
  '법인세비용',
  '당기순이익',
  '지배주주순이익',
  '자산',
  '유동자산',
  '현금및현금성자산',
  '비유동자산',
  '유형자산',
  '무형자산',
  '부채',
  '유동부채',
  '단기차입금',
  '비유동부채',
  '사채',
  '장기차입금',
  '자본',
  '지배기업주주지분',
  '자본금',
  '영업활동으로인한현금흐름',
  '감가상각비',
  '무형자산상각비',
  '투자활동으로인한현금흐름',
  '유형자산의증가',
  '무형자산의증가',
  '재무활동으로인한현금흐름',
] as const;

/** Accounts reported for unlisted companies: the ones a small audited statement carries. */
export const UNLISTED_ACCOUNTS = [
  '매출액',
  '매출원가',
  '매출총이익',
  '판매비와관리비',
  '연구개발비',
  '영업이익',
  '이자비용',
  '법인세비용',
  '당기순이익',
  '자산',
  '유동자산',
  '현금및현금성자산',
  '부채',
  '유동부채',
  '단기차입금',
  '장기차입금',
  '자본',
  '감가상각비',
] as const;

/** Hard cases the valuation code must survive, assigned per company. */
export interface FinancialCase {
  lossMaker: boolean;
  negativeEquity: boolean;
  zeroDebt: boolean;
  /** A year inside the reported range that has no statement. */
  missingYear: number | null;
  /** No statements at all (an unlisted company that files none, so it cannot be valued). */
  noStatements: boolean;
}

/** One year's statement: account name to value in units (1 억원 when listed, 0.1 억원 when unlisted). */
export interface AnnualStatement {
  year: number;
  values: Map<string, number>;
}

const RD_HEAVY = new Set(['bio', 'semiconductor', 'software', 'battery']);

/**
 * Chooses the hard cases. Every dataset of 50 or more companies gets at least two unlisted companies
 * with negative equity and two with zero debt, so tests can rely on them.
 */
export function assignFinancialCases(
  seed: number,
  companies: readonly Company[],
  endYear: number,
): FinancialCase[] {
  const rng = Rng.derive(seed, 'financial-cases');
  const cases = companies.map((company): FinancialCase => {
    const bioStartup = company.profile.sector === 'bio' && company.scale < 0.5;
    let lossRate = company.listed ? 0.1 : 0.18;
    if (bioStartup) lossRate = company.listed ? 0.4 : 0.45;
    const noStatements = !company.listed && rng.chance(0.05);
    return {
      lossMaker: rng.chance(lossRate),
      negativeEquity: rng.chance(company.listed ? 0.004 : 0.02),
      zeroDebt: rng.chance(company.listed ? 0.005 : 0.03),
      missingYear: !company.listed && rng.chance(0.12) ? endYear - 1 - rng.int(2) : null,
      noStatements,
    };
  });
  const unlisted = companies.filter((company) => !company.listed).map((company) => company.index);
  if (companies.length >= 50) {
    const chosen = rng.sample(unlisted, 4);
    for (const [k, index] of chosen.entries()) {
      const entry = cases[index] as FinancialCase;
      entry.noStatements = false;
      entry.negativeEquity = k < 2;
      entry.zeroDebt = k >= 2;
    }
  }
  for (const entry of cases) if (entry.negativeEquity) entry.zeroDebt = false;
  return cases;
}

/** Lists the years a company reports, oldest first: five for listed companies, three or five for unlisted ones. */
export function reportedYears(company: Company, endYear: number, entry: FinancialCase, rng: Rng): number[] {
  if (entry.noStatements) return [];
  const span = company.listed || rng.chance(0.6) ? 5 : 3;
  const first = Math.max(endYear - span + 1, company.foundedYear + 1);
  const years: number[] = [];
  for (let year = first; year <= endYear; year++) if (year !== entry.missingYear) years.push(year);
  return years;
}

/**
 * Builds a company's statements for the given years. `baseRate(year)` is the policy rate in % a year;
 * borrowing costs sit 1.5 to 3.5 points above it.
 */
export function buildStatements(
  company: Company,
  entry: FinancialCase,
  years: readonly number[],
  baseRate: (year: number) => number,
  rng: Rng,
): AnnualStatement[] {
  if (years.length === 0) return [];
  const unit = company.listed ? 1 : 0.1;
  const toUnits = (value: number) => Math.round(value / unit);
  const lastYear = years[years.length - 1] as number;
  const firstYear = years[0] as number;

  // Size and the revenue path, drawn backward from the last year.
  const tinyRevenue = company.profile.sector === 'bio' && entry.lossMaker && rng.chance(0.5);
  let revenue =
    (company.listed
      ? rng.logNormal(Math.log(900) + 1.2 * company.scale, 0.5)
      : rng.logNormal(Math.log(70) + 1.1 * company.scale, 0.7)) * (tinyRevenue ? 0.05 : 1);
  const growthMean = rng.normal() * 0.07 + 0.07;
  const revenueByYear = new Map<number, number>();
  for (let year = lastYear; year >= firstYear; year--) {
    revenueByYear.set(year, revenue);
    revenue /= 1 + Math.min(1.5, Math.max(-0.5, growthMean + 0.12 * rng.normal()));
  }

  const rdHeavy = RD_HEAVY.has(company.profile.sector);
  const costRatio = rdHeavy ? rng.between(0.35, 0.7) : rng.between(0.55, 0.85);
  const sgaRatio = entry.lossMaker
    ? 1 - costRatio + rng.between(0.05, 0.5)
    : rng.between(0.05, Math.max(0.06, 0.9 - costRatio));
  let rdRatio = 0;
  if (rng.chance(0.7)) rdRatio = rdHeavy ? rng.between(0.05, 0.25) : rng.between(0.005, 0.06);
  const assetTurnoverInverse = rng.between(0.7, 2) * (tinyRevenue ? 12 : 1);
  const leverage = entry.zeroDebt
    ? 0
    : entry.negativeEquity
      ? rng.between(1.05, 1.5)
      : rng.between(0.2, 0.65);
  const borrowingShare = rng.between(0, 0.5);
  const hasBonds = company.listed && rng.chance(0.2);
  const controllingShare = rng.chance(0.5) ? 1 : rng.between(0.9, 0.99);
  const taxRate = rng.between(0.18, 0.24);
  const reportsIntangibleCapex = rng.chance(0.85);

  const statements: AnnualStatement[] = [];
  let previousCash: number | null = null;
  for (const year of years) {
    const v = new Map<string, number>();
    const sales = revenueByYear.get(year) as number;
    const assetsTarget = sales * assetTurnoverInverse * (1 + 0.03 * rng.normal());

    // Income statement.
    const salesUnits = toUnits(sales);
    const cogs = toUnits(sales * Math.min(0.98, Math.max(0.1, costRatio + 0.02 * rng.normal())));
    const sga = toUnits(sales * Math.max(0.02, sgaRatio + 0.02 * rng.normal()));
    const grossProfit = salesUnits - cogs;
    const operatingIncome = grossProfit - sga;

    // Balance sheet.
    const currentAssets = toUnits(assetsTarget * rng.between(0.35, 0.65));
    const nonCurrentAssets = toUnits(assetsTarget) - currentAssets;
    const cash = Math.min(currentAssets, toUnits(assetsTarget * rng.between(0.04, 0.25)));
    const tangible = Math.min(nonCurrentAssets, toUnits(assetsTarget * rng.between(0.1, 0.4)));
    const intangible = Math.min(nonCurrentAssets - tangible, toUnits(assetsTarget * rng.between(0.01, 0.08)));
    const assets = currentAssets + nonCurrentAssets;
    const liabilitiesTarget = assets * leverage;
    const currentLiabilities = Math.round(liabilitiesTarget * rng.between(0.4, 0.8));
    const nonCurrentLiabilities = Math.round(liabilitiesTarget) - currentLiabilities;
    const liabilities = currentLiabilities + nonCurrentLiabilities;
    const equity = assets - liabilities;
    const shortBorrowing = Math.round(currentLiabilities * borrowingShare * rng.between(0.5, 0.9));
    const longBorrowing = Math.round(nonCurrentLiabilities * borrowingShare * rng.between(0.5, 0.9));
    const bonds = hasBonds ? Math.round(longBorrowing * rng.between(0.2, 0.6)) : 0;

    const interest = Math.round(
      (shortBorrowing + longBorrowing) * ((baseRate(year) + rng.between(1.5, 3.5)) / 100),
    );
    const depreciation = Math.round(tangible * rng.between(0.06, 0.14));
    const amortisation = Math.round(intangible * rng.between(0.08, 0.2));
    const pretax = operatingIncome - interest + toUnits(sales * 0.01 * rng.normal());
    const tax = pretax > 0 ? Math.round(pretax * taxRate) : 0;
    const netIncome = pretax - tax;

    // Cash flows; financing closes the change in cash from the second year on.
    const operatingCashFlow = netIncome + depreciation + amortisation + toUnits(sales * 0.03 * rng.normal());
    const capex = Math.round(depreciation * rng.between(0.8, 1.6));
    const intangibleCapex = Math.round(amortisation * rng.between(0.5, 1.5));
    const investingCashFlow = -(capex + intangibleCapex) + toUnits(sales * 0.01 * rng.normal());
    const financingCashFlow =
      previousCash === null
        ? toUnits(sales * 0.02 * rng.normal())
        : cash - previousCash - operatingCashFlow - investingCashFlow;
    previousCash = cash;

    v.set('매출액', salesUnits);
    v.set('매출원가', cogs);
    v.set('매출총이익', grossProfit);
    v.set('판매비와관리비', sga);
    v.set('유무형자산상각비', depreciation + amortisation);
    if (rdRatio > 0) v.set('연구개발비', Math.min(sga, toUnits(sales * rdRatio)));
    v.set('영업이익', operatingIncome);
    v.set('이자비용', interest);
    v.set('세전계속사업이익', pretax);
    v.set('법인세비용', tax);
    v.set('당기순이익', netIncome);
    v.set('지배주주순이익', Math.round(netIncome * controllingShare));
    v.set('자산', assets);
    v.set('유동자산', currentAssets);
    v.set('현금및현금성자산', cash);
    v.set('비유동자산', nonCurrentAssets);
    v.set('유형자산', tangible);
    v.set('무형자산', intangible);
    v.set('부채', liabilities);
    v.set('유동부채', currentLiabilities);
    if (shortBorrowing > 0) v.set('단기차입금', shortBorrowing);
    v.set('비유동부채', nonCurrentLiabilities);
    if (bonds > 0) v.set('사채', bonds);
    if (longBorrowing > 0) v.set('장기차입금', longBorrowing - bonds);
    v.set('자본', equity);
    v.set('지배기업주주지분', Math.round(equity * controllingShare));
    v.set('자본금', Math.max(1, Math.round(assets * 0.05)));
    v.set('영업활동으로인한현금흐름', operatingCashFlow);
    v.set('감가상각비', depreciation);
    v.set('무형자산상각비', amortisation);
    v.set('투자활동으로인한현금흐름', investingCashFlow);
    v.set('유형자산의증가', capex);
    if (reportsIntangibleCapex) v.set('무형자산의증가', intangibleCapex);
    v.set('재무활동으로인한현금흐름', financingCashFlow);
    statements.push({ year, values: v });
  }
  return statements;
}

/** Formats a value in statement units as 억원: integers for listed companies, one decimal otherwise. */
export function formatHundredMillion(units: number, listed: boolean): string {
  if (units === 0) return '0';
  if (listed) return String(units);
  const text = (units / 10).toFixed(1);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}
