/**
 * Market-wide series: a business-day calendar, daily KOSPI and KOSDAQ closes, and the Bank of Korea
 * base rate, written in the ECOS export format (STAT_CODE … TIME, DATA_VALUE with TIME as YYYYMMDD).
 */
import { join } from 'node:path';
import type { Timeline } from './companies.js';
import { Rng } from './prng.js';
import { CsvFileWriter, trimmedDecimal } from './writers.js';

export const ECOS_HEADER = [
  'STAT_CODE',
  'STAT_NAME',
  'ITEM_CODE1',
  'ITEM_NAME1',
  'UNIT_NAME',
  'TIME',
  'DATA_VALUE',
];

/** ECOS identifiers: table 802Y001 (daily stock market) and 722Y001 (base rate), as ECOS names them. */
const KOSPI_SERIES = ['802Y001', '1.5.1.1. 주식시장(일)', '0001000', 'KOSPI지수', '1980.01.04=100 '];
const KOSDAQ_SERIES = ['802Y001', '1.5.1.1. 주식시장(일)', '0089000', 'KOSDAQ지수', '1996.07.01=1000'];
const BASE_RATE_SERIES = [
  '722Y001',
  '1.3.1. 한국은행 기준금리 및 여수신금리',
  '0101000',
  '한국은행 기준금리',
  '연%',
];

/** Fixed-date exchange holidays (MMDD). Lunar New Year and Chuseok move every year and are not modelled. */
const FIXED_HOLIDAYS = new Set(['0101', '0301', '0505', '0606', '0815', '1003', '1009', '1225', '1231']);

export interface MonthEnd {
  /** YYYY-MM */
  month: string;
  /** Last business day of the month, YYYY-MM-DD. */
  date: string;
  /** Index into MarketSeries.days. */
  day: number;
}

export interface MarketSeries {
  /** Business days, YYYYMMDD. */
  days: string[];
  kospi: Float64Array;
  kosdaq: Float64Array;
  monthEnds: MonthEnd[];
  /** Base-rate change dates (YYYYMMDD, ascending) and the rate in % a year from that date on. */
  rateChanges: { date: string; rate: number }[];
}

