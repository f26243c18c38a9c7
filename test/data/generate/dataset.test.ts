import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBrn } from '../../../core/brn.js';
import { corporateNumberCheckDigit } from '../../../data/generate/identifiers.js';
import { normalizeCompanyName } from '../../../data/identity/names.js';
import { type GeneratedDataset, generateInTemp, readRecords } from './fixture.js';

type Row = Record<string, string>;

let dataset: GeneratedDataset;
const tables: Record<string, Row[]> = {};
const table = (name: string): Row[] => {
  const rows = tables[name];
  if (!rows) throw new Error(`${name} was not loaded`);
  return rows;
};

beforeAll(async () => {
  dataset = await generateInTemp(400, 2024);
  for (const name of [
    'companies_tb24_100.csv',
    'company_applicant_no_tb24_200.csv',
    'patents_kipris_plus.csv',
    'exit_company_profiles.csv',
    'exit_financial_statements.csv',
    'exit_interactions.csv',
    'fnguide_utf.csv',
    'KOR_ticker.csv',
    'KOR_fs_key_accounts_long.csv',
    'KOR_price_monthly_close.csv',
    'truth/tech_mix.csv',
    'truth/affinity.csv',
    'truth/areas.csv',
  ]) {
    tables[name] = await readRecords(join(dataset.dir, name));
  }
});

afterAll(async () => {
  await rm(dataset.dir, { recursive: true, force: true });
});

