import type { Insertable, Kysely } from 'kysely';
import type { CompaniesTable, Database, FinancialStatementsTable } from '../../../data/store/tables.js';
import { addMonths, monthEnd } from '../../../engine/value/market-series.js';

/**
 * A small synthetic market for valuation tests. It has 80 listed companies in three sectors, each
 * with three years of statements (억원), 37 month-end closes that follow its index with a known beta
 * and a market capitalisation snapshot. KOSPI and KOSDAQ closes and a base-rate series complete the
 * market. Unlisted companies cover the edge cases: healthy, negative equity, losses, one fiscal
 * year and no statements.
 */

const NOW = '2024-01-01T00:00:00Z';
export const LISTED_COUNT = 80;
const SECTORS = ['bio', 'software', 'machinery'];
export const FIRST_MONTH = '2018-11';
export const MONTHS = 36;

function indexReturn(code: string, i: number): number {
  return code === 'KOSPI' ? 0.02 + 0.04 * Math.sin(i * 1.3) : 0.025 + 0.05 * Math.sin(i * 1.1 + 0.4);
}

function statementRows(
  companyId: number,
  base: number,
  overrides: Record<string, number[]> = {},
  periods = ['2018-12', '2019-12', '2020-12'],
) {
  const rows: Insertable<FinancialStatementsTable>[] = [];
  periods.forEach((period, y) => {
    const revenue = base * 1.1 ** y;
    const items: Record<string, number> = {
      매출액: revenue,
      영업이익: 0.12 * revenue,
      세전계속사업이익: 0.11 * revenue,
      당기순이익: 0.09 * revenue,
      자산: 1.6 * revenue,
      부채: 0.6 * revenue,
      자본: 1.0 * revenue,
      현금및현금성자산: 0.2 * revenue,
      유동자산: 0.6 * revenue,
      유동부채: 0.35 * revenue,
      감가상각비: 0.05 * revenue,
      유형자산의증가: 0.06 * revenue,
      단기차입금: 0.1 * revenue,
      장기차입금: 0.15 * revenue,
      이자비용: 0.01 * revenue,
    };
    for (const [account, values] of Object.entries(overrides)) {
      const value = values[y];
      if (value === undefined || Number.isNaN(value)) delete items[account];
      else items[account] = value;
    }
    for (const [account, value] of Object.entries(items)) {
      rows.push({ company_id: companyId, period, account, value, unit: '100m_krw', source: 'synthetic' });
    }
  });
  return rows;
}

export interface SyntheticMarket {
  listedIds: number[];
  /** Beta each listed company's prices were generated with. */
  betas: Map<number, number>;
  unlisted: {
    healthy: number;
    negativeEquity: number;
    losses: number;
    oneYear: number;
    noStatements: number;
  };
  /** A listed company with only 12 months of prices. */
  shortHistory: number;
}

async function insertCompany(
  db: Kysely<Database>,
  values: Partial<Insertable<CompaniesTable>> & { name: string },
): Promise<number> {
  const result = await db
    .insertInto('companies')
    .values({ kind: 'company', listed: 0, updated_at: NOW, ...values })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export async function seedSyntheticMarket(db: Kysely<Database>): Promise<SyntheticMarket> {
  const levels: Record<string, number[]> = { KOSPI: [2000], KOSDAQ: [700] };
  for (let i = 1; i <= MONTHS; i++) {
    for (const code of ['KOSPI', 'KOSDAQ']) {
      const list = levels[code] as number[];
      list.push((list[i - 1] as number) * (1 + indexReturn(code, i)));
    }
  }
  const indexRows = ['KOSPI', 'KOSDAQ'].flatMap((code) =>
    (levels[code] as number[]).map((value, i) => ({
      index_code: code,
      kind: 'close',
      date: monthEnd(addMonths(FIRST_MONTH, i)),
      value,
    })),
  );
  await db.insertInto('market_index_values').values(indexRows).execute();
  await db
    .insertInto('rate_series')
    .values([
      { series_code: 'BOK_BASE_RATE', date: '2018-01-01', rate_pct: 1.5 },
      { series_code: 'BOK_BASE_RATE', date: '2021-08-26', rate_pct: 0.75 },
    ])
    .execute();

  const listedIds: number[] = [];
  const betas = new Map<number, number>();
  let shortHistory = 0;
  for (let n = 0; n < LISTED_COUNT + 1; n++) {
    const market = n % 2 === 0 ? 'KOSPI' : 'KOSDAQ';
    const sector = SECTORS[n % 3] as string;
    const id = await insertCompany(db, {
      name: `상장기업${n}`,
      ticker: String(100000 + n),
      listed: 1,
      market,
      sector,
      main_products: `${sector} 제품 ${n}`,
    });
    const base = 200 + 150 * n;
    await db.insertInto('financial_statements').values(statementRows(id, base)).execute();
    const netIncome2020 = 0.09 * base * 1.21 * 1e8;
    const marketCap = netIncome2020 * (12 + 6 * Math.sin(n));
    await db
      .insertInto('market_caps')
      .values({
        company_id: id,
        source: 'krx_quant_kor_ticker',
        as_of: null,
        market_cap_krw: marketCap,
        shares: null,
        close_krw: null,
      })
      .execute();
    const beta = 0.6 + (n % 7) * 0.15;
    const months = n === LISTED_COUNT ? 12 : MONTHS;
    let price = 10_000;
    const closes = [];
    for (let i = MONTHS - months; i <= MONTHS; i++) {
      if (i > MONTHS - months) price *= 1 + beta * indexReturn(market, i) + 0.004 * Math.cos(i * 2.3 + n);
      const month = addMonths(FIRST_MONTH, i);
      closes.push({
        company_id: id,
        month,
        last_trading_date: monthEnd(month),
        close_krw: Math.round(price * 100) / 100,
      });
    }
    await db.insertInto('monthly_closes').values(closes).execute();
    if (n === LISTED_COUNT) shortHistory = id;
    else {
      listedIds.push(id);
      betas.set(id, beta);
    }
  }

  const healthy = await insertCompany(db, {
    name: '비상장건전',
    sector: 'software',
    main_products: '소프트웨어 플랫폼',
  });
  await db.insertInto('financial_statements').values(statementRows(healthy, 300)).execute();
  const negativeEquity = await insertCompany(db, { name: '비상장자본잠식', sector: 'bio' });
  await db
    .insertInto('financial_statements')
    .values(statementRows(negativeEquity, 300, { 자본: [-50, -80, -120] }))
    .execute();
  const losses = await insertCompany(db, { name: '비상장적자', sector: 'bio' });
  await db
    .insertInto('financial_statements')
    .values(
      statementRows(losses, 300, {
        영업이익: [-40, -50, -60],
        세전계속사업이익: [-45, -55, -65],
        당기순이익: [-45, -55, -65],
      }),
    )
    .execute();
  const oneYear = await insertCompany(db, { name: '비상장단년', sector: 'machinery' });
  await db
    .insertInto('financial_statements')
    .values(statementRows(oneYear, 300, {}, ['2020-12']))
    .execute();
  const noStatements = await insertCompany(db, { name: '비상장무재무', sector: 'machinery' });
  return {
    listedIds,
    betas,
    unlisted: { healthy, negativeEquity, losses, oneYear, noStatements },
    shortHistory,
  };
}
