import type { BetaEstimate } from './beta.js';
import type { ComparablesResult } from './comparables.js';
import {
  type ComparableLeverage,
  type HamadaResult,
  type Leverage,
  targetBetaFromComparables,
} from './hamada.js';
import type { ListedCompanyData } from './listed-universe.js';
import { type NotAvailable, notAvailable, type Outcome } from './outcome.js';

/**
 * Chooses the beta a valuation uses. A listed company uses its own regression beta. An unlisted
 * company, or one without a usable own beta, uses the comparables' betas through Hamada with its
 * own leverage. When relevering is impossible it uses the comparables' mean levered beta, and
 * without comparables it uses 1, the market's beta. Each step after the first is a recorded fallback.
 */

/** The target's leverage for relevering, with flags for items its statements did not report. */
export type TargetLeverage = Leverage & { debtReported: boolean; equityReported: boolean };

export type BetaSource =
  | 'own'
  | 'comparables_textbook'
  | 'comparables_reference'
  | 'comparables_mean_levered'
  | 'market_default';

export interface ComparableBetaRow {
  companyId: number;
  name: string;
  ticker: string | null;
  similarity: number | null;
  leveredBeta: number | null;
  betaMonths: number | null;
  /** First and last close dates of the comparable's beta window. */
  betaWindow: { from: string; to: string } | null;
  debtToEquity: number | null;
  taxRate: number | null;
  evToEbitda: number | null;
  /** Reason the comparable gave no beta or leverage; null when it gave both. */
  note: string | null;
}

export interface TargetBeta {
  value: number;
  source: BetaSource;
  /** Index of the market return the beta goes with. */
  indexCode: 'KOSPI' | 'KOSDAQ';
  own: Outcome<BetaEstimate> | null;
  targetLeverage: TargetLeverage;
  comparables: ComparableBetaRow[];
  textbook: Outcome<HamadaResult> | null;
  reference: Outcome<HamadaResult> | null;
  fallback: string | null;
}

function majorityIndex(rows: readonly ListedCompanyData[]): 'KOSPI' | 'KOSDAQ' {
  let kosdaq = 0;
  let kospi = 0;
  for (const row of rows) {
    if (row.beta.status !== 'ok') continue;
    if (row.beta.indexCode === 'KOSDAQ') kosdaq++;
    else kospi++;
  }
  return kosdaq > kospi ? 'KOSDAQ' : 'KOSPI';
}

export function chooseTargetBeta(input: {
  own: Outcome<BetaEstimate> | null;
  ownIndex: 'KOSPI' | 'KOSDAQ';
  targetLeverage: TargetLeverage;
  comparables: ComparablesResult;
  listed: ReadonlyMap<number, ListedCompanyData>;
  hamada: 'textbook' | 'reference';
}): TargetBeta {
  const { own, targetLeverage, hamada } = input;
  const comparableData = input.comparables.comparables
    .map((comparable) => ({ comparable, data: input.listed.get(comparable.companyId) }))
    .filter(
      (entry): entry is { comparable: (typeof entry)['comparable']; data: ListedCompanyData } =>
        entry.data !== undefined,
    );
  const rows: ComparableBetaRow[] = comparableData.map(({ comparable, data }) => {
    const leverage = data.leverage;
    const ratio = leverage && leverage.equityKrw > 0 ? leverage.debtKrw / leverage.equityKrw : null;
    return {
      companyId: comparable.companyId,
      name: comparable.name,
      ticker: comparable.ticker,
      similarity: comparable.similarity,
      leveredBeta: data.beta.status === 'ok' ? data.beta.adjustedBeta : null,
      betaMonths: data.beta.status === 'ok' ? data.beta.months : null,
      betaWindow: data.beta.status === 'ok' ? data.beta.window : null,
      debtToEquity: ratio,
      taxRate: leverage?.taxRate ?? null,
      evToEbitda: data.evToEbitda ?? null,
      note:
        data.beta.status === 'ok'
          ? leverage
            ? null
            : 'no statements or market capitalisation for D/E'
          : data.beta.reason,
    };
  });
  const withBeta: ComparableLeverage[] = comparableData.flatMap(({ data }) =>
    data.beta.status === 'ok' && data.leverage
      ? [
          {
            companyId: data.company.id,
            name: data.company.name,
            leveredBeta: data.beta.adjustedBeta,
            leverage: data.leverage,
          },
        ]
      : [],
  );
  const comparableIndex = majorityIndex(comparableData.map((entry) => entry.data));
  let blocker: NotAvailable | null = null;
  if (withBeta.length === 0) blocker = notAvailable('no comparable has both a beta and leverage data');
  else if (!targetLeverage.equityReported) {
    blocker = notAvailable('no 자본 (book equity) is reported for the target, so its D/E is unknown');
  }
  const textbook = blocker ?? targetBetaFromComparables(withBeta, targetLeverage, 'textbook');
  const reference = blocker ?? targetBetaFromComparables(withBeta, targetLeverage, 'reference');
  const base = { own, targetLeverage, comparables: rows, textbook, reference };

  if (own?.status === 'ok') {
    return { ...base, value: own.adjustedBeta, source: 'own', indexCode: input.ownIndex, fallback: null };
  }
  const ownFailure = own ? `own beta not available (${own.reason}); ` : '';
  const chosen = hamada === 'textbook' ? textbook : reference;
  if (chosen.status === 'ok') {
    return {
      ...base,
      value: chosen.targetBeta,
      source: hamada === 'textbook' ? 'comparables_textbook' : 'comparables_reference',
      indexCode: own ? input.ownIndex : comparableIndex,
      fallback: own ? `${ownFailure}beta from comparables (Hamada, ${hamada})` : null,
    };
  }
  if (withBeta.length > 0) {
    const mean = withBeta.reduce((sum, row) => sum + row.leveredBeta, 0) / withBeta.length;
    return {
      ...base,
      value: mean,
      source: 'comparables_mean_levered',
      indexCode: own ? input.ownIndex : comparableIndex,
      fallback: `${ownFailure}Hamada relevering not available (${chosen.reason}); the comparables' mean levered beta is used`,
    };
  }
  return {
    ...base,
    value: 1,
    source: 'market_default',
    indexCode: input.ownIndex,
    fallback: `${ownFailure}no comparable has a beta; beta is taken as 1 (the market's)`,
  };
}
