import type { Command } from 'commander';
import { exportValuationData } from '../../../engine/value/valuation-training-data.js';
import { withRuntime } from '../runtime.js';

/** Adds `export valuation-data`, the input of the growth model and the market-value regression. */
export function registerValuationDataExport(exportCommand: Command): void {
  exportCommand
    .command('valuation-data')
    .description(
      "Write listed companies' statement histories, regression features and market caps to " +
        '<dir>/valuation-statements.arrow and <dir>/valuation-companies.arrow (Apache Arrow IPC; format in models/README.md)',
    )
    .requiredOption('-o, --out <dir>', 'output folder, created when missing')
    .option('--as-of <date>', 'valuation date, YYYY-MM-DD; default the latest stored month-end price date')
    .action(async (options: { out: string; asOf?: string }) => {
      await withRuntime(async ({ logger, store }) => {
        const summary = await exportValuationData(store, {
          outDir: options.out,
          ...(options.asOf ? { asOf: options.asOf } : {}),
          logger,
        });
        process.stdout.write(
          `Wrote ${summary.fiscalYears} fiscal years of ${summary.companies} listed companies ` +
            `(valuation date ${summary.asOf}) to ${summary.statementsPath} and ${summary.companiesPath}; ` +
            `sha256 ${summary.sha256}.\n`,
        );
      });
    });
}
