import { describe, expect, it } from 'vitest';
import {
  type ComparableLeverage,
  debtToEquity,
  releverBeta,
  targetBetaFromComparables,
  unleverBeta,
} from '../../../engine/value/hamada.js';

const EOK = 1e8;

function comparable(
  id: number,
  beta: number,
  debt: number,
  equity: number,
  taxRate: number,
): ComparableLeverage {
  return {
    companyId: id,
    name: `비교기업${id}`,
    leveredBeta: beta,
    leverage: { debtKrw: debt, equityKrw: equity, equityBasis: 'market_cap', taxRate },
  };
}

describe('Hamada', () => {
  it('round-trips unlever and relever', () => {
    for (const [beta, ratio, tax] of [
      [1.3, 0.5, 0.22],
      [0.7, 2.4, 0.275],
      [1, 0, 0.1],
    ] as const) {
      expect(releverBeta(unleverBeta(beta, ratio, tax), ratio, tax)).toBeCloseTo(beta, 12);
    }
  });

  it('unlevers by the textbook formula', () => {
    expect(unleverBeta(1.2, 0.5, 0.2)).toBeCloseTo(1.2 / 1.4, 12);
  });

  it('unlevers each comparable in the textbook variant', () => {
    const comparables = [
      comparable(1, 1.2, 50 * EOK, 100 * EOK, 0.2),
      comparable(2, 0.8, 0, 100 * EOK, 0.242),
    ];
    const target = { debtKrw: 30 * EOK, equityKrw: 60 * EOK, equityBasis: 'book' as const, taxRate: 0.22 };
    const result = targetBetaFromComparables(comparables, target, 'textbook');
    if (result.status !== 'ok') throw new Error(result.reason);
    const unlevered = (1.2 / 1.4 + 0.8) / 2;
    expect(result.unleveredBeta).toBeCloseTo(unlevered, 12);
    expect(result.targetBeta).toBeCloseTo(unlevered * (1 + 0.78 * 0.5), 12);
    expect(result.comparables[1]?.unleveredBeta).toBeCloseTo(0.8, 12);
  });

  it('unlevers the mean levered beta once in the reference variant', () => {
    const comparables = [
      comparable(1, 1.2, 50 * EOK, 100 * EOK, 0.2),
      comparable(2, 0.8, 0, 100 * EOK, 0.242),
    ];
    const target = { debtKrw: 30 * EOK, equityKrw: 60 * EOK, equityBasis: 'book' as const, taxRate: 0.22 };
    const result = targetBetaFromComparables(comparables, target, 'reference');
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.meanLeveredBeta).toBeCloseTo(1, 12);
    expect(result.targetBeta).toBeCloseTo(1 / (1 + 0.78 * 0.5), 12);
  });

  it('leaves beta unchanged with zero debt', () => {
    const comparables = [comparable(1, 1.1, 0, 100 * EOK, 0.22)];
    const target = { debtKrw: 0, equityKrw: 10 * EOK, equityBasis: 'book' as const, taxRate: 0.22 };
    const result = targetBetaFromComparables(comparables, target, 'textbook');
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.targetDebtToEquity).toBe(0);
    expect(result.targetBeta).toBeCloseTo(1.1, 12);
  });

  it('rejects negative target equity', () => {
    const comparables = [comparable(1, 1.1, 0, 100 * EOK, 0.22)];
    const target = { debtKrw: 30 * EOK, equityKrw: -5 * EOK, equityBasis: 'book' as const, taxRate: 0 };
    expect(targetBetaFromComparables(comparables, target, 'textbook')).toEqual({
      status: 'not_available',
      reason:
        'cannot relever for the target: book equity (자본) is -5억원, not positive, so D/E is undefined',
    });
  });

  it('skips comparables without positive equity', () => {
    const comparables = [comparable(1, 1.1, 0, 100 * EOK, 0.22), comparable(2, 2, 10 * EOK, 0, 0.22)];
    const target = { debtKrw: 0, equityKrw: 10 * EOK, equityBasis: 'book' as const, taxRate: 0.22 };
    const result = targetBetaFromComparables(comparables, target, 'textbook');
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.comparables).toHaveLength(1);
    expect(result.skipped[0]?.reason).toBe(
      'market capitalisation is 0억원, not positive, so D/E is undefined',
    );
  });

  it('computes D/E', () => {
    const ratio = debtToEquity({ debtKrw: 5, equityKrw: 10, equityBasis: 'book', taxRate: 0 });
    expect(ratio).toEqual({ status: 'ok', value: 0.5 });
  });
});