describe('company identity', () => {
  it('gives every company a valid, unique BRN', () => {
    const brns = table('companies_tb24_100.csv').map((row) => row.biz_no as string);
    expect(brns).toHaveLength(400);
    expect(new Set(brns).size).toBe(400);
    for (const brn of brns) expect(parseBrn(brn), brn).toEqual({ ok: true, brn });
  });

  it('checks 법인 corporate numbers', () => {
    for (const row of table('companies_tb24_100.csv')) {
      if (row.biz_type === '개인') {
        expect(row.corp_no).toBe('');
        continue;
      }
      expect(row.biz_type).toBe('법인');
      expect(row.corp_no).toMatch(/^\d{6}-\d{7}$/);
      const digits = (row.corp_no as string).replace('-', '');
      expect(Number(digits[12])).toBe(corporateNumberCheckDigit(digits.slice(0, 12)));
    }
  });

  it('keeps normalised company names unique', () => {
    const names = table('companies_tb24_100.csv').map((row) =>
      normalizeCompanyName(row.company_name as string),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it('profiles every company', () => {
    const profiles = table('exit_company_profiles.csv');
    expect(profiles).toHaveLength(400);
    for (const profile of profiles) {
      expect(profile.main_products?.length).toBeGreaterThan(0);
      expect(profile.overview?.length).toBeGreaterThan(40);
      expect(['true', 'false']).toContain(profile.listed);
      expect(profile.aliases?.split('|').length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('patents', () => {
  it('uses unique application numbers', () => {
    const numbers = table('patents_kipris_plus.csv').map((row) => row.ApplicationNumber as string);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const number of numbers) expect(number).toMatch(/^(10|20)\d{11}$/);
    expect(numbers.some((number) => number.startsWith('20'))).toBe(true);
  });

  it('fills known applicant numbers', () => {
    const known = new Set(table('company_applicant_no_tb24_200.csv').map((row) => row.applicant_no));
    for (const row of table('patents_kipris_plus.csv')) {
      expect(row.applicant_no).toMatch(/^\d{12}$/);
      expect(known.has(row.applicant_no)).toBe(true);
    }
  });

  it('uses only real registration statuses', () => {
    const statuses = new Set(table('patents_kipris_plus.csv').map((row) => row.RegistrationStatus));
    for (const status of statuses) expect(['등록', '소멸', '공개', '거절', '취하', '포기']).toContain(status);
    expect(statuses.has('등록')).toBe(true);
    expect(statuses.has('공개')).toBe(true);
  });

  it('writes abstracts with glosses', () => {
    const abstracts = table('patents_kipris_plus.csv').map((row) => row.Abstract as string);
    for (const text of abstracts) expect(text.split('. ').length).toBeGreaterThanOrEqual(3);
    expect(abstracts.some((text) => /[가-힣]\([a-zA-Z][a-zA-Z -]+\)/.test(text))).toBe(true);
  });

  it('spells co-applicants in variants', () => {
    const companies = table('companies_tb24_100.csv');
    const byNormalised = new Map(
      companies.map((row) => [normalizeCompanyName(row.company_name as string), row]),
    );
    const coApplied = table('patents_kipris_plus.csv').filter((row) => row.Applicant?.includes('|'));
    expect(coApplied.length).toBeGreaterThan(10);
    const forms = new Set<string>();
    let differentSpelling = 0;
    for (const row of coApplied) {
      const partnerName = (row.Applicant as string).split('|')[1] as string;
      const partner = byNormalised.get(normalizeCompanyName(partnerName));
      if (!partner) continue; // a person co-applicant
      if (partnerName !== partner.company_name) differentSpelling++;
      if (partnerName.startsWith('(주)')) forms.add('(주)X');
      if (partnerName.endsWith(' 주식회사')) forms.add('X 주식회사');
      if (partnerName.endsWith('(주)')) forms.add('X(주)');
      if (partnerName.startsWith('주식회사 ')) forms.add('주식회사 X');
    }
    expect(differentSpelling).toBeGreaterThan(0);
    expect([...forms].sort()).toEqual(['(주)X', 'X 주식회사', 'X(주)', '주식회사 X'].sort());
  });

  it('has cold-start and heavy filers', () => {
    const counts = new Map<string, number>();
    for (const row of table('patents_kipris_plus.csv')) {
      counts.set(row.applicant_no as string, (counts.get(row.applicant_no as string) ?? 0) + 1);
    }
    const applicants = table('company_applicant_no_tb24_200.csv');
    expect(applicants.length).toBeLessThan(400);
    expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(100);
    const listedBrns = new Set(table('fnguide_utf.csv').map((row) => row.regist_num));
    const seqWithPatents = new Set(applicants.map((row) => row.company_seq));
    const coldStart = table('companies_tb24_100.csv').filter((row) => !seqWithPatents.has(row.company_seq));
    expect(coldStart.some((row) => listedBrns.has(row.biz_no))).toBe(true);
    expect(coldStart.some((row) => !listedBrns.has(row.biz_no))).toBe(true);
  });
});

describe('listed companies', () => {
  it('have tickers, prices and statements', () => {
    const tickers = new Set(table('KOR_ticker.csv').map((row) => row.종목코드));
    const priced = new Set(table('KOR_price_monthly_close.csv').map((row) => row.ticker));
    const reporting = new Set(
      table('KOR_fs_key_accounts_long.csv')
        .filter((row) => row.account === '매출액')
        .map((row) => row.ticker),
    );
    const fnguide = table('fnguide_utf.csv');
    expect(fnguide.length).toBe(120 * 5);
    for (const row of fnguide) {
      const ticker = (row.Symbol as string).slice(1);
      expect(tickers.has(ticker), ticker).toBe(true);
      expect(priced.has(ticker), ticker).toBe(true);
      expect(reporting.has(ticker), ticker).toBe(true);
    }
  });

  it('quote market cap as close times shares', () => {
    for (const row of table('KOR_ticker.csv')) {
      expect(Number(row.시가총액) % Number(row.종가)).toBe(0);
      expect(['KOSPI', 'KOSDAQ']).toContain(row.시장구분);
      if (row.EPS === 'NA') expect(row.PER).toBe('NA');
    }
  });

  it('keeps balance sheets balanced', () => {
    const byKey = new Map<string, Map<string, number>>();
    for (const row of table('KOR_fs_key_accounts_long.csv')) {
      const key = `${row.ticker} ${row.period}`;
      const values = byKey.get(key) ?? new Map<string, number>();
      values.set(row.account as string, Number(row.value_100m_krw));
      byKey.set(key, values);
    }
    for (const [key, v] of byKey) {
      expect(v.get('자산'), key).toBe((v.get('부채') ?? 0) + (v.get('자본') ?? 0));
      expect(v.get('자산'), key).toBe((v.get('유동자산') ?? 0) + (v.get('비유동자산') ?? 0));
      expect(v.get('매출총이익'), key).toBe((v.get('매출액') ?? 0) - (v.get('매출원가') ?? 0));
    }
  });
});

describe('unlisted statements', () => {
  it('include the hard cases', () => {
    const listed = new Set(
      table('exit_company_profiles.csv')
        .filter((r) => r.listed === 'true')
        .map((r) => r.brn),
    );
    const rows = table('exit_financial_statements.csv');
    const byBrn = new Map<string, Map<string, Map<string, number>>>();
    for (const row of rows) {
      expect(listed.has(row.brn), row.brn).toBe(false);
      const periods = byBrn.get(row.brn as string) ?? new Map<string, Map<string, number>>();
      const values = periods.get(row.period as string) ?? new Map<string, number>();
      values.set(row.account as string, Number(row.value_100m_krw));
      periods.set(row.period as string, values);
      byBrn.set(row.brn as string, periods);
    }
    const statements = [...byBrn.values()].flatMap((periods) => [...periods.values()]);
    expect(statements.some((v) => (v.get('당기순이익') ?? 0) < 0)).toBe(true);
    expect(statements.some((v) => (v.get('자본') ?? 0) < 0)).toBe(true);
    expect(statements.some((v) => v.get('부채') === 0)).toBe(true);
    const withGap = [...byBrn.values()].filter((periods) => {
      const years = [...periods.keys()].map((period) => Number(period.slice(0, 4)));
      return Math.max(...years) - Math.min(...years) + 1 > years.length;
    });
    expect(withGap.length).toBeGreaterThan(0);
    const unlistedCount = 400 - listed.size;
    expect(byBrn.size).toBeLessThan(unlistedCount);
  });
});

describe('interactions', () => {
  it('reference existing companies', () => {
    const brns = new Set(table('companies_tb24_100.csv').map((row) => row.biz_no));
    const rows = table('exit_interactions.csv');
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) {
      expect(brns.has(row.brn_a), row.brn_a).toBe(true);
      expect(brns.has(row.brn_b), row.brn_b).toBe(true);
      expect(row.brn_a).not.toBe(row.brn_b);
      expect(['co_application', 'partnership', 'm_and_a']).toContain(row.kind);
      expect(row.date).toMatch(/^20(1\d|2[0-3])-\d{2}-\d{2}$/);
    }
    expect(new Set(rows.map((row) => row.kind)).size).toBe(3);
  });

  it('back co-applications with patents', () => {
    const nameByBrn = new Map(
      table('companies_tb24_100.csv').map((row) => [
        row.biz_no,
        normalizeCompanyName(row.company_name as string),
      ]),
    );
    const patents = new Map(table('patents_kipris_plus.csv').map((row) => [row.ApplicationNumber, row]));
    for (const row of table('exit_interactions.csv').filter((r) => r.kind === 'co_application')) {
      const patent = patents.get(row.reference);
      if (!patent) throw new Error(`No patent ${row.reference} for a co-application`);
      const applicants = (patent.Applicant ?? '').split('|').map(normalizeCompanyName);
      expect(applicants[0]).toBe(nameByBrn.get(row.brn_a));
      expect(applicants).toContain(nameByBrn.get(row.brn_b));
      expect(patent.ApplicationDate).toBe(row.date?.replaceAll('-', ''));
    }
  });

  it('come from affinity pairs only', () => {
    const pairs = new Set(table('truth/affinity.csv').map((row) => [row.brn_a, row.brn_b].sort().join(' ')));
    for (const row of table('exit_interactions.csv')) {
      expect(pairs.has([row.brn_a, row.brn_b].sort().join(' '))).toBe(true);
    }
  });
});

describe('technology drift', () => {
  it('moves the area mix of some companies', () => {
    const byBrn = new Map<string, Map<number, Map<string, number>>>();
    for (const row of table('truth/tech_mix.csv')) {
      const years = byBrn.get(row.brn as string) ?? new Map<number, Map<string, number>>();
      const mix = years.get(Number(row.year)) ?? new Map<string, number>();
      mix.set(row.area as string, Number(row.weight));
      years.set(Number(row.year), mix);
      byBrn.set(row.brn as string, years);
    }
    let drifted = 0;
    for (const years of byBrn.values()) {
      const first = years.get(Math.min(...years.keys())) as Map<string, number>;
      const last = years.get(Math.max(...years.keys())) as Map<string, number>;
      let distance = 0;
      for (const area of new Set([...first.keys(), ...last.keys()])) {
        distance += Math.abs((first.get(area) ?? 0) - (last.get(area) ?? 0));
      }
      if (distance > 0.3) drifted++;
    }
    expect(drifted).toBeGreaterThan(40);
    expect(drifted).toBeLessThan(byBrn.size);
  });

  it('shows in IPC codes of heavy filers over time', () => {
    const areaByIpc = new Map<string, string>();
    for (const row of table('truth/areas.csv')) {
      for (const code of (row.ipc as string).split('|')) areaByIpc.set(code, row.area as string);
    }
    const byApplicant = new Map<string, Row[]>();
    for (const row of table('patents_kipris_plus.csv')) {
      const rows = byApplicant.get(row.applicant_no as string) ?? [];
      rows.push(row);
      byApplicant.set(row.applicant_no as string, rows);
    }
    let shifted = 0;
    for (const rows of byApplicant.values()) {
      if (rows.length < 40) continue;
      rows.sort((a, b) => ((a.ApplicationDate as string) < (b.ApplicationDate as string) ? -1 : 1));
      const share = (part: Row[]) => {
        const counts = new Map<string, number>();
        for (const row of part) {
          const area = areaByIpc.get(
            (row.InternationalpatentclassificationNumber as string).split('|')[0] as string,
          );
          if (area) counts.set(area, (counts.get(area) ?? 0) + 1 / part.length);
        }
        return counts;
      };
      const early = share(rows.slice(0, Math.floor(rows.length / 3)));
      const late = share(rows.slice(-Math.floor(rows.length / 3)));
      let distance = 0;
      for (const area of new Set([...early.keys(), ...late.keys()])) {
        distance += Math.abs((early.get(area) ?? 0) - (late.get(area) ?? 0));
      }
      if (distance > 0.4) shifted++;
    }
    expect(shifted).toBeGreaterThan(0);
  });
});
