import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type GenerateSummary, generateDataset } from '../../../data/generate/index.js';

export interface GeneratedDataset {
  dir: string;
  summary: GenerateSummary;
}

/** Generates a dataset into a fresh temporary folder. */
export async function generateInTemp(companies: number, seed: number): Promise<GeneratedDataset> {
  const dir = await mkdtemp(join(tmpdir(), 'exit-generate-'));
  const summary = await generateDataset({ companies, seed, outDir: dir });
  return { dir, summary };
}

/** Reads a generated CSV file into records keyed by header. */
export async function readRecords(path: string): Promise<Record<string, string>[]> {
  return parse(await readFile(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
}

/** Reads the first line of a file, without its line ending. */
export async function firstLine(path: string): Promise<string> {
  const text = await readFile(path, 'utf8');
  return text.slice(0, text.indexOf('\n')).replace(/\r$/, '');
}
