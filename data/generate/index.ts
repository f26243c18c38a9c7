/**
 * Deterministic demo-dataset generator. Writes, under one folder, files in the layouts of the real
 * KIPRIS, FnGuide, KRX, DART, KIND, Naver and ECOS exports plus EXIT's own profile, statement and
 * interaction files, and the ground truth under truth/. The same options give byte-identical files.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCompanies, type Timeline } from './companies.js';
import { writeCompanyFiles } from './company-files.js';
import { writeInteractions, writeUnlistedStatements } from './exit-files.js';
import { assignFinancialCases } from './financials.js';
import { planInteractions } from './interactions.js';
import { writeListedQuoteFiles, writeListedStatementsAndPrices } from './listed-market.js';
import { writeListedRegistryFiles } from './listed-registry.js';
import { buildMarketSeries, writeEcosFiles } from './market-series.js';
import { writePatents } from './patents.js';
import { writeTruthFiles } from './truth.js';

export interface GenerateOptions {
  companies: number;
  seed: number;
  outDir: string;
  /** First year of patents, prices and index series; default 2010. */
  startYear?: number;
  /** Last year of the dataset, inclusive; default 2023. */
  endYear?: number;
  onProgress?: (done: number, total: number, stage: string) => void;
}

export interface GenerateSummary {
  companies: number;
  listed: number;
  unlisted: number;
  patents: number;
  interactions: number;
  /** Files written, relative to outDir, in writing order. */
  files: string[];
}

export const DEFAULT_START_YEAR = 2010;
export const DEFAULT_END_YEAR = 2023;
/** Progress is reported every this many companies in the long stages. */
const PROGRESS_STEP = 500;

function validate(options: GenerateOptions): Timeline {
  const { companies, seed } = options;
  const startYear = options.startYear ?? DEFAULT_START_YEAR;
  const endYear = options.endYear ?? DEFAULT_END_YEAR;
  if (!Number.isInteger(companies) || companies < 1) {
    throw new RangeError(`companies must be a positive integer, got ${companies}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  if (!Number.isInteger(startYear) || !Number.isInteger(endYear) || startYear < 1990 || endYear > 2050) {
    throw new RangeError(
      `startYear and endYear must be integers within 1990..2050, got ${startYear}..${endYear}`,
    );
  }
  if (endYear - startYear < 5) {
    throw new RangeError(
      `endYear must be at least five years after startYear (statements span five years), got ${startYear}..${endYear}`,
    );
  }
  if (!options.outDir) throw new RangeError('outDir is required');
  return { startYear, endYear };
}

/**
 * Generates the dataset into `options.outDir` (created when missing; existing files of the same
 * names are overwritten). Patents and statements are streamed, so memory grows with the number of
 * companies but not with the number of patents.
 */
export async function generateDataset(options: GenerateOptions): Promise<GenerateSummary> {
  const timeline = validate(options);
  const { seed, outDir } = options;
  const total = options.companies;
  const report = (done: number, stage: string) => options.onProgress?.(done, total, stage);
  const stepper = (stage: string) => (done: number) => {
    if (done % PROGRESS_STEP === 0 || done === total) report(done, stage);
  };
  await mkdir(join(outDir, 'truth'), { recursive: true });
  const files: string[] = [];

  report(0, 'companies');
  const companies = buildCompanies(seed, total, timeline);
  report(total, 'companies');
  const series = buildMarketSeries(seed, timeline);
  const cases = assignFinancialCases(seed, companies, timeline.endYear);

  report(0, 'interactions');
  const plan = planInteractions(seed, companies, timeline);
  report(total, 'interactions');

  files.push(...(await writeCompanyFiles(outDir, seed, companies, timeline)));
  const patents = await writePatents(outDir, seed, companies, plan, timeline, stepper('patents'));
  files.push('patents_kipris_plus.csv');

  files.push(...(await writeEcosFiles(outDir, series, timeline)));
  let listedDone = 0;
  const listedTotal = companies.filter((c) => c.listed).length;
  const records = await writeListedStatementsAndPrices(
    outDir,
    seed,
    companies,
    cases,
    series,
    timeline,
    () => {
      listedDone++;
      if (listedDone % PROGRESS_STEP === 0 || listedDone === listedTotal)
        options.onProgress?.(listedDone, listedTotal, 'listed');
    },
  );
  files.push('KOR_fs_key_accounts_long.csv', 'KOR_price_monthly_close.csv');
  files.push(...(await writeListedQuoteFiles(outDir, seed, records)));
  files.push(...(await writeListedRegistryFiles(outDir, seed, records, timeline)));

  report(0, 'statements');
  await writeUnlistedStatements(outDir, seed, companies, cases, series, timeline);
  files.push('exit_financial_statements.csv');
  report(total, 'statements');
  const interactions = await writeInteractions(outDir, companies, plan.interactions);
  files.push('exit_interactions.csv');

  report(0, 'truth');
  files.push(...(await writeTruthFiles(join(outDir, 'truth'), companies, plan, records, timeline)));
  report(total, 'truth');

  return {
    companies: total,
    listed: listedTotal,
    unlisted: total - listedTotal,
    patents,
    interactions,
    files,
  };
}
