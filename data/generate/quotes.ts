/**
 * Market quotes of listed companies: price, share count and per-share ratios consistent with the
 * latest statement, and monthly closes driven by the market index through the CAPM relation
 * R_i = Rf + beta * (R_m - Rf) + e_i on monthly simple returns.
 */
import type { Company } from './companies.js';
import type { AnnualStatement } from './financials.js';
import { baseRateOn, type MarketSeries } from './market-series.js';
import type { Rng } from './prng.js';

export interface ListedQuote {
  company: Company;
  /** Last close in KRW, on the last business day of the end year. */
  close: number;
  previousClose: number;
  shares: number;
  /** close * shares, KRW. */
  marketCap: number;
  /** Shares counted in the free-float-adjusted WICS index. */
  floatShares: number;
  /** Par value per share in KRW; 자본금 = shares * par. */
  parValue: number;
  eps: number | null;
  per: number | null;
  bps: number;
  pbr: number | null;
  dividendPerShare: number;
  dividendYield: number;
  /** True CAPM beta against the company's own market index. */
  beta: number;
  /** Monthly standard deviation of the residual return. */
  residualSd: number;
}

/** Returns the KRX tick size for a price in KRW (the schedule in force since 2023). */
export function tickSize(price: number): number {
  if (price < 2_000) return 1;
  if (price < 5_000) return 5;
  if (price < 20_000) return 10;
  if (price < 50_000) return 50;
  if (price < 200_000) return 100;
  if (price < 500_000) return 500;
  return 1_000;
}

export function roundToTick(price: number): number {
  const tick = tickSize(price);
  return Math.max(tick, Math.round(price / tick) * tick);
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Prices a listed company from its latest statement: market value from a P/E multiple when it makes
 * money, otherwise from a price-to-sales multiple. Also sets 자본금 on every statement to shares * par.
 */
export function quoteListedCompany(company: Company, statements: AnnualStatement[], rng: Rng): ListedQuote {
  const last = statements[statements.length - 1];
  const value = (account: string) => last?.values.get(account) ?? 0;
  const netIncome = value('지배주주순이익');
  const revenue = Math.max(1, value('매출액'));
  const equity = value('자본');
  const rdHeavy = company.profile.sector === 'bio' || company.profile.sector === 'software';
  const marketCapEok =
    netIncome > 0
      ? netIncome * rng.logNormal(Math.log(14), 0.45)
      : revenue * rng.logNormal(Math.log(rdHeavy ? 5 : 1), 0.6);
  const targetCap = Math.max(150, marketCapEok) * 1e8;
  // Larger companies tend to trade at higher prices per share, but the spread is wide.
  const sizeTilt = 0.25 * Math.log(targetCap / 1e11);
  const price = roundToTick(
    Math.min(900_000, Math.max(500, rng.logNormal(Math.log(12_000) + sizeTilt, 0.9))),
  );
  const shares = Math.max(100_000, Math.round(targetCap / price));
  const parValue = company.market === 'KOSPI' && rng.chance(0.5) ? 5_000 : rng.pick([100, 500, 500, 1_000]);
  for (const statement of statements)
    statement.values.set('자본금', Math.max(1, Math.round((shares * parValue) / 1e8)));

  const eps = netIncome > 0 ? Math.round((netIncome * 1e8) / shares) : null;
  const bps = Math.round((equity * 1e8) / shares);
  const payout = eps !== null && eps > 0 && rng.chance(0.6) ? rng.between(0.1, 0.4) : 0;
  const dividendPerShare = eps !== null ? Math.round((eps * payout) / 5) * 5 : 0;
  const previousClose = roundToTick(price / (1 + 0.025 * rng.normal()));
  const sectorTilt =
    { bio: 1.15, software: 1.15, consumer: 0.8, energy: 0.85, finance: 0.9 }[company.profile.sector] ?? 1;
  return {
    company,
    close: price,
    previousClose,
    shares,
    marketCap: price * shares,
    floatShares: Math.round(shares * rng.between(0.35, 0.95)),
    parValue,
    eps,
    per: eps !== null && eps > 0 ? round2(price / eps) : null,
    bps,
    pbr: bps > 0 ? round2(price / bps) : null,
    dividendPerShare,
    dividendYield: round2((dividendPerShare / price) * 100),
    beta: Math.min(2.2, Math.max(0.3, rng.logNormal(0, 0.3) * sectorTilt)),
    residualSd: rng.between(0.05, company.market === 'KOSDAQ' ? 0.15 : 0.1),
  };
}

export interface MonthlyClose {
  month: string;
  date: string;
  close: number;
}

/**
 * Monthly closes from the listing month (or the first generated month) to the last one, ending at the
 * quoted close. Returns are drawn forward in time and the path is then scaled to end at the close.
 */
export function monthlyCloses(quote: ListedQuote, series: MarketSeries, rng: Rng): MonthlyClose[] {
  const index = quote.company.market === 'KOSPI' ? series.kospi : series.kosdaq;
  const listingMonth = quote.company.listingDate.slice(0, 7);
  const months = series.monthEnds.filter((monthEnd) => monthEnd.month >= listingMonth);
  const levels = new Float64Array(months.length);
  levels[0] = 1;
  for (let t = 1; t < months.length; t++) {
    const current = months[t] as (typeof months)[number];
    const previous = months[t - 1] as (typeof months)[number];
    const marketReturn = (index[current.day] as number) / (index[previous.day] as number) - 1;
    const riskFree = baseRateOn(series, previous.date.replaceAll('-', '')) / 100 / 12;
    const raw = riskFree + quote.beta * (marketReturn - riskFree) + quote.residualSd * rng.normal();
    levels[t] = (levels[t - 1] as number) * (1 + Math.max(-0.6, raw));
  }
  const scale = quote.close / (levels[months.length - 1] as number);
  return months.map((monthEnd, t) => ({
    month: monthEnd.month,
    date: monthEnd.date,
    close: t === months.length - 1 ? quote.close : roundToTick((levels[t] as number) * scale),
  }));
}
