import type { Command } from 'commander';
import { buildIndex } from '../../../engine/indexing/build.js';
import { StageProgress } from '../progress.js';
import { withRuntime } from '../runtime.js';

export function registerIndex(program: Command): void {
  const index = program.command('index').description('Manage the search index');
  index
    .command('build')
    .description('(Re)build patent summaries, the embedder and the vector indexes from the store')
    .action(async () => {
      await withRuntime(async ({ config, logger, store }) => {
        const progress = new StageProgress();
        const started = performance.now();
        try {
          const manifest = await buildIndex(store, {
            dataDir: config.dataDir,
            dimension: config.embedDim,
            embedder: config.embedder,
            summarizer: config.summarizer,
            logger,
            onProgress: (stage, done, total) => progress.update(stage, done, total),
          });
          progress.stop();
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          process.stdout.write(
            `Index built in ${seconds} s: ${manifest.patents.count} patents, ${manifest.profiles.count} company profiles, ` +
              `${manifest.dimension}-d vectors (space ${manifest.spaceId}).\n`,
          );
        } finally {
          progress.stop();
        }
      });
    });
}
