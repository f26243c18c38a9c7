import type { DatasetEvaluation, MethodResult } from './evaluate.js';

/** The JSON written by `exitbot eval` and the text table printed from it. */
export interface EvaluationReport {
  createdAt: string;
  command: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  settings: {
    ks: number[];
    holdoutFraction: number;
    maxQueries: number;
    seed: number;
    dimension: number;
    nextPatentNs: number[];
  };
  /** Reason the valuation filter is off during the evaluation. */
  valuationFilter: { enabled: false; reason: string };
  /** The next-vector predictor EXIT used, and whether a SASRec model was available. */
  predictorNote: string;
  datasets: DatasetEvaluation[];
}

const percent = (value: number | undefined) =>
  value === undefined ? '-' : (value * 100).toFixed(1).padStart(5);

function methodRow(method: MethodResult, ks: readonly number[]): string {
  const name = method.id.padEnd(28);
  if (method.status === 'skipped') return `  ${name} skipped: ${method.reason}`;
  const recall = ks.map((k) => percent(method.recall?.[k])).join(' ');
  const ndcg = ks.map((k) => percent(method.ndcg?.[k])).join(' ');
  const ms = method.msPerQuery === undefined ? '' : `${method.msPerQuery.toFixed(1).padStart(8)}`;
  return `  ${name} ${recall}   ${ndcg}  ${ms}`;
}

/** Renders the report as plain-text tables, one block per dataset. */
export function formatEvaluationReport(report: EvaluationReport): string {
  const { ks } = report.settings;
  const lines = [
    `command: ${report.command}`,
    `machine: ${report.machine.cpus} x ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}`,
    `valuation filter: off (${report.valuationFilter.reason})`,
    `predictor: ${report.predictorNote}`,
  ];
  for (const dataset of report.datasets) {
    lines.push('', `== ${dataset.name} (${dataset.source})`);
    if (dataset.status === 'skipped') {
      lines.push(`skipped: ${dataset.reason}`);
      continue;
    }
    const { split, engineView } = dataset;
    if (split) {
      lines.push(
        `split: pairs first seen after ${split.cutoff} held out: ${split.pairs.heldOut} of ${split.pairs.total} pairs ` +
          `(${split.pairs.undated} undated, kept for training); ${split.queries} queries of ` +
          `${split.companiesWithHeldOutPartners} companies with held-out partners, ` +
          `${split.meanHeldOutPartnersPerQuery.toFixed(2)} held-out partners per query`,
      );
    }
    if (engineView) {
      lines.push(
        `engine view: ${engineView.patentsIndexed} of ${engineView.patentsInStore} patents indexed ` +
          `(${engineView.excludedAfterCutoff} filed after the cutoff and ${engineView.excludedCoOwnedByHeldOutPair} ` +
          `co-owned by held-out pairs removed), ${engineView.profilesIndexed} profiles; evaluation index built in ` +
          `${engineView.indexBuildSeconds.toFixed(1)} s; embedder ${engineView.embedder}`,
      );
    }
    const header = ks.map((k) => `@${k}`.padStart(5)).join(' ');
    lines.push(
      '',
      `  ${'method'.padEnd(28)} ${'Recall (%)'.padEnd(ks.length * 6)}  ${'NDCG (%)'.padEnd(ks.length * 6)} ms/query`,
    );
    lines.push(`  ${''.padEnd(28)} ${header}   ${header}`);
    for (const method of dataset.methods ?? []) lines.push(methodRow(method, ks));
    for (const method of dataset.methods ?? []) {
      if (method.status === 'evaluated') lines.push(`    ${method.id}: ${method.label}`);
    }
    const next = dataset.nextPatent;
    if (next) {
      lines.push(
        '',
        `next-patent hit rate over ${next.companies} companies (latest indexed patent held out of the sequence):`,
      );
      lines.push(
        `  ${'predictor'.padEnd(28)} ${next.ns.map((n) => `top${n}`.padStart(6)).join(' ')}  mean cosine`,
      );
      for (const predictor of next.predictors) {
        const rates = next.ns.map((n) => `${percent(predictor.hitRate[n])}%`.padStart(6)).join(' ');
        lines.push(`  ${predictor.id.padEnd(28)} ${rates}  ${predictor.meanCosine.toFixed(4)}`);
      }
    }
    if (dataset.durationSeconds !== undefined)
      lines.push('', `evaluated in ${dataset.durationSeconds.toFixed(1)} s`);
  }
  return lines.join('\n');
}
