import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompanyResolver } from '../../../data/identity/resolver.js';
import { BACKENDS, type TestStore } from '../../support/stores.js';

describe.each(BACKENDS)('CompanyResolver on $name', ({ open, skipReason }) => {
  let store: TestStore;
  let resolver: CompanyResolver;

  beforeEach(async (context) => {
    if (skipReason) context.skip(skipReason);
    store = await open();
    resolver = new CompanyResolver(store.db);
  });
  afterEach(async () => {
    await store?.dispose();
  });

  it('creates once and finds again by BRN', async () => {
    const first = await resolver.resolveOrCreate(
      { brn: '124-81-00998' },
      { name: '삼성전자(주)', kind: 'company' },
      't',
    );
    const second = await resolver.resolveOrCreate(
      { brn: '124-81-00998' },
      { name: '삼성전자(주)', kind: 'company' },
      't',
    );
    if (!first.ok || !second.ok) throw new Error('resolveOrCreate rejected a valid BRN');
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.changed).toBe(false);
    expect(second.companyId).toBe(first.companyId);
  });

  it('merges a ticker-only and a BRN-only company', async () => {
    const byTicker = await resolver.resolveOrCreate(
      { ticker: '005930' },
      { name: '삼성전자', kind: 'company', listed: 1 },
      'krx',
    );
    const byBrn = await resolver.resolveOrCreate(
      { brn: '124-81-00998', keys: [{ kind: 'applicant_no', value: '119981042713' }] },
      { name: '삼성전자주식회사', kind: 'company' },
      'kipris',
    );
    expect(byTicker.ok).toBe(true);
    expect(byBrn.ok).toBe(true);
    const link = await resolver.resolveOrCreate(
      { brn: '124-81-00998', ticker: '005930' },
      { name: '삼성전자(주)', kind: 'company' },
      'fnguide',
    );
    expect(link.ok).toBe(true);
    if (!link.ok || !byTicker.ok) return;
    expect(link.merged).toHaveLength(1);
    const rows = await store.db.selectFrom('companies').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.brn).toBe('124-81-00998');
    expect(rows[0]?.ticker).toBe('005930');
    expect(rows[0]?.listed).toBe(1);
    const byKey = await resolver.findByIdentity({ keys: [{ kind: 'applicant_no', value: '119981042713' }] });
    expect(byKey).toEqual([link.companyId]);
  });

  it('resolves name spellings to one company', async () => {
    const created = await resolver.resolveOrCreate(
      { brn: '124-81-00998' },
      { name: '삼성전자(주)', kind: 'company' },
      't',
    );
    if (!created.ok) throw new Error(created.reason);
    for (const spelling of ['(주)삼성전자', '삼성전자 주식회사', '삼성전자주식회사', '㈜삼성전자']) {
      expect(await resolver.findByName(spelling)).toEqual({ status: 'unique', companyId: created.companyId });
    }
    expect(await resolver.findByName('엘지전자')).toEqual({ status: 'none' });
  });

  it('reports an ambiguous name', async () => {
    await resolver.resolveOrCreate({ brn: '124-81-00998' }, { name: '한빛(주)', kind: 'company' }, 't');
    await resolver.resolveOrCreate({ brn: '220-88-87953' }, { name: '주식회사 한빛', kind: 'company' }, 't');
    const match = await resolver.findByName('한빛');
    expect(match.status).toBe('ambiguous');
  });

  it('rejects a ticker already tied to another BRN', async () => {
    await resolver.resolveOrCreate(
      { brn: '124-81-00998', ticker: '005930' },
      { name: '삼성전자', kind: 'company' },
      't',
    );
    const other = await resolver.resolveOrCreate(
      { brn: '220-88-87953', ticker: '005930' },
      { name: '다른회사', kind: 'company' },
      't',
    );
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.reason).toMatch(/conflicting brn/);
  });

  it('upgrades an applicant-only company when the real one arrives', async () => {
    const applicant = await resolver.resolveOrCreate(
      {},
      { name: '(주)파인메딕스', kind: 'applicant' },
      'patents',
    );
    if (!applicant.ok) throw new Error(applicant.reason);
    const match = await resolver.findByName('파인메딕스 주식회사');
    expect(match).toEqual({ status: 'unique', companyId: applicant.companyId });
    const real = await resolver.resolveOrCreate(
      { brn: '502-86-01324' },
      { name: '(주)파인메딕스', kind: 'company' },
      'kipris',
    );
    if (!real.ok) throw new Error(real.reason);
    expect(real.companyId).toBe(applicant.companyId);
    expect(real.created).toBe(false);
    const row = await store.db
      .selectFrom('companies')
      .selectAll()
      .where('id', '=', real.companyId)
      .executeTakeFirstOrThrow();
    expect(row.brn).toBe('502-86-01324');
    expect(row.kind).toBe('company');
  });
});
