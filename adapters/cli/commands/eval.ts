import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadConfig } from '../../../core/config.js';
import { ExitError } from '../../../core/errors.js';
import { createLogger } from '../../../core/logger.js';
import { type PreparedDataset, prepareGenerated, prepareReal } from '../../../engine/evaluate/datasets.js';
import { type DatasetEvaluation, evaluateDataset } from '../../../engine/evaluate/evaluate.js';
import { describeMachine } from '../../../engine/evaluate/machine.js';
import { type EvaluationReport, formatEvaluationReport } from '../../../engine/evaluate/report.js';
import { EMBEDDER_DIR } from '../../../engine/indexing/artifacts.js';
import { StageProgress } from '../progress.js';
import { parseFormat, parsePositiveInt, writeJson } from './options.js';

/** Returns the real KIPRIS collection beside the repository checkout, where the tests find it. */
function defaultRealDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir, '../shared/data/real/kipris-neojune');
}

export function parseIntegerList(name: string, value: string, max: number): number[] {
  const items = value.split(',').map((item) => parsePositiveInt(name, item.trim(), max));
  return [...new Set(items)].sort((a, b) => a - b);
}

function parseFraction(value: string): number {
  const parsed = Number(value);
  if (!(parsed > 0 && parsed < 1)) {
    throw new ExitError('INVALID_INPUT', `--holdout must be a fraction between 0 and 1, got "${value}".`);
  }
  return parsed;
}

function parseDataList(value: string): ('generated' | 'real')[] {
  const items = value.split(',').map((item) => item.trim());
  for (const item of items) {
    if (item !== 'generated' && item !== 'real') {
      throw new ExitError(
        'INVALID_INPUT',
        `--data must be generated, real or both separated by a comma, got "${item}".`,
      );
    }
  }
  return [...new Set(items)] as ('generated' | 'real')[];
}

function predictorNote(datasets: readonly DatasetEvaluation[]): string {
  const used = datasets.map((dataset) => dataset.predictor).find((predictor) => predictor !== undefined);
  const withoutSequence =
    'exit-profile-mean is EXIT without sequence modelling (the mean of all patent vectors)';
  if (!used || used.fallback) {
    return (
      'no SASRec model matched the evaluation index (none trained in its embedding space), so EXIT predicts the next ' +
      `patent vector with its recency-weighted mean fallback; ${withoutSequence}`
    );
  }
  return `EXIT predicts the next patent vector with ${used.id} ${used.version}; exit-recency-weighted-mean is its fallback; ${withoutSequence}`;
}

interface EvalCliOptions {
  data: string;
  k: string;
  format: string;
  out?: string;
  dataset?: string;
  companies: string;
  seed: string;
  realDir?: string;
  embedderFrom?: string;
  holdout: string;
  maxQueries: string;
  nextN: string;
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(
      'Offline evaluation: partner Recall@K and NDCG@K on held-out interactions, against baselines',
    )
    .option('--data <which>', 'generated, real, or generated,real', 'generated,real')
    .option('--k <list>', 'cut-offs K for Recall@K and NDCG@K, comma-separated (1-50)', '5,10,20')
    .option('-f, --format <format>', 'output format: text or json', 'text')
    .option('--out <file.json>', 'also write the JSON report to this file')
    .option('--dataset <folder>', 'a folder written by `exitbot generate` (default: generate one)')
    .option('--companies <n>', 'companies to generate when no --dataset is given', '3000')
    .option('--seed <n>', 'seed of the generated dataset, the query sample and the embedder', '7')
    .option('--real-dir <folder>', 'the real KIPRIS collection (default: ../shared/data/real/kipris-neojune)')
    .option(
      '--embedder-from <index folder>',
      'reuse the embedder of a built index (e.g. var/index), so a SASRec model trained in its space is evaluated',
    )
    .option('--holdout <fraction>', 'latest fraction of partner pairs held out', '0.2')
    .option('--max-queries <n>', 'query companies sampled per dataset', '500')
    .option('--next-n <list>', 'N for the next-patent hit rate (top N retrieved), comma-separated', '10,100')
    .action(async (options: EvalCliOptions) => {
      const format = parseFormat(options.format);
      const ks = parseIntegerList('--k', options.k, 50);
      const data = parseDataList(options.data);
      const settings = {
        ks,
        holdoutFraction: parseFraction(options.holdout),
        maxQueries: parsePositiveInt('--max-queries', options.maxQueries, 1_000_000),
        seed: parsePositiveInt('--seed', options.seed, 2 ** 31 - 1),
        dimension: 0,
        nextPatentNs: parseIntegerList('--next-n', options.nextN, 10_000),
      };
      const companies = parsePositiveInt('--companies', options.companies, 1_000_000);
      const config = loadConfig();
      settings.dimension = config.embedDim;
      const logger = createLogger({ level: config.logLevel });
      const progress = new StageProgress();
      const onProgress = (stage: string, done: number, total: number) => progress.update(stage, done, total);
      const datasets: DatasetEvaluation[] = [];
      for (const name of data) {
        const workDir = mkdtempSync(join(tmpdir(), `exit-eval-${name}-`));
        let prepared: PreparedDataset | null = null;
        try {
          if (name === 'real') {
            const realDir = resolve(options.realDir ?? defaultRealDir());
            if (!existsSync(realDir)) {
              datasets.push({
                name,
                status: 'skipped',
                reason: `${realDir} does not exist`,
                source: realDir,
              });
              continue;
            }
            prepared = await prepareReal({ realDir, workDir, logger, onProgress });
          } else {
            prepared = await prepareGenerated({
              ...(options.dataset ? { datasetDir: resolve(options.dataset) } : {}),
              companies,
              seed: settings.seed,
              workDir,
              logger,
              onProgress,
            });
          }
          datasets.push(
            await evaluateDataset(prepared.store, {
              ...settings,
              name,
              source: prepared.source,
              workDir,
              ...(options.embedderFrom
                ? { embedderDir: join(resolve(options.embedderFrom), EMBEDDER_DIR) }
                : {}),
              ...(prepared.truthAffinityPath ? { truthAffinityPath: prepared.truthAffinityPath } : {}),
              ...(prepared.interactionKinds ? { interactionKinds: prepared.interactionKinds } : {}),
              config,
              logger,
              onProgress,
            }),
          );
        } finally {
          progress.stop();
          await prepared?.store.close();
          rmSync(workDir, { recursive: true, force: true });
        }
      }
      const report: EvaluationReport = {
        createdAt: new Date().toISOString(),
        command: `exitbot ${process.argv.slice(2).join(' ')}`,
        machine: describeMachine(),
        settings,
        valuationFilter: {
          enabled: false,
          reason:
            'the evaluation measures retrieval quality; the valuation rule would drop partners by value',
        },
        predictorNote: predictorNote(datasets),
        datasets,
      };
      if (options.out) writeFileSync(resolve(options.out), `${JSON.stringify(report, null, 2)}\n`);
      if (format === 'json') writeJson(report);
      else process.stdout.write(`${formatEvaluationReport(report)}\n`);
    });
}
