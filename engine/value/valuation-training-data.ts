import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Float64, Schema, Table, tableToIPC, Utf8, type Vector, vectorFromArray } from 'apache-arrow';
import type { Logger } from '../../core/logger.js';
import type { Store } from '../../data/store/connect.js';
import { FEATURE_NAMES, regressionFeatures } from './features.js';
import { GROWTH_ITEMS } from './growth.js';
import { loadListedUniverse } from './listed-universe.js';
import { loadMarketData } from './market-data.js';
import { DEFAULT_VALUATION_OPTIONS } from './options.js';
import { splitOf } from './valuation-model.js';

/**
 * Training data for the growth model and the market-value regression, written as two Apache Arrow
 * IPC files that Python reads with pyarrow. Both carry the schema name and version in their schema
 * metadata, and the layout is documented in models/README.md. Bump the version whenever a column or
 * its meaning changes.
 *
 * - `valuation-statements.arrow`: one row per listed company and fiscal year, amounts in KRW.
 * - `valuation-companies.arrow`: one row per listed company with statements, with the regression
 *   features exactly as `regressionFeatures` computes them for serving, and the market cap.
 */
export const VALUATION_DATA_SCHEMA = 'exit.valuation-data';
export const VALUATION_DATA_SCHEMA_VERSION = 1;
export const STATEMENTS_FILE = 'valuation-statements.arrow';
export const COMPANIES_FILE = 'valuation-companies.arrow';

/** Statement items exported per fiscal year: the growth items plus total assets. */
const STATEMENT_COLUMNS = [...GROWTH_ITEMS, 'assets'] as const;

export interface ValuationDataSummary {
  statementsPath: string;
  companiesPath: string;
  companies: number;
  fiscalYears: number;
  asOf: string;
  /** SHA-256 of both files, the training-data hash the model metadata records. */
  sha256: string;
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function writeArrow(path: string, columns: Record<string, Vector>, metadata: Map<string, string>): Buffer {
  const plain = new Table(columns);
  const table = new Table(new Schema(plain.schema.fields, metadata), plain.batches);
  const bytes = Buffer.from(tableToIPC(table, 'file'));
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
  return bytes;
}

/**
 * Writes both files to `outDir` from the listed companies in the store, with statements up to the
 * valuation date (default: the latest stored month-end price date, as the valuation model uses).
 */
export async function exportValuationData(
  store: Store,
  options: { outDir: string; asOf?: string; logger: Logger },
): Promise<ValuationDataSummary> {
  const market = await loadMarketData(store.db, options.asOf);
  const listed = await loadListedUniverse(store.db, market, {
    beta: {
      windowMonths: DEFAULT_VALUATION_OPTIONS.windowMonths,
      minMonths: DEFAULT_VALUATION_OPTIONS.minMonths,
      blume: DEFAULT_VALUATION_OPTIONS.blume,
      maxAbsLogReturn: Math.log(3),
    },
    includeLocalIncomeTax: DEFAULT_VALUATION_OPTIONS.includeLocalIncomeTax,
  });
  const rows = [...listed.values()]
    .filter((row) => row.years.length > 0)
    .sort((a, b) => a.company.id - b.company.id);

  const keyOf = (row: (typeof rows)[number]) => row.company.ticker ?? `id:${row.company.id}`;
  const yearRows = rows.flatMap((row) => row.years.map((year) => ({ row, year })));
  const statementColumns: Record<string, Vector> = {
    company: vectorFromArray(
      yearRows.map(({ row }) => keyOf(row)),
      new Utf8(),
    ),
    sector: vectorFromArray(
      yearRows.map(({ row }) => row.company.sector),
      new Utf8(),
    ),
    split: vectorFromArray(
      yearRows.map(({ row }) => splitOf(row.company)),
      new Utf8(),
    ),
    period: vectorFromArray(
      yearRows.map(({ year }) => year.period),
      new Utf8(),
    ),
  };
  for (const item of STATEMENT_COLUMNS) {
    statementColumns[`${snakeCase(item)}_krw`] = vectorFromArray(
      yearRows.map(({ year }) => year.items[item] ?? null),
      new Float64(),
    );
  }

  const features = rows.map((row) => regressionFeatures(row.years));
  const companyColumns: Record<string, Vector> = {
    company: vectorFromArray(rows.map(keyOf), new Utf8()),
    sector: vectorFromArray(
      rows.map((row) => row.company.sector),
      new Utf8(),
    ),
    split: vectorFromArray(
      rows.map((row) => splitOf(row.company)),
      new Utf8(),
    ),
    latest_period: vectorFromArray(
      rows.map((row) => row.years[row.years.length - 1]?.period ?? null),
      new Utf8(),
    ),
    latest_revenue_krw: vectorFromArray(
      rows.map((row) => row.years[row.years.length - 1]?.items.revenue ?? null),
      new Float64(),
    ),
    market_cap_krw: vectorFromArray(
      rows.map((row) => row.marketCap?.marketCapKrw ?? null),
      new Float64(),
    ),
  };
  FEATURE_NAMES.forEach((name, j) => {
    companyColumns[`f_${name}`] = vectorFromArray(
      features.map((outcome) => (outcome.status === 'ok' ? (outcome.values[j] as number) : null)),
      new Float64(),
    );
  });

  const metadata = new Map([
    ['exit.schema', VALUATION_DATA_SCHEMA],
    ['exit.schema_version', String(VALUATION_DATA_SCHEMA_VERSION)],
    ['exit.as_of', market.asOf],
    ['exit.feature_names', JSON.stringify(FEATURE_NAMES)],
  ]);
  mkdirSync(options.outDir, { recursive: true });
  const statementsPath = join(options.outDir, STATEMENTS_FILE);
  const companiesPath = join(options.outDir, COMPANIES_FILE);
  const hash = createHash('sha256');
  hash.update(writeArrow(statementsPath, statementColumns, metadata));
  hash.update(writeArrow(companiesPath, companyColumns, metadata));
  const summary: ValuationDataSummary = {
    statementsPath,
    companiesPath,
    companies: rows.length,
    fiscalYears: yearRows.length,
    asOf: market.asOf,
    sha256: hash.digest('hex'),
  };
  options.logger.info(summary, 'Valuation training data exported');
  return summary;
}
