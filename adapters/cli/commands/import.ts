import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ExitError, quoteValue } from '../../../core/errors.js';
import { formatImportReport, importPath } from '../../../data/import/index.js';
import { updateIndex } from '../../../engine/indexing/update.js';
import { StageProgress } from '../progress.js';
import { withRuntime } from '../runtime.js';
import { parseFormat, writeJson } from './options.js';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'Import KIPRIS, DART, KRX, ECOS and EXIT files from a folder or a file, recognised by their headers',
    )
    .argument('<path>', 'a folder (walked recursively) or a single CSV file')
    .option('-f, --format <format>', 'report format: text or json', 'text')
    .option('--no-index-update', 'do not add new patents and profiles to an existing search index')
    .option(
      '--skip-imported',
      'skip files whose content (sha256) and format were already imported, for example to continue an interrupted import',
    )
    .action(
      async (path: string, options: { format: string; indexUpdate: boolean; skipImported?: boolean }) => {
        const format = parseFormat(options.format);
        const target = resolve(path);
        if (!existsSync(target))
          throw new ExitError(
            'INVALID_INPUT',
            `Nothing to import: ${quoteValue(target, 300)} does not exist. Give a CSV file or a folder of them.`,
          );
        await withRuntime(async ({ config, logger, store }) => {
          const progress = new StageProgress();
          const report = await importPath(store, target, {
            logger,
            skipImported: options.skipImported === true,
            onProgress: ({ file, rowsDone, rowsTotal }) => progress.update(file, rowsDone, rowsTotal ?? 0),
          });
          progress.stop();
          let indexNote = '';
          if (options.indexUpdate) {
            const update = await updateIndex(store, {
              dataDir: config.dataDir,
              patentIds: report.newOrChangedPatentIds,
              companyIds: report.changedProfileCompanyIds,
              summarizer: config.summarizer,
              logger,
            });
            indexNote = update.updated
              ? `Search index updated: ${update.patentsAdded} patents and ${update.profilesAdded} company profiles added.`
              : 'No search index yet: run `exitbot index build` to make the data searchable.';
          }
          if (format === 'json') writeJson({ ...report, index: indexNote });
          else process.stdout.write(`${formatImportReport(report)}\n${indexNote}\n`);
          if (report.files.some((file) => file.status === 'failed')) {
            throw new ExitError(
              'IMPORT_FAILED',
              'Some files failed to import and were rolled back; see the report above.',
            );
          }
        });
      },
    );
}
