import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate/index.js';
import { type GeneratedDataset, generateInTemp, readRecords } from './fixture.js';

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) names.push(...(await listFiles(dir, relative)));
    else names.push(relative);
  }
  return names.sort();
}

describe('generateDataset determinism', () => {
  let first: GeneratedDataset;
  let second: GeneratedDataset;
  let other: GeneratedDataset;

  beforeAll(async () => {
    first = await generateInTemp(150, 7);
    second = await generateInTemp(150, 7);
    other = await generateInTemp(150, 8);
  });

  afterAll(async () => {
    for (const dataset of [first, second, other]) await rm(dataset.dir, { recursive: true, force: true });
  });

  it('writes byte-identical files for the same seed', async () => {
    const files = await listFiles(first.dir);
    expect(await listFiles(second.dir)).toEqual(files);
    for (const file of files) {
      const a = await readFile(join(first.dir, file));
      const b = await readFile(join(second.dir, file));
      expect(a.equals(b), file).toBe(true);
    }
  });

  it('writes different data for another seed', async () => {
    for (const file of ['companies_tb24_100.csv', 'patents_kipris_plus.csv', 'KOR_price_monthly_close.csv']) {
      const a = await readFile(join(first.dir, file));
      const b = await readFile(join(other.dir, file));
      expect(a.equals(b), file).toBe(false);
    }
  });

  it('lists every written file in the summary', async () => {
    expect([...first.summary.files].sort()).toEqual(await listFiles(first.dir));
  });

  it('reports counts that match the files', async () => {
    const { summary, dir } = first;
    expect(summary.companies).toBe(150);
    expect(summary.listed + summary.unlisted).toBe(150);
    expect(summary.listed).toBe(45);
    expect((await readRecords(join(dir, 'patents_kipris_plus.csv'))).length).toBe(summary.patents);
    expect((await readRecords(join(dir, 'exit_interactions.csv'))).length).toBe(summary.interactions);
    expect((await readRecords(join(dir, 'KOR_ticker.csv'))).length).toBe(summary.listed);
  });
});

describe('generateDataset options', () => {
  it('reports progress per stage', async () => {
    const events: [number, number, string][] = [];
    const dir = (await generateInTemp(1, 1)).dir;
    await generateDataset({
      companies: 60,
      seed: 3,
      outDir: dir,
      onProgress: (d, t, s) => events.push([d, t, s]),
    });
    const stages = new Set(events.map((event) => event[2]));
    for (const stage of ['companies', 'interactions', 'patents', 'listed', 'statements', 'truth']) {
      expect(stages.has(stage), stage).toBe(true);
    }
    const lastPatents = events.filter((event) => event[2] === 'patents').at(-1);
    expect(lastPatents?.[0]).toBe(60);
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [{ companies: 0, seed: 1 }, /companies must be a positive integer/],
    [{ companies: 2.5, seed: 1 }, /companies must be a positive integer/],
    [{ companies: 10, seed: -1 }, /seed must be an integer/],
    [{ companies: 10, seed: 1, startYear: 2020, endYear: 2022 }, /at least five years/],
    [{ companies: 10, seed: 1, startYear: 1980 }, /within 1990..2050/],
  ])('rejects invalid options %o', async (options, message) => {
    await expect(generateDataset({ outDir: '/nonexistent-exit-test', ...options })).rejects.toThrow(message);
  });

  it('honours a custom timeline', async () => {
    const dir = (await generateInTemp(1, 1)).dir;
    await generateDataset({ companies: 40, seed: 5, outDir: dir, startYear: 2015, endYear: 2021 });
    const patents = await readRecords(join(dir, 'patents_kipris_plus.csv'));
    const years = patents.map((row) => Number(row.ApplicationDate?.slice(0, 4)));
    expect(Math.min(...years)).toBeGreaterThanOrEqual(2015);
    expect(Math.max(...years)).toBeLessThanOrEqual(2021);
    const index = await readRecords(join(dir, 'kospi_index_daily.csv'));
    expect(index[0]?.TIME?.startsWith('2015')).toBe(true);
    expect(index.at(-1)?.TIME?.startsWith('2021')).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });
});
