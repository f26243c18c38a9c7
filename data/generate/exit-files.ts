/**
 * EXIT-native files for what the public sources lack: statements of unlisted companies and the
 * company-to-company interactions used to measure Recall@K. Formats are described in FORMATS.md.
 */
import { join } from 'node:path';
import type { Company, Timeline } from './companies.js';
import {
  buildStatements,
  type FinancialCase,
  formatHundredMillion,
  reportedYears,
  UNLISTED_ACCOUNTS,
} from './financials.js';
import type { Interaction } from './interactions.js';
import { baseRateOn, type MarketSeries } from './market-series.js';
import { Rng } from './prng.js';
import { CsvFileWriter, writeCsv } from './writers.js';

export const UNLISTED_STATEMENT_HEADER = ['brn', 'account', 'period', 'value_100m_krw'];
export const INTERACTION_HEADER = ['brn_a', 'brn_b', 'kind', 'date', 'reference'];

/** Streams the statements of every unlisted company and returns the number of rows. */
export async function writeUnlistedStatements(
  outDir: string,
  seed: number,
  companies: readonly Company[],
  cases: readonly FinancialCase[],
  series: MarketSeries,
  timeline: Timeline,
): Promise<number> {
  const writer = await CsvFileWriter.open(
    join(outDir, 'exit_financial_statements.csv'),
    UNLISTED_STATEMENT_HEADER,
  );
  const baseRate = (year: number) => baseRateOn(series, `${year}0630`);
  for (const company of companies) {
    if (company.listed) continue;
    const rng = Rng.derive(seed, 'statements', company.index);
    const entry = cases[company.index] as FinancialCase;
    const statements = buildStatements(
      company,
      entry,
      reportedYears(company, timeline.endYear, entry, rng),
      baseRate,
      rng,
    );
    for (const account of UNLISTED_ACCOUNTS) {
      for (const statement of statements) {
        const value = statement.values.get(account);
        if (value === undefined) continue;
        await writer.write([
          company.brn,
          account,
          `${statement.year}.12`,
          formatHundredMillion(value, false),
        ]);
      }
    }
  }
  await writer.close();
  return writer.rowsWritten;
}

function isoDate(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Writes exit_interactions.csv ordered by date, then by the two BRNs, and returns the number of rows. */
export async function writeInteractions(
  outDir: string,
  companies: readonly Company[],
  interactions: readonly Interaction[],
): Promise<number> {
  const rows = interactions.map((interaction) => {
    if (!interaction.date) {
      throw new Error(`Interaction between companies ${interaction.a} and ${interaction.b} has no date`);
    }
    return [
      (companies[interaction.a] as Company).brn,
      (companies[interaction.b] as Company).brn,
      interaction.kind,
      isoDate(interaction.date),
      interaction.reference,
    ];
  });
  rows.sort((x, y) => {
    for (const k of [3, 0, 1, 2]) {
      const a = x[k] as string;
      const b = y[k] as string;
      if (a !== b) return a < b ? -1 : 1;
    }
    return 0;
  });
  return writeCsv(join(outDir, 'exit_interactions.csv'), INTERACTION_HEADER, rows);
}
