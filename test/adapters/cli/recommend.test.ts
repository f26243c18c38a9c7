import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeCompanyName } from '../../../data/identity/names.js';
import { createDemoFixture, type DemoFixture } from '../../support/demo-fixture.js';
import { runCli } from '../../support/run-cli.js';

interface CompanyRow {
  id: number;
  name: string;
  brn: string | null;
  ticker: string | null;
  listed: boolean;
  patentCount: number;
}

describe('exitbot recommend and companies', () => {
  let fixture: DemoFixture;
  let companies: CompanyRow[];

  beforeAll(async () => {
    fixture = await createDemoFixture();
    const listing = await runCli(['companies', '--limit', '500', '--format', 'json'], fixture.env);
    companies = (JSON.parse(listing.stdout) as { companies: CompanyRow[] }).companies;
  });
  afterAll(async () => {
    await fixture?.dispose();
  });

  it('lists companies with patent counts, most patents first', () => {
    // 150 generated companies plus co-applicants known only by name (people and unregistered applicants).
    expect(companies.length).toBeGreaterThanOrEqual(150);
    const counts = companies.map((c) => c.patentCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(companies.some((c) => c.listed)).toBe(true);
    expect(companies.some((c) => !c.listed)).toBe(true);
  });

  it('returns the JSON contract for a BRN', async () => {
    const requester = companies.find((c) => c.brn && !c.listed && c.patentCount > 5) as CompanyRow;
    const run = await runCli(
      ['recommend', requester.brn as string, '--format', 'json', '--top', '3'],
      fixture.env,
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.requester).toMatchObject({ id: requester.id, name: requester.name, brn: requester.brn });
    expect(result.requester).toHaveProperty('sector');
    expect(result.requester).toHaveProperty('ticker');
    expect(result.requester).toHaveProperty('valuation');
    expect(result.partners.length).toBeGreaterThan(0);
    expect(result.partners.length).toBeLessThanOrEqual(3);
    for (const [i, partner] of result.partners.entries()) {
      expect(partner.rank).toBe(i + 1);
      expect(partner.id).not.toBe(requester.id);
      for (const key of ['name', 'brn', 'ticker', 'sector', 'score', 'hitCount', 'evidence']) {
        expect(partner).toHaveProperty(key);
      }
      expect(partner.valuation).toMatchObject({ currency: 'KRW', method: 'market_cap' });
      expect(partner.valuation.value).toBeGreaterThan(0);
      expect(partner.evidence.length).toBeGreaterThan(0);
      const patent = partner.evidence.find((item: { kind: string }) => item.kind === 'patent');
      if (patent) {
        expect(patent.applicationNo).toMatch(/^\d{13}$/);
        expect(patent.title.length).toBeGreaterThan(0);
        expect(patent.similarity).toBeGreaterThan(-1);
      }
    }
    const stages = result.models.map((model: { stage: string }) => model.stage);
    expect(stages).toEqual(['summarizer', 'embedder', 'next_vector', 'growth', 'market_value']);
    expect(result.models[2].fallback).toBe(true);
  });

  it('orders partners by hit count, then best similarity', async () => {
    const requester = companies.find((c) => c.brn && c.patentCount > 5) as CompanyRow;
    const run = await runCli(
      ['recommend', requester.brn as string, '--format', 'json', '--top', '10', '--no-valuation-filter'],
      fixture.env,
    );
    const partners = JSON.parse(run.stdout).partners as { hitCount: number; bestSimilarity: number }[];
    for (let i = 1; i < partners.length; i++) {
      const previous = partners[i - 1] as { hitCount: number; bestSimilarity: number };
      const current = partners[i] as { hitCount: number; bestSimilarity: number };
      expect(
        previous.hitCount > current.hitCount ||
          (previous.hitCount === current.hitCount && previous.bestSimilarity >= current.bestSimilarity),
      ).toBe(true);
    }
  });

  it('accepts a ticker and prints a readable table', async () => {
    const listed = companies.find((c) => c.ticker) as CompanyRow;
    const run = await runCli(['recommend', listed.ticker as string], fixture.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Partners for ${listed.name}`);
    expect(run.stdout).toContain('Best sim');
  });

  it('exits 2 with the check-digit problem for an invalid BRN', async () => {
    const run = await runCli(['recommend', '124-81-00997'], fixture.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('check digit');
    expect(run.stderr).toContain('should be 8');
  });

  it('exits 3 with the closest names for an unknown company', async () => {
    const someone = companies[0] as CompanyRow;
    const misspelt = `${someone.name.slice(0, 2)}없는회사이름`;
    const run = await runCli(['recommend', misspelt, '--format', 'json'], fixture.env);
    expect(run.code).toBe(3);
    const error = JSON.parse(run.stdout).error;
    expect(error.code).toBe('COMPANY_NOT_FOUND');
    expect(Array.isArray(error.closest)).toBe(true);
    expect(error.closest.length).toBeGreaterThan(0);
  });

  it('exits 3 for a valid BRN that is not in the data', async () => {
    const run = await runCli(['recommend', '124-81-00998'], fixture.env);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('124-81-00998');
  });

  it('exits 2 and lists candidates for an ambiguous name', async () => {
    // Every generated name is at least two syllables; a one-syllable fragment shared by several companies is ambiguous.
    const counts = new Map<string, number>();
    for (const c of companies)
      for (const ch of new Set(normalizeCompanyName(c.name))) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const common = [...counts.entries()]
      .filter(([ch]) => /[가-힣]/.test(ch))
      .sort((a, b) => b[1] - a[1])[0]?.[0] as string;
    const run = await runCli(['recommend', common, '--format', 'json'], fixture.env);
    expect(run.code).toBe(2);
    const error = JSON.parse(run.stdout).error;
    expect(error.code).toBe('AMBIGUOUS_COMPANY');
    expect(error.candidates.length).toBeGreaterThan(1);
  });

  it('exits 2 for an unknown sector and lists the known ones', async () => {
    const requester = companies.find((c) => c.brn) as CompanyRow;
    const run = await runCli(['recommend', requester.brn as string, '--sector', 'astrology'], fixture.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown sector "astrology"');
    expect(run.stderr).toContain('bio (바이오/헬스케어)');
  });

  it('honours a Korean sector alias', async () => {
    const requester = companies.find((c) => c.brn && c.patentCount > 0) as CompanyRow;
    const run = await runCli(
      [
        'recommend',
        requester.brn as string,
        '--sector',
        '반도체',
        '--format',
        'json',
        '--no-valuation-filter',
      ],
      fixture.env,
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.query.sector).toBe('semiconductor');
    for (const partner of result.partners) expect(partner.sector).toBe('semiconductor');
  });

  it('says so when filters leave fewer than K partners', async () => {
    const richest = companies.find((c) => c.listed && c.brn) as CompanyRow;
    const run = await runCli(
      ['recommend', richest.brn as string, '--top', '50', '--format', 'json'],
      fixture.env,
    );
    const result = JSON.parse(run.stdout);
    if (result.partners.length < 50) {
      expect(result.notes.join(' ')).toMatch(/Only \d+ of the 50 requested partners passed the filters/);
    }
  });

  it('rejects a bad --top and --format', async () => {
    expect((await runCli(['recommend', 'x', '--top', '0'], fixture.env)).code).toBe(2);
    expect((await runCli(['recommend', 'x', '--format', 'xml'], fixture.env)).code).toBe(2);
  });

  it('exits 4 with rebuild advice when the index is missing', async () => {
    const run = await runCli(['recommend', 'id:1'], {
      ...fixture.env,
      EXIT_DATA_DIR: `${fixture.dir}/nowhere`,
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('exitbot index build');
  });

  it('exits 78 naming the invalid variable', async () => {
    const run = await runCli(['companies'], { ...fixture.env, EXIT_TOP_K: 'many' });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('EXIT_TOP_K');
  });
});
