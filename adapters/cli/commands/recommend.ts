import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { renderComparison } from '../../../bot/charts/comparison.js';
import { Engine } from '../../../engine/engine.js';
import { renderRecommendationText } from '../render/recommendation.js';
import { withRuntime } from '../runtime.js';
import { parseFormat, parseTopK, writeJson } from './options.js';

export function registerRecommend(program: Command): void {
  program
    .command('recommend')
    .description('Recommend partner companies for a company given by BRN, ticker or name')
    .argument('<company>', 'business registration number (NNN-NN-NNNNN), KRX ticker, name, or id:<n>')
    .option(
      '-s, --sector <sector>',
      'preferred sector: code, English or Korean alias (bio, 바이오, semiconductor, …)',
    )
    .option('-k, --top <K>', 'number of partners to return, 1-50 (default: EXIT_TOP_K or 5)')
    .option('-f, --format <format>', 'output format: text or json', 'text')
    .option('--no-valuation-filter', 'keep partners without a valuation or valued below the requester')
    .option('--chart <file.png>', 'also write a PNG chart comparing the requester with its partners')
    .action(
      async (
        company: string,
        options: { sector?: string; top?: string; format: string; valuationFilter: boolean; chart?: string },
      ) => {
        const format = parseFormat(options.format);
        const topK = options.top === undefined ? undefined : parseTopK(options.top);
        await withRuntime(async ({ config, logger, store }) => {
          const engine = await Engine.open(store, config, logger);
          const result = await engine.recommend({
            company,
            ...(options.sector !== undefined ? { sector: options.sector } : {}),
            ...(topK !== undefined ? { topK } : {}),
            // commander sets valuationFilter to true unless --no-valuation-filter is given.
            ...(options.valuationFilter === false ? { valuationFilter: false } : {}),
          });
          if (format === 'json') writeJson(result);
          else process.stdout.write(`${renderRecommendationText(result)}\n`);
          if (options.chart) {
            const png = await renderComparison(result, { logger });
            const target = resolve(options.chart);
            if (png) {
              writeFileSync(target, png);
              process.stderr.write(`Chart written to ${target}\n`);
            } else {
              process.stderr.write(
                'No chart written: neither the requester nor any partner has a valuation.\n',
              );
            }
          }
        });
      },
    );
}
