import type { BenchReport, BenchSizeResult } from './run-bench.js';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function sizeBlock(result: BenchSizeResult): string[] {
  const lines = [`== ${result.patents.toLocaleString('en-US')} patents indexed (${result.source})`];
  const { scale } = result;
  if (scale) {
    lines.push(
      `import: ${scale.importSeconds} s for ${scale.patents.toLocaleString('en-US')} patents and ${scale.companies.toLocaleString('en-US')} companies ` +
        `(all files), ${scale.importPatentsPerSecond} patents/s; index build ${scale.indexBuildSeconds} s ` +
        `(${Object.entries(scale.indexStageSeconds)
          .map(([stage, seconds]) => `${stage} ${seconds} s`)
          .join(', ')}); end to end ${scale.endToEndPatentsPerSecond} patents/s`,
      `disk: index ${mib(scale.indexBytes)}, SQLite store ${mib(scale.storeBytes)}; peak RSS ${scale.peakRssMiB} MiB after the build`,
    );
  }
  lines.push(`engine open ${result.engineOpenMs} ms; peak RSS ${result.peakRssMiB} MiB at the end`, '');
  lines.push(
    '  latency (warm)      patents of companies        n     p50     p95     p99  ms; without value p50/p95/p99; top stages',
  );
  for (const bucket of result.latency) {
    const stages = Object.entries(bucket.stageShare)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([stage, share]) => `${stage} ${(share * 100).toFixed(0)}%`)
      .join(', ');
    lines.push(
      `  ~${String(bucket.targetPatents).padEnd(17)} ${bucket.companyPatents.join(',').padEnd(24)} ${String(bucket.requests).padStart(4)} ` +
        `${bucket.p50Ms.toFixed(1).padStart(7)} ${bucket.p95Ms.toFixed(1).padStart(7)} ${bucket.p99Ms.toFixed(1).padStart(7)}  ` +
        `${bucket.withoutValue.p50Ms.toFixed(1)}/${bucket.withoutValue.p95Ms.toFixed(1)}/${bucket.withoutValue.p99Ms.toFixed(1)}; ${stages}`,
    );
  }
  const { ann } = result;
  lines.push(
    '',
    `  ANN recall@${ann.k} against exact search (${ann.queries} predicted next-patent vectors, ${ann.vectors.toLocaleString('en-US')} x ${ann.dimension}-d); exact ${ann.exactMsPerQuery} ms/query`,
  );
  for (const setting of ann.hnsw) {
    lines.push(
      `  hnsw ef ${String(setting.ef).padEnd(6)} recall ${setting.recall.toFixed(4)}  ${setting.msPerQuery.toFixed(3).padStart(8)} ms/query  ${setting.speedup}x faster than exact`,
    );
  }
  if ('skipped' in ann.annoy) {
    lines.push(`  annoy: skipped, ${ann.annoy.skipped}`);
  } else {
    for (const setting of ann.annoy.settings) {
      lines.push(
        `  annoy ${String(setting.trees).padEnd(3)} trees recall ${setting.recall.toFixed(4)}  ${setting.msPerQuery.toFixed(3).padStart(8)} ms/query  ` +
          `${setting.speedup}x faster than exact; build ${setting.buildSeconds} s (search_k: ${ann.annoy.searchK})`,
      );
    }
  }
  return lines;
}

/** Renders the benchmark report for the terminal: machine and command first, then one block per size. */
export function formatBenchReport(report: BenchReport): string {
  const machine = report.machine;
  const lines = [
    `command: ${report.command}`,
    `machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverage} at start`,
    ...report.notes.map((note) => `note: ${note}`),
  ];
  for (const result of report.results) lines.push('', ...sizeBlock(result));
  return lines.join('\n');
}
