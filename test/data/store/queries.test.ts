import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompanyResolver } from '../../../data/identity/resolver.js';
import {
  companiesSharingNames,
  findCompaniesByExactName,
  listCompanies,
  normalizedNamesOf,
  searchCompaniesByName,
} from '../../../data/store/company-queries.js';
import { latestMarketCaps } from '../../../data/store/market-queries.js';
import { ownersOfPatents, patentsOfCompany } from '../../../data/store/patent-queries.js';
import { BACKENDS, type TestStore } from '../../support/stores.js';

describe.each(BACKENDS)('store queries on $name', ({ open, skipReason }) => {
  let store: TestStore;
  let samsung: number;
  let hynix: number;

  beforeEach(async (context) => {
    if (skipReason) context.skip(skipReason);
    store = await open();
    const resolver = new CompanyResolver(store.db);
    const a = await resolver.resolveOrCreate(
      { brn: '124-81-00998', ticker: '005930' },
      { name: '삼성전자(주)', kind: 'company', listed: 1 },
      't',
    );
    const b = await resolver.resolveOrCreate(
      { ticker: '000660' },
      { name: 'SK하이닉스', kind: 'company', listed: 1 },
      't',
    );
    if (!a.ok || !b.ok) throw new Error('setup failed');
    samsung = a.companyId;
    hynix = b.companyId;
    const now = new Date().toISOString();
    for (const [no, date] of [
      ['1020200000002', '2020-05-01'],
      ['1020190000001', '2019-01-02'],
    ] as const) {
      const inserted = await store.db
        .insertInto('patents')
        .values({ application_no: no, filing_date: date, title: `특허 ${no}`, updated_at: now })
        .executeTakeFirstOrThrow();
      const id = Number(inserted.insertId);
      await store.db
        .insertInto('patent_applicants')
        .values({
          patent_id: id,
          position: 0,
          applicant_name: '삼성전자',
          company_id: samsung,
          resolution: 'name',
          applicant_no: null,
        })
        .execute();
      await store.db
        .insertInto('patent_applicants')
        .values({
          patent_id: id,
          position: 1,
          applicant_name: 'SK하이닉스',
          company_id: hynix,
          resolution: 'name',
          applicant_no: null,
        })
        .execute();
    }
    await store.db
      .insertInto('market_caps')
      .values([
        {
          company_id: samsung,
          source: 'krx_quant_kor_ticker',
          as_of: null,
          market_cap_krw: 420272691520000,
          shares: null,
          close_krw: 70400,
        },
        {
          company_id: samsung,
          source: 'krx_market_snapshot',
          as_of: null,
          market_cap_krw: 500000000000000,
          shares: null,
          close_krw: null,
        },
        {
          company_id: hynix,
          source: 'older',
          as_of: '2020-01-31',
          market_cap_krw: 1,
          shares: null,
          close_krw: null,
        },
        {
          company_id: hynix,
          source: 'newer',
          as_of: '2021-11-05',
          market_cap_krw: 76804249507500,
          shares: null,
          close_krw: null,
        },
      ])
      .execute();
  });
  afterEach(async () => {
    await store?.dispose();
  });

  it('lists patents in filing order', async () => {
    const patents = await patentsOfCompany(store.db, samsung);
    expect(patents.map((p) => p.applicationNo)).toEqual(['1020190000001', '1020200000002']);
  });

  it('finds co-owners of patents', async () => {
    const patents = await patentsOfCompany(store.db, samsung);
    const owners = await ownersOfPatents(
      store.db,
      patents.map((p) => p.id),
    );
    expect(owners).toHaveLength(4);
  });

  it('counts patents per company and filters by name, BRN and ticker', async () => {
    const all = await listCompanies(store.db, { limit: 10 });
    expect(all.map((c) => c.patentCount)).toEqual([2, 2]);
    expect((await listCompanies(store.db, { query: '하이닉스', limit: 10 })).map((c) => c.id)).toEqual([
      hynix,
    ]);
    expect((await listCompanies(store.db, { query: '124-81-00998', limit: 10 })).map((c) => c.id)).toEqual([
      samsung,
    ]);
    expect((await listCompanies(store.db, { query: 'A005930', limit: 10 })).map((c) => c.id)).toEqual([
      samsung,
    ]);
  });

  it('treats LIKE wildcards in a query as text', async () => {
    expect(await searchCompaniesByName(store.db, '%', 10)).toEqual([]);
    expect(await searchCompaniesByName(store.db, '_', 10)).toEqual([]);
    expect((await searchCompaniesByName(store.db, '삼성', 10)).map((c) => c.id)).toEqual([samsung]);
    for (const query of ['%', '_', '%%', '!', '\u0000']) {
      expect(await listCompanies(store.db, { query, limit: 10 }), JSON.stringify(query)).toEqual([]);
    }
  });

  it('matches exact names in any spelling', async () => {
    expect((await findCompaniesByExactName(store.db, '(주)삼성전자')).map((c) => c.id)).toEqual([samsung]);
    const names = await normalizedNamesOf(store.db, samsung);
    expect(await companiesSharingNames(store.db, names)).toEqual([samsung]);
  });

  it('prefers dated market caps, then the preferred source', async () => {
    const caps = await latestMarketCaps(
      store.db,
      [samsung, hynix],
      ['krx_market_snapshot', 'krx_quant_kor_ticker'],
    );
    expect(caps.get(samsung)?.source).toBe('krx_market_snapshot');
    expect(caps.get(hynix)?.source).toBe('newer');
    expect(caps.get(hynix)?.marketCapKrw).toBe(76804249507500);
  });
});
