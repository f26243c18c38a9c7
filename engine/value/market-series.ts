import type { DatedValue } from '../../data/store/valuation-queries.js';

/**
 * A market index as a level per trading day, read at any date by the last level on or before it.
 * Built from daily closes; when only daily returns are stored, the returns are compounded into a
 * level series that starts at 1, which gives the same period returns.
 */
export class IndexLevels {
  private constructor(
    readonly indexCode: string,
    private readonly dates: string[],
    private readonly levels: number[],
    /** 'close' when built from closes, 'compounded_returns' when from daily returns. */
    readonly basis: 'close' | 'compounded_returns',
  ) {}

  static fromCloses(indexCode: string, closes: readonly DatedValue[]): IndexLevels {
    const valid = closes.filter((row) => Number.isFinite(row.value) && row.value > 0);
    return new IndexLevels(
      indexCode,
      valid.map((row) => row.date),
      valid.map((row) => row.value),
      'close',
    );
  }

  static fromReturns(indexCode: string, returns: readonly DatedValue[]): IndexLevels {
    const dates: string[] = [];
    const levels: number[] = [];
    let level = 1;
    for (const row of returns) {
      if (!Number.isFinite(row.value) || row.value <= -1) continue;
      level *= 1 + row.value;
      dates.push(row.date);
      levels.push(level);
    }
    return new IndexLevels(indexCode, dates, levels, 'compounded_returns');
  }

  get size(): number {
    return this.dates.length;
  }

  get firstDate(): string | null {
    return this.dates[0] ?? null;
  }

  get lastDate(): string | null {
    return this.dates[this.dates.length - 1] ?? null;
  }

  /** The last level on or before `date` (YYYY-MM-DD), or undefined before the series starts. */
  levelOnOrBefore(date: string): DatedValue | undefined {
    let low = 0;
    let high = this.dates.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.dates[middle] as string) <= date) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (found < 0) return undefined;
    return { date: this.dates[found] as string, value: this.levels[found] as number };
  }
}

/** The last calendar day of a YYYY-MM month, as YYYY-MM-DD. */
export function monthEnd(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Adds whole months to a YYYY-MM month. */
export function addMonths(month: string, count: number): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const total = year * 12 + (monthNumber - 1) + count;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Days between two YYYY-MM-DD dates. */
export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

export interface AnnualisedReturn {
  indexCode: string;
  from: string;
  to: string;
  startLevel: number;
  endLevel: number;
  /** Geometric annual return over the window, as a fraction. */
  annualised: number;
}

/**
 * The index's geometric annualised return between two dates, (end / start)^(365.25 / days) - 1,
 * or undefined when the series does not cover the window or it is shorter than a month.
 */
export function annualisedReturn(index: IndexLevels, from: string, to: string): AnnualisedReturn | undefined {
  const start = index.levelOnOrBefore(from);
  const end = index.levelOnOrBefore(to);
  if (!start || !end) return undefined;
  const days = daysBetween(start.date, end.date);
  if (days < 28) return undefined;
  const annualised = (end.value / start.value) ** (365.25 / days) - 1;
  return {
    indexCode: index.indexCode,
    from: start.date,
    to: end.date,
    startLevel: start.value,
    endLevel: end.value,
    annualised,
  };
}
