import { resolve } from 'node:path';
import type { Command } from 'commander';
import { generateDataset } from '../../../data/generate/index.js';
import { StageProgress } from '../progress.js';
import { parsePositiveInt } from './options.js';

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('Write a deterministic synthetic dataset in the formats `exitbot import` reads')
    .option(
      '-c, --companies <n>',
      'number of companies, 1-1000000 (about 10 patents each on average)',
      '3000',
    )
    .option('--seed <n>', 'random seed; the same seed and size give byte-identical files', '7')
    .requiredOption('-o, --out <folder>', 'folder to write (created if missing)')
    .action(async (options: { companies: string; seed: string; out: string }) => {
      const companies = parsePositiveInt('--companies', options.companies, 1_000_000);
      const seed = parsePositiveInt('--seed', options.seed, 2 ** 31 - 1);
      const progress = new StageProgress();
      const started = performance.now();
      const summary = await generateDataset({
        companies,
        seed,
        outDir: resolve(options.out),
        onProgress: (done, total, stage) => progress.update(stage, done, total),
      });
      progress.stop();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `Generated ${summary.companies} companies (${summary.listed} listed, ${summary.unlisted} unlisted), ` +
          `${summary.patents} patents and ${summary.interactions} interactions in ${seconds} s into ${resolve(options.out)}.\n` +
          `Ground truth for evaluation is in ${resolve(options.out, 'truth')}; \`exitbot import\` skips it.\n`,
      );
    });
}
