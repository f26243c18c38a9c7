import { describe, expect, it } from 'vitest';
import type { StatementRow } from '../../../data/store/valuation-queries.js';
import {
  buildHistories,
  depreciationAndAmortisation,
  interestBearingDebt,
  toKrw,
  yearsUpTo,
} from '../../../engine/value/statements.js';

const row = (
  account: string,
  period: string,
  value: number,
  unit: string,
  source = 'test',
): StatementRow => ({
  companyId: 7,
  period,
  account,
  value,
  unit,
  source,
});

describe('statements', () => {
  it('converts each unit to KRW', () => {
    expect(toKrw(3, '100m_krw')).toBe(3e8);
    expect(toKrw(3, '1000_krw')).toBe(3000);
    expect(toKrw(3, 'krw')).toBe(3);
    expect(toKrw(3, 'usd')).toBeNull();
  });

  it('groups rows into fiscal years in KRW', () => {
    const histories = buildHistories([
      row('매출액', '2020-12', 1200, '100m_krw'),
      row('자산', '2020-12', 250_000_000, '1000_krw', 'a-first'),
      row('자산', '2020-12', 9999, '100m_krw', 'b-second'),
      row('매출액', '2019-12', 1000, '100m_krw'),
      row('기타', '2019-12', 1, '100m_krw'),
    ]);
    const history = histories.get(7);
    expect(history?.years.map((year) => year.period)).toEqual(['2019-12', '2020-12']);
    expect(history?.years[1]?.items.revenue).toBe(1200e8);
    expect(history?.years[1]?.items.assets).toBe(2500e8);
    expect(history?.sources).toEqual(['a-first', 'test']);
  });

  it('reports rows with an unknown unit', () => {
    const history = buildHistories([row('매출액', '2020-12', 5, 'usd')]).get(7);
    expect(history?.problems).toEqual(['매출액 2020-12: unknown unit "usd" from test, row ignored']);
    expect(history?.years).toEqual([]);
  });

  it('keeps only income-statement years up to the date', () => {
    const history = buildHistories([
      row('자산', '2017-12', 1, '100m_krw'),
      row('매출액', '2019-12', 1, '100m_krw'),
      row('매출액', '2021-12', 1, '100m_krw'),
    ]).get(7);
    expect(yearsUpTo(history, '2021-11-05').map((year) => year.period)).toEqual(['2019-12']);
  });

  it('sums borrowings and bonds as debt', () => {
    expect(interestBearingDebt({ period: '2020-12', items: { shortTermBorrowings: 1, bonds: 2 } })).toEqual({
      value: 3,
      reported: true,
    });
    expect(interestBearingDebt({ period: '2020-12', items: {} })).toEqual({ value: 0, reported: false });
  });

  it('adds depreciation and amortisation', () => {
    expect(
      depreciationAndAmortisation({
        period: '2020-12',
        items: { depreciation: 10, amortisation: 2, depreciationAmortisation: 1 },
      }),
    ).toBe(12);
    expect(depreciationAndAmortisation({ period: '2020-12', items: { depreciationAmortisation: 1 } })).toBe(
      1,
    );
    expect(depreciationAndAmortisation({ period: '2020-12', items: {} })).toBeUndefined();
  });
});
