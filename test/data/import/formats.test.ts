import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { importPath } from '../../../data/import/index.js';
import type { ImportReport } from '../../../data/import/types.js';
import { BACKENDS, type TestStore } from '../../support/stores.js';
import { BRN, FIXTURE_FORMATS, writeFixtureFolder } from './fixtures.js';

async function companyBy(store: TestStore, column: 'brn' | 'ticker', value: string) {
  return store.db.selectFrom('companies').selectAll().where(column, '=', value).executeTakeFirstOrThrow();
}

describe.each(BACKENDS)('import formats ($name)', ({ open, skipReason }) => {
  let store: TestStore;
  let dir: string;
  let report: ImportReport;

  beforeAll(async () => {
    if (skipReason) return;
    store = await open();
    dir = writeFixtureFolder();
    report = await importPath(store, dir, { logger: silentLogger() });
  });
  afterAll(async () => {
    if (skipReason) return;
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skipReason)('recognises every fixture file', () => {
    for (const [file, expected] of Object.entries(FIXTURE_FORMATS)) {
      const entry = report.files.find((item) => item.path === file);
      expect(entry?.format, file).toBe(expected.format);
      expect(entry?.status, file).toBe('imported');
      expect(entry?.rowsRead, file).toBe(expected.rows);
      expect(entry?.rejected, `${file}: ${JSON.stringify(entry?.rejections)}`).toBe(0);
      const entryCounts = (entry?.imported ?? 0) + (entry?.updated ?? 0) + (entry?.unchanged ?? 0);
      expect(entryCounts, file).toBe(expected.rows);
    }
  });

  it.skipIf(skipReason)('skips the README with a reason', () => {
    const readme = report.files.find((item) => item.path === 'README.md');
    expect(readme?.status).toBe('skipped');
    expect(readme?.skipReason).toMatch(/unrecognised header/);
  });

  it.skipIf(skipReason)('orders files by dependency, not name', () => {
    const order = report.files.filter((file) => file.status === 'imported').map((file) => file.format);
    expect(order.indexOf('fnguide_companies')).toBeLessThan(order.indexOf('neojune_companies'));
    expect(order.indexOf('neojune_companies')).toBeLessThan(
      order.indexOf('neojune_company_applicant_numbers'),
    );
    expect(order.indexOf('neojune_company_applicant_numbers')).toBeLessThan(order.indexOf('kipris_patents'));
    expect(order.indexOf('krx_tickers')).toBeLessThan(order.indexOf('krx_financial_statements'));
  });

  it.skipIf(skipReason)('stores listed-company columns', async () => {
    const samsung = await companyBy(store, 'brn', BRN.samsung);
    expect(samsung.ticker).toBe('005930');
    expect(samsung.corp_code).toBe('00100001');
    expect(samsung.listed).toBe(1);
    expect(samsung.market).toBe('KOSPI');
    expect(samsung.krx_industry).toBe('전기전자');
    expect(samsung.wics_sector).toBe('IT');
    expect(samsung.ksic_industry).toBe('반도체 제조업');
    expect(samsung.main_products).toBe('휴대폰, 반도체');
    expect(samsung.listing_date).toBe('1975-06-11');
    expect(samsung.fiscal_month).toBe(12);
    expect(samsung.sector).toBe('semiconductor');
    expect(samsung.sector_source).toBe('derived');

    const hanbit = await companyBy(store, 'ticker', '111110');
    expect(hanbit.brn).toBe(BRN.hanbit);
    expect(hanbit.market).toBe('KOSDAQ');
    expect(JSON.parse(hanbit.themes ?? '[]')).toEqual(['항체', "진단키트's"]);
    expect(hanbit.overview).toBe('동사는 항체 치료제를 개발함.');
    expect(hanbit.sector).toBe('bio');

    const nuri = await companyBy(store, 'ticker', '222220');
    expect(nuri.listed).toBe(1);
    expect(nuri.sector).toBe('software');
  });

  it.skipIf(skipReason)('stores statements with their units', async () => {
    const samsung = await companyBy(store, 'brn', BRN.samsung);
    const rows = await store.db
      .selectFrom('financial_statements')
      .selectAll()
      .where('company_id', '=', samsung.id)
      .orderBy('source')
      .orderBy('period')
      .execute();
    expect(rows.map((row) => [row.source, row.period, row.account, row.value, row.unit])).toEqual([
      ['fnguide', '2019-12', '자산', 350000000, '1000_krw'],
      ['krx_quant_kor_fs', '2019-12', '매출액', 2300000, '100m_krw'],
      ['krx_quant_kor_fs', '2020-12', '매출액', 2360000, '100m_krw'],
    ]);
    const hanbit = await companyBy(store, 'ticker', '111110');
    const loss = await store.db
      .selectFrom('financial_statements')
      .select('value')
      .where('company_id', '=', hanbit.id)
      .where('account', '=', '영업이익')
      .executeTakeFirstOrThrow();
    expect(loss.value).toBe(-12.5);
    const bioStart = await companyBy(store, 'brn', BRN.bioStart);
    const native = await store.db
      .selectFrom('financial_statements')
      .selectAll()
      .where('company_id', '=', bioStart.id)
      .execute();
    expect(native.map((row) => [row.period, row.value, row.unit, row.source])).toEqual([
      ['2022-12', 12.5, '100m_krw', 'exit_financial_statements'],
    ]);
  });

  it.skipIf(skipReason)('stores market caps per source', async () => {
    const samsung = await companyBy(store, 'brn', BRN.samsung);
    const caps = await store.db
      .selectFrom('market_caps')
      .selectAll()
      .where('company_id', '=', samsung.id)
      .orderBy('source')
      .execute();
    expect(caps.map((cap) => [cap.source, cap.market_cap_krw, cap.shares, cap.as_of])).toEqual([
      ['krx_market_snapshot', 420000000000000, 5900000000, null],
      ['krx_quant_kor_ticker', 400000000000000, null, null],
    ]);
    const hanbit = await companyBy(store, 'ticker', '111110');
    const naver = await store.db
      .selectFrom('market_caps')
      .selectAll()
      .where('company_id', '=', hanbit.id)
      .where('source', '=', 'naver_theme_by_stock')
      .executeTakeFirstOrThrow();
    expect(naver.market_cap_krw).toBe(51_000_000_000);
  });

  it.skipIf(skipReason)('stores metrics, skipping NA', async () => {
    const samsung = await companyBy(store, 'brn', BRN.samsung);
    const metrics = await store.db
      .selectFrom('company_metrics')
      .selectAll()
      .where('company_id', '=', samsung.id)
      .where('source', '=', 'krx_quant_kor_value')
      .orderBy('metric')
      .execute();
    expect(metrics.map((metric) => [metric.metric, metric.value])).toEqual([
      ['pbr', 1.7],
      ['pcr', 6.2],
      ['per', 17.1],
    ]);
    const hanbit = await companyBy(store, 'ticker', '111110');
    const hanbitMetrics = await store.db
      .selectFrom('company_metrics')
      .select('metric')
      .where('company_id', '=', hanbit.id)
      .orderBy('metric')
      .execute();
    expect(hanbitMetrics.map((metric) => metric.metric)).toEqual(['bps', 'dividend_yield_pct', 'dps', 'pbr']);
  });

  it.skipIf(skipReason)('stores index and rate series', async () => {
    const index = await store.db
      .selectFrom('market_index_values')
      .selectAll()
      .orderBy('index_code')
      .orderBy('kind')
      .orderBy('date')
      .execute();
    expect(index.map((row) => [row.index_code, row.kind, row.date, row.value])).toEqual([
      ['KOSDAQ', 'close', '2020-01-02', 650.1],
      ['KOSPI', 'close', '2020-01-02', 2100.5],
      ['KOSPI', 'close', '2020-01-03', 2110.25],
      ['KOSPI', 'return', '2020-01-02', 0.0101],
    ]);
    const rates = await store.db.selectFrom('rate_series').selectAll().execute();
    expect(rates.map((row) => [row.series_code, row.date, row.rate_pct])).toEqual([
      ['BOK_BASE_RATE', '2020-01-02', 1.25],
    ]);
  });

  it.skipIf(skipReason)('stores patents with IPC and applicants', async () => {
    const patent = await store.db
      .selectFrom('patents')
      .selectAll()
      .where('application_no', '=', '1020200000001')
      .executeTakeFirstOrThrow();
    expect(patent.filing_date).toBe('2020-01-05');
    expect(patent.abstract).toBe('항체로 단백질을 검출하는 키트.\n둘째 줄.');
    expect(patent.status).toBe('등록');
    expect(patent.registration_date).toBe('2022-01-05');
    const ipcs = await store.db
      .selectFrom('patent_ipc')
      .selectAll()
      .where('patent_id', '=', patent.id)
      .orderBy('position')
      .execute();
    expect(ipcs.map((ipc) => [ipc.ipc, ipc.subclass])).toEqual([
      ['G01N 33/53', 'G01N'],
      ['C07K 16/18', 'C07K'],
    ]);
    const bioStart = await companyBy(store, 'brn', BRN.bioStart);
    const applicants = await store.db
      .selectFrom('patent_applicants')
      .selectAll()
      .where('patent_id', '=', patent.id)
      .execute();
    expect(applicants).toEqual([
      {
        patent_id: patent.id,
        position: 0,
        applicant_name: '(주)바이오스타트',
        applicant_no: '120000000001',
        company_id: bioStart.id,
        resolution: 'applicant_no',
      },
    ]);
    expect(report.newOrChangedPatentIds).toContain(patent.id);
  });

  it.skipIf(skipReason)('creates co-application interactions for every pair', async () => {
    const rows = await store.db
      .selectFrom('interactions')
      .selectAll()
      .where('kind', '=', 'co_application')
      .execute();
    const byReference = new Map<string, number>();
    for (const row of rows) {
      expect(row.company_a).toBeLessThan(row.company_b);
      byReference.set(row.reference, (byReference.get(row.reference) ?? 0) + 1);
    }
    expect(Object.fromEntries(byReference)).toEqual({ '1020200000002': 1, '1020200000004': 3 });
    const dated = rows.find((row) => row.reference === '1020200000002');
    expect(dated?.date).toBe('2020-02-10');
  });

  it.skipIf(skipReason)('imports native profiles and interactions', async () => {
    const bioStart = await companyBy(store, 'brn', BRN.bioStart);
    expect(bioStart.name).toBe('(주)바이오스타트');
    expect(bioStart.name_en).toBe('BioStart Inc.');
    expect(bioStart.sector).toBe('bio');
    expect(bioStart.sector_source).toBe('explicit');
    expect(bioStart.main_products).toBe('항체 진단 키트');
    const newCo = await companyBy(store, 'brn', BRN.newCo);
    expect(newCo.name).toBe('뉴코로보틱스');
    expect(newCo.sector).toBe('machinery');
    expect(report.changedProfileCompanyIds).toContain(newCo.id);
    const partnership = await store.db
      .selectFrom('interactions')
      .selectAll()
      .where('kind', '=', 'partnership')
      .executeTakeFirstOrThrow();
    const samsung = await companyBy(store, 'brn', BRN.samsung);
    expect([partnership.company_a, partnership.company_b]).toEqual(
      [samsung.id, bioStart.id].sort((a, b) => a - b),
    );
    expect(partnership.reference).toBe('MOU-2023-01');
  });

  it.skipIf(skipReason)('keeps null sector without labels', async () => {
    const hanul = await companyBy(store, 'brn', BRN.hanulA);
    expect(hanul.sector).toBeNull();
    expect(hanul.corp_no).toBe('110111-0000002');
  });

  it.skipIf(skipReason)('records each file in import_runs', async () => {
    const runs = await store.db.selectFrom('import_runs').selectAll().execute();
    expect(runs).toHaveLength(Object.keys(FIXTURE_FORMATS).length);
    const patents = runs.find((run) => run.format === 'kipris_patents');
    expect(patents?.rows_read).toBe(4);
    expect(patents?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
