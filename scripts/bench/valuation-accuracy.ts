/**
 * Accuracy of the valuation methods on held-out listed companies, with market capitalisation as the
 * truth. Imports a data folder into a temporary SQLite store, builds the search index, fits the
 * valuation model (regression and multiples on the training split, ensemble weights on the
 * validation split), then values every test-split company as if it were unlisted.
 *
 *   npx tsx scripts/bench/valuation-accuracy.ts [--data ../shared/data/real] [--write-docs]
 *   npx tsx scripts/bench/valuation-accuracy.ts --database sqlite:var/exit.db --data-dir var
 *
 * The second form reads a store and index built earlier instead of importing. With --write-docs
 * the table replaces the "Valuation accuracy" section of docs/benchmarks.md.
 *
 * NOTE: the engine now loads the trained growth and LightGBM artifacts from EXIT_MODELS_DIR (default
 * models/artifacts, trained on the demo dataset). For real-data numbers, train on the real data's
 * train split (models/README.md) and run with EXIT_MODELS_DIR pointing at those artifacts; the row
 * labels below still name the ridge fallback.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../core/config.js';
import { createLogger } from '../../core/logger.js';
import { importPath } from '../../data/import/index.js';
import { openStore } from '../../data/store/connect.js';
import { Engine } from '../../engine/engine.js';
import { buildIndex } from '../../engine/indexing/build.js';
import { appraiseCompany } from '../../engine/value/appraise-company.js';
import { splitOf } from '../../engine/value/valuation-model.js';
import { modelFor, validOptions } from '../../engine/value/value-company.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/real' },
    database: { type: 'string' },
    'data-dir': { type: 'string' },
    'write-docs': { type: 'boolean', default: false },
  },
});
const dataDir = resolve(values.data as string);
if (!existsSync(dataDir)) {
  console.error(`Data folder ${dataDir} not found; pass --data <folder>.`);
  process.exit(2);
}

const METHODS = ['dcf_fcff', 'dcf_reference', 'regression', 'ensemble', 'sector_multiple'] as const;
type Method = (typeof METHODS)[number];
const LABELS: Record<Method, string> = {
  dcf_fcff: 'DCF, FCFF with terminal value',
  dcf_reference: 'DCF, first-version method',
  regression: 'Regression (ridge fallback)',
  ensemble: 'Ensemble',
  sector_multiple: 'Sector multiple baseline',
};

const reuse = values.database !== undefined && values['data-dir'] !== undefined;
const work = mkdtempSync(join(os.tmpdir(), 'exit-valuation-bench-'));
const databaseUrl = reuse ? (values.database as string) : `sqlite:${join(work, 'exit.db')}`;
const indexDataDir = reuse ? (values['data-dir'] as string) : work;
const logger = createLogger({ level: 'warn' });
const store = await openStore(databaseUrl, logger);
try {
  const started = performance.now();
  if (!reuse) {
    await importPath(store, dataDir, { logger });
    await buildIndex(store, { dataDir: work, dimension: 256, logger });
  }
  const importMs = performance.now() - started;
  const config = loadConfig({ EXIT_DATABASE_URL: databaseUrl, EXIT_DATA_DIR: indexDataDir });
  const engine = await Engine.open(store, config, logger);
  const fitStarted = performance.now();
  const model = await modelFor(engine.context, validOptions({}));
  const fitMs = performance.now() - fitStarted;

  const test = [...model.parts.listed.values()].filter(
    (row) => splitOf(row.company) === 'test' && row.years.length > 0 && row.marketCap,
  );
  const results: { truth: number; values: Partial<Record<Method, number>> }[] = [];
  const valueStarted = performance.now();
  for (const row of test) {
    const { appraisal } = await appraiseCompany({
      db: store.db,
      spaces: model.spaces,
      parts: model.parts,
      pool: model.pool,
      company: row.company,
      treatAsUnlisted: true,
    });
    const entry: Partial<Record<Method, number>> = {};
    for (const method of METHODS) {
      const outcome = appraisal.methods[method];
      if (outcome.status === 'ok') entry[method] = outcome.valueKrw;
    }
    results.push({ truth: row.marketCap?.marketCapKrw as number, values: entry });
  }
  const valueMs = performance.now() - valueStarted;

  const metrics = (subset: typeof results, method: Method) => {
    const pairs = subset.flatMap((result) =>
      result.values[method] !== undefined ? [[result.values[method] as number, result.truth]] : [],
    );
    if (pairs.length === 0) return { n: 0, mae: Number.NaN, mdape: Number.NaN };
    const mae =
      pairs.reduce(
        (sum, [predicted, truth]) => sum + Math.abs((predicted as number) - (truth as number)),
        0,
      ) /
      pairs.length /
      1e8;
    const apes = pairs
      .map(([predicted, truth]) => Math.abs((predicted as number) - (truth as number)) / (truth as number))
      .sort((a, b) => a - b);
    const middle = apes.length >> 1;
    const mdape =
      apes.length % 2 === 1
        ? (apes[middle] as number)
        : ((apes[middle - 1] as number) + (apes[middle] as number)) / 2;
    return { n: pairs.length, mae, mdape };
  };
  const format = (value: number, digits = 0) =>
    Number.isFinite(value)
      ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
      : 'n/a';
  const table = (subset: typeof results) => {
    const lines = ['| method | companies valued | MAE (억원) | median APE |', '| --- | ---: | ---: | ---: |'];
    for (const method of METHODS) {
      const m = metrics(subset, method);
      lines.push(
        `| ${LABELS[method]} | ${m.n} of ${subset.length} | ${format(m.mae)} | ${format(m.mdape * 100, 1)}% |`,
      );
    }
    return lines.join('\n');
  };
  const common = results.filter((result) => METHODS.every((method) => result.values[method] !== undefined));
  const small = results.filter((result) => result.truth <= 1e12);
  const weights = model.parts.weights;
  const regression = model.parts.regression;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const section = [
    '## Valuation accuracy',
    '',
    `Command: \`npx tsx scripts/bench/valuation-accuracy.ts --data ${values.data} --write-docs\``,
    '',
    `Data: ${values.data} (${model.counts.listed.toLocaleString('en-US')} listed companies in the store; valuation date ${model.parts.market.asOf}; ` +
      `market capitalisation from the ${test[0]?.marketCap?.source ?? 'n/a'} snapshot). Listed companies with statements and a market ` +
      `capitalisation are split by a hash of the ticker: ${model.counts.train} train (regression, multiples, growth medians), ` +
      `${model.counts.validation} validation (ensemble weights), ${model.counts.test} test (this table). Test companies are valued as if ` +
      'unlisted: their own prices, market capitalisation and multiple are not read, and their beta comes from comparables.',
    '',
    `Machine: ${cpu}, ${os.cpus().length} threads, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}. ` +
      `Import and index build ${(importMs / 1000).toFixed(0)} s, model fit ${(fitMs / 1000).toFixed(1)} s, ${test.length} valuations in ${(valueMs / 1000).toFixed(1)} s.`,
    '',
    'All test companies (each method on the companies it could value):',
    '',
    table(results),
    '',
    `The ${common.length} test companies every method could value:`,
    '',
    table(common),
    '',
    `Test companies with a market capitalisation of at most 1조원 (${small.length}), nearer the size of unlisted companies:`,
    '',
    table(small),
    '',
    `Ensemble weights (${weights?.basis}, ${weights?.note}): regression ${weights?.weights.regression}, DCF FCFF ${weights?.weights.dcf_fcff}, ` +
      `first-version DCF ${weights?.weights.dcf_reference}; the ensemble is a weighted geometric mean, renormalised when a method is not available.`,
    regression.status === 'ok'
      ? `Regression: ${regression.id}, ${regression.training.companies} training companies, lambda ${regression.fit.lambda}, ` +
        `in-sample R² ${regression.training.rSquared.toFixed(3)} on ln(market cap), cross-validated RMSE ${regression.training.cvRmseLog.toFixed(3)}; ` +
        `skewness of market capitalisation ${regression.training.skewness.raw.toFixed(1)} raw, ${regression.training.skewness.log.toFixed(2)} after the log.`
      : `Regression not available: ${regression.reason}.`,
    'Growth comes from the fallback chain (own CAGR clipped to [-20%, +30%], sector median, market median), because no trained growth model exists yet.',
    '',
    'Median APE is at most 100% for an underestimate but unbounded for an overestimate, and MAE is dominated by the largest ' +
      'companies, so read both. The first version of this product reported an MAE of 614억원 for its best method (the average of ' +
      'LightGBM and DCF) on 30 unlisted K-OTC stocks; those companies are not in this data, so the numbers are not comparable.',
    '',
  ].join('\n');
  process.stdout.write(`${section}\n`);

  if (values['write-docs']) {
    const path = resolve('docs/benchmarks.md');
    const current = existsSync(path)
      ? readFileSync(path, 'utf8')
      : '# Benchmarks\n\nMeasured numbers, each with the command and machine that produced it.\n';
    const start = current.indexOf('## Valuation accuracy');
    let next: string;
    if (start === -1) {
      next = `${current.trimEnd()}\n\n${section}`;
    } else {
      const after = current.indexOf('\n## ', start + 1);
      next = `${current.slice(0, start)}${section}${after === -1 ? '' : `\n${current.slice(after + 1)}`}`;
    }
    writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
    process.stdout.write(`Wrote the section to ${path}\n`);
  }
} finally {
  await store.close();
  rmSync(work, { recursive: true, force: true });
}
