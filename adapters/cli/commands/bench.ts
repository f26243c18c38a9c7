import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../../core/config.js';
import { createLogger } from '../../../core/logger.js';
import { openStore } from '../../../data/store/connect.js';
import { formatBenchReport } from '../../../engine/evaluate/bench/report.js';
import {
  type BenchReport,
  type BenchSettings,
  benchGeneratedSizes,
  benchMachine,
  benchStore,
} from '../../../engine/evaluate/bench/run-bench.js';
import { StageProgress } from '../progress.js';
import { parseIntegerList } from './eval.js';
import { parseFormat, parsePositiveInt, writeJson } from './options.js';

interface BenchCliOptions {
  patents: string;
  existing?: boolean;
  format: string;
  out?: string;
  runs: string;
  companiesPerBucket: string;
  queries: string;
  ef: string;
  annoyTrees: string;
  seed: string;
}

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('Benchmark recommendation latency, ANN recall and import and index throughput')
    .option(
      '--patents <list>',
      'approximate store sizes to generate (patents / 10 companies), import, index and measure, comma-separated',
      '10000',
    )
    .option('--existing', 'measure the configured store and index (EXIT_DATABASE_URL, EXIT_DATA_DIR) instead')
    .option('-f, --format <format>', 'output format: text or json', 'text')
    .option('--out <file.json>', 'also write the JSON report to this file')
    .option('--runs <n>', 'timed rounds per latency bucket, after one warm-up round', '20')
    .option('--companies-per-bucket <n>', 'companies per latency bucket (~1, ~50, ~1,000 patents)', '5')
    .option('--queries <n>', 'query vectors for ANN recall against exact search', '200')
    .option('--ef <list>', 'HNSW ef settings to measure, comma-separated', '100,128,200,400,800')
    .option('--annoy-trees <list>', 'Annoy tree counts to measure, comma-separated', '10,50')
    .option('--seed <n>', 'seed of the generated datasets and query samples', '7')
    .action(async (options: BenchCliOptions) => {
      const format = parseFormat(options.format);
      const config = loadConfig();
      const logger = createLogger({ level: config.logLevel });
      const settings: BenchSettings = {
        latencyTargets: [1, 50, 1000],
        companiesPerBucket: parsePositiveInt('--companies-per-bucket', options.companiesPerBucket, 100),
        runs: parsePositiveInt('--runs', options.runs, 10_000),
        annQueries: parsePositiveInt('--queries', options.queries, 100_000),
        k: 100,
        efs: parseIntegerList('--ef', options.ef, 4096),
        annoyTrees: parseIntegerList('--annoy-trees', options.annoyTrees, 1000),
        seed: parsePositiveInt('--seed', options.seed, 2 ** 31 - 1),
        dimension: config.embedDim,
        efSearchDefault: config.efSearch,
      };
      const machine = benchMachine();
      const progress = new StageProgress();
      const onProgress = (stage: string, done: number, total: number) => progress.update(stage, done, total);
      const notes = [
        `the engine searches patents with ef = max(EXIT_EF_SEARCH, k) = max(${config.efSearch}, 200) in its first round`,
        'latency requests use the engine defaults (top K 5, valuation filter as configured), each company asked once to warm up',
        'peak RSS is process.resourceUsage().maxRSS, the peak of this process so far, so later sizes include earlier ones',
      ];
      let results: BenchReport['results'];
      if (options.existing) {
        const store = await openStore(config.databaseUrl, logger);
        try {
          results = [
            await benchStore(store, config.dataDir, settings, {
              config,
              logger,
              source: `${store.location}, index in ${resolve(config.dataDir)}`,
              onProgress,
            }),
          ];
        } finally {
          progress.stop();
          await store.close();
        }
      } else {
        const workDir = mkdtempSync(join(tmpdir(), 'exit-bench-'));
        try {
          const sizes = parseIntegerList('--patents', options.patents, 10_000_000);
          results = await benchGeneratedSizes(sizes, settings, { workDir, config, logger, onProgress });
        } finally {
          progress.stop();
          rmSync(workDir, { recursive: true, force: true });
        }
      }
      const report: BenchReport = {
        createdAt: new Date().toISOString(),
        command: `exitbot ${process.argv.slice(2).join(' ')}`,
        machine,
        settings,
        results,
        notes,
      };
      if (options.out) writeFileSync(resolve(options.out), `${JSON.stringify(report, null, 2)}\n`);
      if (format === 'json') writeJson(report);
      else process.stdout.write(`${formatBenchReport(report)}\n`);
    });
}
