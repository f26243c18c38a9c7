import type { StatementRow } from '../../data/store/valuation-queries.js';

/**
 * Annual statement items in KRW. The store keeps each value in its source unit (억원, 천원 or KRW).
 * Every amount the valuation reads passes through `toKrw` here, so no formula mixes units.
 */

/** Statement items the valuation reads, keyed by English name, with the Korean account name stored. */
export const ACCOUNTS = {
  revenue: '매출액',
  operatingIncome: '영업이익',
  netIncome: '당기순이익',
  pretaxIncome: '세전계속사업이익',
  incomeTax: '법인세비용',
  assets: '자산',
  liabilities: '부채',
  equity: '자본',
  cash: '현금및현금성자산',
  currentAssets: '유동자산',
  currentLiabilities: '유동부채',
  depreciation: '감가상각비',
  depreciationAmortisation: '유무형자산상각비',
  amortisation: '무형자산상각비',
  tangibleCapex: '유형자산의증가',
  intangibleCapex: '무형자산의증가',
  shortTermBorrowings: '단기차입금',
  longTermBorrowings: '장기차입금',
  bonds: '사채',
  interestExpense: '이자비용',
  researchExpense: '연구개발비',
} as const;

export type StatementItem = keyof typeof ACCOUNTS;

const ITEM_BY_ACCOUNT = new Map<string, StatementItem>(
  Object.entries(ACCOUNTS).map(([item, account]) => [account, item as StatementItem]),
);

/** Multipliers from a store unit to KRW: 억원 is 10^8 KRW, 천원 is 10^3 KRW. */
export const KRW_PER_UNIT: Readonly<Record<string, number>> = { '100m_krw': 1e8, '1000_krw': 1e3, krw: 1 };

/** Converts an amount in a store unit to KRW, or returns null for a unit this code does not know. */
export function toKrw(value: number, unit: string): number | null {
  const factor = KRW_PER_UNIT[unit];
  return factor === undefined ? null : value * factor;
}

export interface FiscalYear {
  /** Fiscal period end, YYYY-MM. */
  period: string;
  /** Amounts in KRW; an item is absent when the source had no value for it. */
  items: Partial<Record<StatementItem, number>>;
}

export interface StatementHistory {
  companyId: number;
  /** Oldest first. */
  years: FiscalYear[];
  sources: string[];
  /** Rows that could not be used, for example an unknown unit. */
  problems: string[];
}

/**
 * Groups statement rows into fiscal years of KRW amounts. When two sources report the same item
 * for the same period, the source that sorts first by name wins, so results do not depend on row
 * order.
 */
export function buildHistories(rows: readonly StatementRow[]): Map<number, StatementHistory> {
  const bySource = (a: StatementRow, b: StatementRow) => {
    if (a.source === b.source) return 0;
    return a.source < b.source ? -1 : 1;
  };
  const sorted = [...rows].sort(bySource);
  const histories = new Map<number, StatementHistory>();
  const yearMaps = new Map<number, Map<string, FiscalYear>>();
  for (const row of sorted) {
    const item = ITEM_BY_ACCOUNT.get(row.account);
    if (!item) continue;
    let history = histories.get(row.companyId);
    if (!history) {
      history = { companyId: row.companyId, years: [], sources: [], problems: [] };
      histories.set(row.companyId, history);
      yearMaps.set(row.companyId, new Map());
    }
    const krw = toKrw(row.value, row.unit);
    if (krw === null || !Number.isFinite(krw)) {
      history.problems.push(
        `${row.account} ${row.period}: unknown unit "${row.unit}" from ${row.source}, row ignored`,
      );
      continue;
    }
    const years = yearMaps.get(row.companyId) as Map<string, FiscalYear>;
    let year = years.get(row.period);
    if (!year) {
      year = { period: row.period, items: {} };
      years.set(row.period, year);
    }
    if (year.items[item] === undefined) {
      year.items[item] = krw;
      if (!history.sources.includes(row.source)) history.sources.push(row.source);
    }
  }
  for (const [companyId, history] of histories) {
    const years = yearMaps.get(companyId) as Map<string, FiscalYear>;
    history.years = [...years.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
  }
  return histories;
}

/**
 * Fiscal years that end on or before `asOf` (YYYY-MM-DD) and report an income-statement item
 * (revenue, operating income or net income), oldest first. Years with only a balance-sheet figure,
 * such as a total-assets extract, cannot anchor a valuation and are left out.
 */
export function yearsUpTo(history: StatementHistory | undefined, asOf: string): FiscalYear[] {
  if (!history) return [];
  const month = asOf.slice(0, 7);
  return history.years.filter(
    (year) =>
      year.period <= month &&
      (year.items.revenue !== undefined ||
        year.items.operatingIncome !== undefined ||
        year.items.netIncome !== undefined),
  );
}

/** Interest-bearing debt: short- and long-term borrowings plus bonds; absent items count as zero. */
export function interestBearingDebt(year: FiscalYear): { value: number; reported: boolean } {
  const parts = [year.items.shortTermBorrowings, year.items.longTermBorrowings, year.items.bonds];
  const reported = parts.some((part) => part !== undefined);
  return { value: parts.reduce<number>((sum, part) => sum + (part ?? 0), 0), reported };
}

/**
 * Depreciation and amortisation for EBITDA: 감가상각비 plus 무형자산상각비. The FnGuide item
 * 유무형자산상각비 is used only when neither is reported, because in that source it is far smaller
 * than the two together (for 005930 in 2020, 2.1조원 against 30.3조원).
 */
export function depreciationAndAmortisation(year: FiscalYear): number | undefined {
  if (year.items.depreciation === undefined && year.items.amortisation === undefined) {
    return year.items.depreciationAmortisation;
  }
  return (year.items.depreciation ?? 0) + (year.items.amortisation ?? 0);
}

/** Capital expenditure: increases of tangible and intangible assets; undefined when neither is reported. */
export function capitalExpenditure(year: FiscalYear): number | undefined {
  if (year.items.tangibleCapex === undefined && year.items.intangibleCapex === undefined) return undefined;
  return (year.items.tangibleCapex ?? 0) + (year.items.intangibleCapex ?? 0);
}