function ymd(date: Date): string {
  const y = date.getUTCFullYear();
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}${m}${d}`;
}

/** Lists every calendar day of the timeline as YYYYMMDD. */
export function calendarDays(timeline: Timeline): string[] {
  const days: string[] = [];
  const end = Date.UTC(timeline.endYear, 11, 31);
  for (let t = Date.UTC(timeline.startYear, 0, 1); t <= end; t += 86_400_000) days.push(ymd(new Date(t)));
  return days;
}

function isBusinessDay(day: string): boolean {
  const date = new Date(
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))),
  );
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !FIXED_HOLIDAYS.has(day.slice(4));
}

/** Looks up the base rate (% a year) in force on a day. */
export function baseRateOn(series: MarketSeries, day: string): number {
  let rate = series.rateChanges[0]?.rate ?? 0;
  for (const change of series.rateChanges) {
    if (change.date > day) break;
    rate = change.rate;
  }
  return rate;
}

function drawRateChanges(rng: Rng, timeline: Timeline): { date: string; rate: number }[] {
  let rate = 2 + 0.25 * rng.int(9);
  const changes = [{ date: `${timeline.startYear}0101`, rate }];
  let direction = rng.chance(0.5) ? 1 : -1;
  for (let year = timeline.startYear; year <= timeline.endYear; year++) {
    for (let month = 1; month <= 12; month++) {
      if (!rng.chance(0.14)) continue;
      if (rng.chance(0.25)) direction = -direction;
      const step = rng.chance(0.8) ? 0.25 : 0.5;
      const next = Math.min(5, Math.max(0.5, rate + direction * step));
      if (next === rate) {
        direction = -direction;
        continue;
      }
      rate = next;
      // Monetary policy meetings fall mid-month; the second Thursday is a fair stand-in.
      const firstDay = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
      const secondThursday = 1 + ((4 - firstDay + 7) % 7) + 7;
      changes.push({
        date: `${year}${String(month).padStart(2, '0')}${String(secondThursday).padStart(2, '0')}`,
        rate,
      });
    }
  }
  return changes;
}

/**
 * Builds the daily index paths: KOSPI follows a two-regime (calm, stressed) random walk with drift,
 * and KOSDAQ moves with KOSPI (loading 1.1) plus its own noise.
 */
export function buildMarketSeries(seed: number, timeline: Timeline): MarketSeries {
  const rng = Rng.derive(seed, 'market-series');
  const days = calendarDays(timeline).filter(isBusinessDay);
  const kospi = new Float64Array(days.length);
  const kosdaq = new Float64Array(days.length);
  let kospiLevel = 1700 * rng.between(0.85, 1.15);
  let kosdaqLevel = 500 * rng.between(0.85, 1.15);
  let stressed = false;
  for (let i = 0; i < days.length; i++) {
    if (i > 0) {
      stressed = stressed ? !rng.chance(0.02) : rng.chance(0.004);
      const sigma = stressed ? 0.021 : 0.0105;
      const drift = (stressed ? -0.25 : 0.09) / 250;
      const kospiReturn = drift + sigma * rng.normal();
      const kosdaqReturn = 1.1 * kospiReturn - 0.01 / 250 + 0.007 * rng.normal();
      kospiLevel *= Math.exp(kospiReturn);
      kosdaqLevel *= Math.exp(kosdaqReturn);
    }
    kospi[i] = Number(kospiLevel.toFixed(2));
    kosdaq[i] = Number(kosdaqLevel.toFixed(2));
  }
  const monthEnds: MonthEnd[] = [];
  for (let i = 0; i < days.length; i++) {
    const day = days[i] as string;
    const next = days[i + 1];
    if (next === undefined || next.slice(0, 6) !== day.slice(0, 6)) {
      const month = `${day.slice(0, 4)}-${day.slice(4, 6)}`;
      monthEnds.push({ month, date: `${month}-${day.slice(6, 8)}`, day: i });
    }
  }
  return { days, kospi, kosdaq, monthEnds, rateChanges: drawRateChanges(rng, timeline) };
}

/** Writes kospi_index_daily.csv, kosdaq_index_daily.csv and bok_base_rate_daily.csv, and returns their names. */
export async function writeEcosFiles(
  outDir: string,
  series: MarketSeries,
  timeline: Timeline,
): Promise<string[]> {
  const indexFiles: [string, string[], Float64Array][] = [
    ['kospi_index_daily.csv', KOSPI_SERIES, series.kospi],
    ['kosdaq_index_daily.csv', KOSDAQ_SERIES, series.kosdaq],
  ];
  for (const [name, ids, values] of indexFiles) {
    const writer = await CsvFileWriter.open(join(outDir, name), ECOS_HEADER);
    for (let i = 0; i < series.days.length; i++) {
      await writer.write([...ids, series.days[i] as string, trimmedDecimal(values[i] as number, 2)]);
    }
    await writer.close();
  }
  // The base rate is published for every calendar day, weekends included.
  const writer = await CsvFileWriter.open(join(outDir, 'bok_base_rate_daily.csv'), ECOS_HEADER);
  let changeIndex = 0;
  let rate = series.rateChanges[0]?.rate ?? 0;
  for (const day of calendarDays(timeline)) {
    while (
      changeIndex < series.rateChanges.length &&
      (series.rateChanges[changeIndex]?.date as string) <= day
    ) {
      rate = series.rateChanges[changeIndex]?.rate as number;
      changeIndex++;
    }
    await writer.write([...BASE_RATE_SERIES, day, trimmedDecimal(rate, 2)]);
  }
  await writer.close();
  return ['kospi_index_daily.csv', 'kosdaq_index_daily.csv', 'bok_base_rate_daily.csv'];
}
