/**
 * Warm recommendation latency: opens the engine once, then times repeated `recommend` calls for
 * the given companies and prints p50/p95/max per company with the data size and machine.
 *
 *   npx tsx scripts/bench/recommend.ts [--runs N] COMPANY [COMPANY ...]
 *
 * Reads EXIT_DATABASE_URL and EXIT_DATA_DIR like the CLI.
 */
import { cpus, totalmem } from 'node:os';
import { loadConfig } from '../../core/config.js';
import { silentLogger } from '../../core/logger.js';
import { openStore } from '../../data/store/connect.js';
import { Engine } from '../../engine/engine.js';

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  let runs = 20;
  const runsAt = args.indexOf('--runs');
  if (runsAt >= 0) {
    runs = Number(args[runsAt + 1]);
    args.splice(runsAt, 2);
  }
  if (args.length === 0 || !Number.isInteger(runs) || runs < 1) {
    process.stderr.write('usage: npx tsx scripts/bench/recommend.ts [--runs N] COMPANY [COMPANY ...]\n');
    process.exit(2);
  }
  const config = loadConfig();
  const store = await openStore(config.databaseUrl);
  const openStarted = performance.now();
  const engine = await Engine.open(store, config, silentLogger());
  const openMs = performance.now() - openStarted;
  const cpu = cpus();
  console.log(`command: npx tsx scripts/bench/recommend.ts --runs ${runs} ${args.join(' ')}`);
  console.log(
    `machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(
    `data: ${store.location}, ${engine.context.patentIndex.size} patents and ${engine.context.profileIndex.size} profiles indexed, ${engine.context.manifest.dimension}-d`,
  );
  console.log(`engine open: ${openMs.toFixed(0)} ms`);
  console.log('company          partners  p50 ms  p95 ms  max ms');
  for (const company of args) {
    await engine.recommend({ company });
    const times: number[] = [];
    let partners = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const result = await engine.recommend({ company });
      times.push(performance.now() - started);
      partners = result.partners.length;
    }
    times.sort((a, b) => a - b);
    console.log(
      `${company.padEnd(16)} ${String(partners).padStart(8)}  ${percentile(times, 50).toFixed(1).padStart(6)}  ${percentile(times, 95).toFixed(1).padStart(6)}  ${(times[times.length - 1] as number).toFixed(1).padStart(6)}`,
    );
  }
  await store.close();
}

await run();
