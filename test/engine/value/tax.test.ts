import { describe, expect, it } from 'vitest';
import {
  CORPORATE_TAX_REGIMES,
  corporateTax,
  fiscalStartYear,
  regimeFor,
} from '../../../engine/value/tax.js';

const EOK = 1e8;

describe('corporate tax brackets', () => {
  it('taxes 2억원 exactly at the first rate', () => {
    const tax = corporateTax(2 * EOK, 2020, { includeLocalIncomeTax: false });
    expect(tax.taxKrw).toBeCloseTo(0.2 * EOK, 2);
    expect(tax.marginalRate).toBe(0.1);
  });

  it('taxes one won above 2억원 at the second rate', () => {
    const tax = corporateTax(2 * EOK + 1, 2020, { includeLocalIncomeTax: false });
    expect(tax.taxKrw).toBeCloseTo(0.2 * EOK + 0.2, 4);
    expect(tax.marginalRate).toBe(0.2);
  });

  it('matches the statutory amounts at 200억원 and 3000억원 (2018-2022)', () => {
    // 법인세법 제55조: 200억원 -> 2천만원 + 198억원 x 20% = 39억8천만원; 3000억원 -> 655억8천만원.
    expect(corporateTax(200 * EOK, 2019, { includeLocalIncomeTax: false }).taxKrw).toBeCloseTo(39.8 * EOK, 0);
    expect(corporateTax(3000 * EOK, 2019, { includeLocalIncomeTax: false }).taxKrw).toBeCloseTo(
      655.8 * EOK,
      0,
    );
    expect(corporateTax(3000 * EOK + 1e6, 2019, { includeLocalIncomeTax: false }).marginalRate).toBe(0.25);
  });

  it('applies the 2023 cut and the 2026 increase', () => {
    // From 2023: 200억원 -> 1천800만원 + 198억원 x 19% = 37억8천만원.
    expect(corporateTax(200 * EOK, 2023, { includeLocalIncomeTax: false }).taxKrw).toBeCloseTo(37.8 * EOK, 0);
    expect(corporateTax(1 * EOK, 2025, { includeLocalIncomeTax: false }).averageRate).toBeCloseTo(0.09, 10);
    expect(corporateTax(1 * EOK, 2026, { includeLocalIncomeTax: false }).averageRate).toBeCloseTo(0.1, 10);
  });

  it('has no top bracket above 200억원 before 2018', () => {
    expect(corporateTax(5000 * EOK, 2017, { includeLocalIncomeTax: false }).marginalRate).toBe(0.22);
    expect(corporateTax(5000 * EOK, 2018, { includeLocalIncomeTax: false }).marginalRate).toBe(0.25);
  });

  it('adds local income tax as one tenth', () => {
    const national = corporateTax(50 * EOK, 2020, { includeLocalIncomeTax: false });
    const total = corporateTax(50 * EOK, 2020);
    expect(total.taxKrw).toBeCloseTo(national.taxKrw * 1.1, 2);
    expect(total.marginalRate).toBeCloseTo(0.22, 10);
    expect(total.includesLocalIncomeTax).toBe(true);
  });

  it('charges nothing on losses', () => {
    const tax = corporateTax(-30 * EOK, 2020);
    expect(tax.taxKrw).toBe(0);
    expect(tax.averageRate).toBe(0);
    expect(tax.marginalRate).toBe(0);
  });

  it('uses the earliest regime for older years with a note', () => {
    const { regime, note } = regimeFor(2005);
    expect(regime.fromYear).toBe(2009);
    expect(note).toBe('no brackets for 2005 in the table; the 2009 brackets were used');
  });

  it('covers every year from 2009 without gaps', () => {
    for (let i = 1; i < CORPORATE_TAX_REGIMES.length; i++) {
      const previous = CORPORATE_TAX_REGIMES[i - 1];
      const current = CORPORATE_TAX_REGIMES[i];
      expect(current?.fromYear).toBe((previous?.toYear ?? 0) + 1);
    }
    expect(CORPORATE_TAX_REGIMES.at(-1)?.toYear).toBeNull();
  });

  it('maps fiscal periods to their start year', () => {
    expect(fiscalStartYear('2020-12')).toBe(2020);
    expect(fiscalStartYear('2021-03')).toBe(2020);
  });
});
