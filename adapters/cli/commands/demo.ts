import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { generateDataset } from '../../../data/generate/index.js';
import { formatImportReport, importPath } from '../../../data/import/index.js';
import { listCompanies } from '../../../data/store/company-queries.js';
import type { Store } from '../../../data/store/connect.js';
import { Engine } from '../../../engine/engine.js';
import { indexDir, manifestPath } from '../../../engine/indexing/artifacts.js';
import { buildIndex } from '../../../engine/indexing/build.js';
import { StageProgress } from '../progress.js';
import { renderRecommendationText } from '../render/recommendation.js';
import { withRuntime } from '../runtime.js';
import { parsePositiveInt } from './options.js';

/** Size and seed of the default demo dataset. */
export const DEMO_COMPANIES = 3000;
export const DEMO_SEED = 7;

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'Generate the demo dataset, import it, build the index and show one recommendation (each step is skipped when already done)',
    )
    .option('-c, --companies <n>', 'companies in the generated dataset', String(DEMO_COMPANIES))
    .option('--company <query>', 'company to recommend for (default: the one with the most patents)')
    .action(async (options: { companies: string; company?: string }) => {
      const companies = parsePositiveInt('--companies', options.companies, 1_000_000);
      await withRuntime(async ({ config, logger, store }) => {
        const progress = new StageProgress();
        const dataFolder = resolve(config.dataDir, `demo-data-${companies}-seed${DEMO_SEED}`);
        if (!existsSync(join(dataFolder, 'patents_kipris_plus.csv'))) {
          process.stdout.write(`1/4 Generating ${companies} companies into ${dataFolder}\n`);
          await generateDataset({
            companies,
            seed: DEMO_SEED,
            outDir: dataFolder,
            onProgress: (done, total, stage) => progress.update(stage, done, total),
          });
          progress.stop();
        } else {
          process.stdout.write(`1/4 Using the generated dataset in ${dataFolder}\n`);
        }

        const existing = await listCompanies(store.db, { limit: 1 });
        if (existing.length === 0) {
          process.stdout.write(`2/4 Importing into ${store.location}\n`);
          const report = await importPath(store, dataFolder, {
            logger,
            onProgress: ({ file, rowsDone, rowsTotal }) => progress.update(file, rowsDone, rowsTotal ?? 0),
          });
          progress.stop();
          process.stdout.write(`${formatImportReport(report)}\n`);
        } else {
          process.stdout.write(`2/4 The store ${store.location} already has data; skipping the import\n`);
        }

        if (!existsSync(manifestPath(indexDir(config.dataDir)))) {
          process.stdout.write('3/4 Building the search index\n');
          await buildIndex(store, {
            dataDir: config.dataDir,
            dimension: config.embedDim,
            logger,
            onProgress: (stage, done, total) => progress.update(stage, done, total),
          });
          progress.stop();
        } else {
          process.stdout.write(`3/4 Using the search index in ${indexDir(config.dataDir)}\n`);
        }

        const query = options.company ?? (await defaultDemoCompany(store));
        process.stdout.write(`4/4 exitbot recommend ${query}\n\n`);
        const engine = await Engine.open(store, config, logger);
        const result = await engine.recommend({ company: query });
        process.stdout.write(`${renderRecommendationText(result)}\n\n`);
        process.stdout.write(
          'Try next: `node bin/exitbot.js companies --query <name>`, `node bin/exitbot.js recommend <BRN> --sector bio`, ' +
            '`node bin/exitbot.js recommend <BRN> --format json`.\n',
        );
      });
    });
}

/**
 * The unlisted company with the most patents, so the demo shows a patent-driven answer that the
 * valuation filter does not empty (an unlisted requester is not compared by value).
 */
async function defaultDemoCompany(store: Store): Promise<string> {
  const rows = await listCompanies(store.db, { limit: 20 });
  const pick = rows.find((row) => row.brn && !row.listed) ?? rows.find((row) => row.brn) ?? rows[0];
  if (!pick) throw new Error('The store has no companies after the import.');
  return pick.brn ?? `id:${pick.id}`;
}
