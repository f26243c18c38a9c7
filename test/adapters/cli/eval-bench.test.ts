import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../../../engine/evaluate/bench/run-bench.js';
import type { EvaluationReport } from '../../../engine/evaluate/report.js';
import { runCli } from '../../support/run-cli.js';

/** Both commands on tiny data: they run end to end and write their JSON; no timing is checked. */
describe('exitbot eval and bench', () => {
  let dir: string;
  const env = () => ({ EXIT_EMBED_DIM: '16', EXIT_LOG_LEVEL: 'silent', EXIT_DATA_DIR: join(dir, 'var') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'exit-eval-cli-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('eval writes the report and skips missing real data', async () => {
    const out = join(dir, 'eval.json');
    const run = await runCli(
      [
        'eval',
        '--data',
        'generated,real',
        '--real-dir',
        join(dir, 'no-such-folder'),
        '--companies',
        '120',
        '--max-queries',
        '15',
        '--k',
        '5,10',
        '--out',
        out,
      ],
      env(),
    );

    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('exit-recency-weighted-mean');
    expect(run.stdout).toContain('valuation filter: off');

    const report = JSON.parse(readFileSync(out, 'utf8')) as EvaluationReport;
    expect(report.settings.ks).toEqual([5, 10]);
    expect(report.valuationFilter.enabled).toBe(false);
    expect(report.predictorNote).toMatch(/recency-weighted mean fallback/);

    const [generated, real] = report.datasets;
    expect(generated?.status).toBe('evaluated');
    expect(generated?.methods?.map((method) => method.id)).toContain('ceiling-true-affinity');
    expect(real?.status).toBe('skipped');
    expect(real?.reason).toMatch(/does not exist/);
  }, 300_000);

  it('eval rejects a bad K list', async () => {
    const run = await runCli(['eval', '--k', '5,x'], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--k must be an integer/);
  });

  it('bench measures a tiny generated store', async () => {
    const out = join(dir, 'bench.json');
    const run = await runCli(
      [
        'bench',
        '--patents',
        '400',
        '--runs',
        '1',
        '--companies-per-bucket',
        '1',
        '--queries',
        '5',
        '--ef',
        '100,200',
        '--annoy-trees',
        '2',
        '--format',
        'json',
        '--out',
        out,
      ],
      env(),
    );

    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
    expect(JSON.parse(run.stdout)).toEqual(report);
    expect(report.machine.cpus).toBeGreaterThan(0);

    const [result] = report.results;
    expect(result?.scale?.patents).toBeGreaterThan(0);
    expect(result?.scale?.indexBytes).toBeGreaterThan(0);
    expect(result?.latency.map((bucket) => bucket.targetPatents)).toEqual([1, 50, 1000]);
    for (const bucket of result?.latency ?? []) {
      expect(bucket.p99Ms, `~${bucket.targetPatents}`).toBeGreaterThanOrEqual(bucket.p50Ms);
      expect(bucket.withoutValue.p50Ms, `~${bucket.targetPatents}`).toBeLessThanOrEqual(bucket.p50Ms);
      expect(Object.keys(bucket.stageShare), `~${bucket.targetPatents}`).toContain('retrieve');
    }

    expect(result?.ann.hnsw.map((setting) => setting.ef)).toEqual([100, 200]);
    for (const setting of result?.ann.hnsw ?? []) {
      expect(setting.recall).toBeGreaterThan(0);
      expect(setting.recall).toBeLessThanOrEqual(1);
    }
    expect(result?.ann.annoy).toBeDefined();
  }, 300_000);
});
