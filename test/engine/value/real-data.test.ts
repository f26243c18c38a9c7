import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../core/logger.js';
import { importPath } from '../../../data/import/index.js';
import { resolveCompanyQuery } from '../../../engine/resolve/company-query.js';
import { assertFiniteNumbers } from '../../../engine/value/breakdown.js';
import { clearValuationModels } from '../../../engine/value/valuation-model.js';
import { valueCompany } from '../../../engine/value/value-company.js';
import { REAL_DATA_DIR, realDataSkipReason } from '../../support/paths.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

/** Valuation on the real Korean data: statements in 억원, KRX prices, ECOS index and base rate. */
describe.skipIf(realDataSkipReason !== null)('valuation on the real data', () => {
  let store: TestStore;

  beforeAll(async () => {
    store = await openSqliteTestStore();
    await importPath(store, REAL_DATA_DIR, { logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    if (store) clearValuationModels(store.db);
    await store?.dispose();
  });

  it('values Samsung Electronics as listed', async () => {
    const company = await resolveCompanyQuery(store.db, '005930');
    const breakdown = await valueCompany({ store }, company);
    expect(breakdown.asOf).toBe('2021-11-05');
    expect(breakdown.chosen?.method).toBe('market_cap');
    const own = breakdown.beta.own;
    if (own?.status !== 'ok') throw new Error('own beta missing');
    expect(own.indexCode).toBe('KOSPI');
    expect(own.months).toBe(36);
    expect(own.beta).toBeGreaterThan(0.5);
    expect(own.beta).toBeLessThan(2);
    const discountRate = breakdown.discountRate;
    if (discountRate.status !== 'ok') throw new Error(discountRate.reason);
    expect(discountRate.riskFree.series).toBe('BOK_BASE_RATE');
    // 2020 revenue of 005930 is 2,368,070억원 in the source file.
    expect(breakdown.inputs.statements.find((year) => year.period === '2020-12')?.items.revenue).toBe(
      2_368_070e8,
    );
    expect(breakdown.methods.regression.status).toBe('ok');
    assertFiniteNumbers(breakdown);
  });

  it('values SK hynix as if unlisted', async () => {
    const company = await resolveCompanyQuery(store.db, '000660');
    const breakdown = await valueCompany({ store }, company, { treatAsUnlisted: true });
    expect(breakdown.valuedAs).toBe('unlisted');
    expect(breakdown.chosen?.method).toBe('ensemble');
    expect(breakdown.chosen?.valueKrw).toBeGreaterThan(1e12);
    expect(breakdown.comparables.comparables.length).toBe(5);
    assertFiniteNumbers(breakdown);
  });

  it('explains why an unlisted patent holder has no value', async () => {
    const company = await resolveCompanyQuery(store.db, '617-81-56000');
    const breakdown = await valueCompany({ store }, company);
    expect(breakdown.valuedAs).toBe('unlisted');
    expect(breakdown.chosen).toBeNull();
    expect(breakdown.noValueReason).toMatch(/no financial statements on or before the valuation date/);
    expect(breakdown.comparables.comparables.length).toBe(5);
    assertFiniteNumbers(breakdown);
  });
});
