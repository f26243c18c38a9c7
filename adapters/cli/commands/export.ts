import type { Command } from 'commander';
import { exportTrainingData } from '../../../engine/predict/training-data.js';
import { withRuntime } from '../runtime.js';
import { registerValuationDataExport } from './export-valuation.js';

export function registerExport(program: Command): void {
  const exportCommand = program.command('export').description('Export data for model training');
  exportCommand
    .command('training-data')
    .description(
      "Write every company's indexed patent vectors in filing order to <dir>/patent-sequences.arrow (Apache Arrow IPC; format in models/README.md)",
    )
    .requiredOption('-o, --out <dir>', 'output folder, created when missing')
    .action(async (options: { out: string }) => {
      await withRuntime(async ({ config, logger, store }) => {
        const summary = await exportTrainingData(store, {
          dataDir: config.dataDir,
          outDir: options.out,
          logger,
        });
        process.stdout.write(
          `Wrote ${summary.rows} patent rows of ${summary.companies} companies to ${summary.path} ` +
            `(${summary.dimension}-d vectors, space ${summary.spaceId}).\n`,
        );
      });
    });
  registerValuationDataExport(exportCommand);
}
