import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFiniteNumbers } from '../../../engine/value/breakdown.js';
import { valueCompanies } from '../../../engine/value/market-cap.js';
import { clearValuationModels } from '../../../engine/value/valuation-model.js';
import { valueCompany } from '../../../engine/value/value-company.js';
import { BACKENDS, type TestStore } from '../../support/stores.js';
import { type SyntheticMarket, seedSyntheticMarket } from './synthetic-market.js';

/** Returns the reason of a "not available" outcome, or 'available'. */
function reasonOf(outcome: { status: string; reason?: string }): string {
  return outcome.status === 'not_available' ? (outcome.reason as string) : 'available';
}

/** Checks that every number is finite and survives a JSON round trip unchanged (NaN would become null). */
function expectCleanJson(value: unknown): void {
  assertFiniteNumbers(value);
  const text = JSON.stringify(value);
  expect(text).not.toMatch(/NaN|Infinity/);
  expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
}

describe.each(BACKENDS)('valueCompany on $name', ({ open, skipReason }) => {
  let store: TestStore;
  let market: SyntheticMarket;

  beforeAll(async () => {
    if (skipReason) return;
    store = await open();
    market = await seedSyntheticMarket(store.db);
  });
  afterAll(async () => {
    if (store) clearValuationModels(store.db);
    await store?.dispose();
  });

  it('values a listed company at market capitalisation', async (context) => {
    if (skipReason) context.skip(skipReason);
    const id = market.listedIds[4] as number;
    const breakdown = await valueCompany({ store }, id);
    expect(breakdown.valuedAs).toBe('listed');
    expect(breakdown.chosen?.method).toBe('market_cap');
    expect(breakdown.asOf).toBe('2021-11-30');
    expect(breakdown.beta.source).toBe('own');
    const own = breakdown.beta.own;
    if (own?.status !== 'ok') throw new Error('own beta missing');
    expect(own.months).toBe(36);
    expect(own.beta).toBeCloseTo(market.betas.get(id) as number, 1);
    expect(breakdown.discountRate.status).toBe('ok');
    expect(breakdown.tax?.fiscalYear).toBe(2020);
    expect(breakdown.inputs.statements).toHaveLength(3);
    expectCleanJson(breakdown);
  });

  it('values a healthy unlisted company by the ensemble', async (context) => {
    if (skipReason) context.skip(skipReason);
    const breakdown = await valueCompany({ store }, market.unlisted.healthy);
    expect(breakdown.valuedAs).toBe('unlisted');
    expect(breakdown.chosen?.method).toBe('ensemble');
    expect(breakdown.chosen?.valueKrw).toBeGreaterThan(0);
    expect(breakdown.comparables.strategy).toBe('sector');
    expect(breakdown.comparables.comparables).toHaveLength(5);
    expect(breakdown.beta.source).toBe('comparables_textbook');
    expect(breakdown.beta.textbook?.status).toBe('ok');
    expect(breakdown.beta.reference?.status).toBe('ok');
    expect(breakdown.methods.regression.status).toBe('ok');
    expect(breakdown.methods.dcf_fcff.status).toBe('ok');
    // The committed growth and LightGBM artifacts are used by default, so neither fallback is named.
    expect(breakdown.growth.every((estimate) => estimate.source === 'growth_model')).toBe(true);
    expect(breakdown.fallbacks.some((line) => line.startsWith('growth:'))).toBe(false);
    expect(breakdown.fallbacks.some((line) => line.startsWith('regression:'))).toBe(false);
    expect(breakdown.summary.map((row) => row.method)).toEqual([
      'ensemble',
      'regression',
      'dcf_fcff',
      'dcf_reference',
      'sector_multiple',
    ]);
    expectCleanJson(breakdown);
  });

  it('explains negative equity', async (context) => {
    if (skipReason) context.skip(skipReason);
    const breakdown = await valueCompany({ store }, market.unlisted.negativeEquity);
    expect(breakdown.beta.textbook).toEqual({
      status: 'not_available',
      reason:
        'cannot relever for the target: book equity (자본) is -120억원, not positive, so D/E is undefined',
    });
    expect(breakdown.beta.source).toBe('comparables_mean_levered');
    expect(breakdown.methods.dcf_fcff).toEqual({
      status: 'not_available',
      reason: 'book equity (자본) is -120억원, not positive, so the WACC weights are undefined',
    });
    expect(
      breakdown.fallbacks.some((line) => line.includes("the comparables' mean levered beta is used")),
    ).toBe(true);
    expectCleanJson(breakdown);
  });

  it('explains losses', async (context) => {
    if (skipReason) context.skip(skipReason);
    const breakdown = await valueCompany({ store }, market.unlisted.losses);
    const reference = breakdown.methods.dcf_reference;
    expect(reference.status).toBe('not_available');
    expect(reasonOf(reference)).toMatch(
      /^projected NOPAT \+ depreciation is -[\d.,]+억원 .* not positive, so a perpetuity of it has no value$/,
    );
    const fcff = breakdown.methods.dcf_fcff;
    expect(reasonOf(fcff)).toMatch(
      /^the terminal-year NOPAT is -[\d.,]+억원 at an operating margin of -15.11%/,
    );
    expect(breakdown.tax?.taxKrw).toBe(0);
    expect(breakdown.methods.regression.status).toBe('ok');
    expectCleanJson(breakdown);
  });

  it('falls back on growth for a single fiscal year', async (context) => {
    if (skipReason) context.skip(skipReason);
    const breakdown = await valueCompany({ store }, market.unlisted.oneYear);
    const revenue = breakdown.growth.find((row) => row.item === 'revenue');
    expect(revenue?.source).toBe('sector_median');
    expect(revenue?.detail).toMatch(
      /^only one fiscal year \(2020-12\) of 매출액; median of \d+ listed companies in sector machinery$/,
    );
    expectCleanJson(breakdown);
  });

  it('gives no value without statements', async (context) => {
    if (skipReason) context.skip(skipReason);
    const breakdown = await valueCompany({ store }, market.unlisted.noStatements);
    expect(breakdown.chosen).toBeNull();
    expect(breakdown.noValueReason).toMatch(
      /^ensemble: none of the weighted methods \(.+\) has a value; sector multiple: no financial statements on or before the valuation date$/,
    );
    expectCleanJson(breakdown);
  });

  it('falls back to comparables below the minimum months', async (context) => {
    if (skipReason) context.skip(skipReason);
    const breakdown = await valueCompany({ store }, market.shortHistory);
    expect(breakdown.beta.own).toEqual({
      status: 'not_available',
      reason: 'only 12 monthly returns in the window 2020-11..2021-11 (at least 24 are needed)',
    });
    expect(breakdown.beta.source).toBe('comparables_textbook');
    expect(breakdown.fallbacks[0]).toMatch(/^beta: own beta not available \(only 12 monthly returns/);
    expectCleanJson(breakdown);
  });

  it('values a listed company as unlisted on request', async (context) => {
    if (skipReason) context.skip(skipReason);
    const breakdown = await valueCompany({ store }, market.listedIds[7] as number, { treatAsUnlisted: true });
    expect(breakdown.valuedAs).toBe('unlisted');
    expect(breakdown.beta.own).toBeNull();
    expect(breakdown.chosen?.method).toBe('ensemble');
    expect(breakdown.notes).toContain(
      'Valued as if unlisted: its own prices, market capitalisation and multiple were not read.',
    );
  });

  it('rejects invalid options', async (context) => {
    if (skipReason) context.skip(skipReason);
    await expect(
      valueCompany({ store }, market.unlisted.healthy, { minMonths: 70, windowMonths: 60 }),
    ).rejects.toThrow('minMonths (70) must not exceed windowMonths (60).');
  });

  it('gives unlisted candidates the ensemble value', async (context) => {
    if (skipReason) context.skip(skipReason);
    const companies = await store.db
      .selectFrom('companies')
      .selectAll()
      .where('id', 'in', [
        market.unlisted.healthy,
        market.unlisted.noStatements,
        market.listedIds[0] as number,
      ])
      .execute();
    const values = await valueCompanies(store.db, companies, { store });
    expect(values.get(market.unlisted.healthy)?.method).toBe('ensemble');
    expect(values.get(market.unlisted.noStatements)).toBeNull();
    expect(values.get(market.listedIds[0] as number)?.method).toBe('market_cap');
    const withoutContext = await valueCompanies(store.db, companies);
    expect(withoutContext.get(market.unlisted.healthy)).toBeNull();
  });
});
