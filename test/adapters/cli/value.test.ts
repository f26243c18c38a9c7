import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoFixture, type DemoFixture } from '../../support/demo-fixture.js';
import { runCli } from '../../support/run-cli.js';

interface CompanyRow {
  id: number;
  name: string;
  listed: boolean;
}

describe('exitbot value', () => {
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

  it('prints the JSON breakdown of a listed company and writes the chart', async () => {
    const listed = companies.find((company) => company.listed) as CompanyRow;
    const chart = join(fixture.dir, 'listed.png');
    const run = await runCli(['value', `id:${listed.id}`, '--format', 'json', '--chart', chart], fixture.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const breakdown = JSON.parse(run.stdout);
    expect(breakdown.company.id).toBe(listed.id);
    expect(breakdown.valuedAs).toBe('listed');
    expect(breakdown.chosen.method).toBe('market_cap');
    for (const key of [
      'beta',
      'comparables',
      'tax',
      'discountRate',
      'growth',
      'methods',
      'summary',
      'fallbacks',
    ]) {
      expect(breakdown).toHaveProperty(key);
    }
    expect(existsSync(chart)).toBe(true);
    expect([...readFileSync(chart).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('prints a text report for an unlisted company', async () => {
    const unlisted = companies.find((company) => !company.listed) as CompanyRow;
    const run = await runCli(['value', `id:${unlisted.id}`, '--hamada', 'reference', '--blume'], fixture.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Valuation of /);
    expect(run.stdout).toContain('valued as unlisted');
    expect(run.stdout).toContain('Discount rate (CAPM)');
    // The committed growth model is loaded, so no growth fallback is named.
    expect(run.stdout).not.toContain('Fallback: growth');
  });

  it('rejects an invalid option with exit code 2', async () => {
    const run = await runCli(['value', `id:${companies[0]?.id}`, '--hamada', 'other'], fixture.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: --hamada must be textbook or reference, got "other".\n');
  });
});
