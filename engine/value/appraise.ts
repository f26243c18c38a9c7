import type { Company } from '../../data/store/tables.js';
import type { BetaEstimate } from './beta.js';
import { type CostOfEquity, costOfEquity } from './capm.js';
import type { ComparablesResult } from './comparables.js';
import { type FcffDcf, fcffDcf } from './dcf-fcff.js';
import { type EbitdaMultiple, type ReferenceDcf, referenceDcf } from './dcf-reference.js';
import { combineEnsemble, type EnsembleValue, type EnsembleWeights } from './ensemble.js';
import { regressionFeatures } from './features.js';
import { estimateGrowth, type GrowthBenchmarks, type GrowthEstimate } from './growth.js';
import type { ListedCompanyData } from './listed-universe.js';
import { marginalTaxRate } from './listed-universe.js';
import type { MarketData } from './market-data.js';
import { addMonths, annualisedReturn, monthEnd } from './market-series.js';
import type { ValuationOptions } from './options.js';
import { notAvailable, type Outcome, ok } from './outcome.js';
import { methodRanges, type RangeMethod, type ValueRange } from './ranges.js';
import { type MarketValueRegression, predictMarketValue } from './regression.js';
import { type MultipleTable, type MultipleValue, valueByMultiple } from './sector-multiple.js';
import { type FiscalYear, interestBearingDebt } from './statements.js';
import { chooseTargetBeta, type TargetBeta } from './target-beta.js';
import { corporateTax, fiscalStartYear, type TaxComputation } from './tax.js';
import { NO_TRAINED_PREDICTIONS, type TrainedModels, type TrainedPredictions } from './trained-models.js';

/**
 * Runs every valuation method for one company against a fitted model, and records each input and
 * each fallback. The caller supplies the company's statements and comparables; for a listed company
 * valued as listed, also its own beta, market capitalisation and EV/EBITDA.
 */

export interface FittedParts {
  market: MarketData;
  listed: ReadonlyMap<number, ListedCompanyData>;
  growth: GrowthBenchmarks;
  regression: Outcome<MarketValueRegression>;
  multiples: MultipleTable;
  evToEbitda: {
    bySector: Map<string, { median: number; companies: number }>;
    market: { median: number; companies: number } | null;
  };
  weights: EnsembleWeights | null;
  options: ValuationOptions;
  /** Trained ONNX models; absent where a caller fits parts without loading them. */
  trained?: TrainedModels;
}

export interface OwnMarketData {
  beta: Outcome<BetaEstimate>;
  indexCode: 'KOSPI' | 'KOSDAQ';
  marketCapKrw: number | undefined;
  evToEbitda: number | undefined;
}

export interface RegressionValue {
  modelId: string;
  valueKrw: number;
  /** True when the prediction was pulled back to within a factor e of the training range. */
  clamped: boolean;
  imputed: string[];
}

export interface Appraisal {
  beta: TargetBeta;
  discountRate: Outcome<CostOfEquity>;
  growth: GrowthEstimate[];
  tax: TaxComputation | null;
  methods: {
    dcf_reference: Outcome<ReferenceDcf>;
    dcf_fcff: Outcome<FcffDcf>;
    regression: Outcome<RegressionValue>;
    sector_multiple: Outcome<MultipleValue>;
    ensemble: Outcome<EnsembleValue>;
  };
  /** Value ranges for the football-field chart, for the methods that have a value. */
  ranges: Partial<Record<RangeMethod, ValueRange>>;
  fallbacks: string[];
}

function ebitdaMultipleFor(
  own: OwnMarketData | null,
  beta: TargetBeta,
  sector: string | null,
  parts: FittedParts,
): Outcome<EbitdaMultiple> {
  if (own?.evToEbitda !== undefined) return ok({ value: own.evToEbitda, source: 'own', companies: 1 });
  const fromComparables = beta.comparables
    .flatMap((row) => (row.evToEbitda !== null ? [row.evToEbitda] : []))
    .sort((a, b) => a - b);
  if (fromComparables.length > 0) {
    const middle = fromComparables.length >> 1;
    const median =
      fromComparables.length % 2 === 1
        ? (fromComparables[middle] as number)
        : ((fromComparables[middle - 1] as number) + (fromComparables[middle] as number)) / 2;
    return ok({ value: median, source: 'comparables median', companies: fromComparables.length });
  }
  const sectorMedian = sector ? parts.evToEbitda.bySector.get(sector) : undefined;
  if (sectorMedian)
    return ok({
      value: sectorMedian.median,
      source: `sector ${sector} median`,
      companies: sectorMedian.companies,
    });
  if (parts.evToEbitda.market)
    return ok({
      value: parts.evToEbitda.market.median,
      source: 'listed-company median',
      companies: parts.evToEbitda.market.companies,
    });
  return notAvailable('no comparable or listed company has a positive EV/EBITDA');
}

/**
 * Picks the window E[Rm] is measured over: the window of the beta in use, so that beta and market
 * return describe the same period. For comparables' betas it spans their windows. Without a measured
 * beta it is the configured window before the valuation date, starting no earlier than the index.
 */
function marketReturnWindow(
  beta: TargetBeta,
  asOf: string,
  windowMonths: number,
  indexStart: string | null,
): { from: string; to: string } {
  if (beta.own?.status === 'ok') return beta.own.window;
  const windows = beta.comparables.flatMap((row) => (row.betaWindow ? [row.betaWindow] : []));
  if (beta.source !== 'market_default' && windows.length > 0) {
    const starts = windows.map((window) => window.from).sort();
    const ends = windows.map((window) => window.to).sort();
    return { from: starts[0] as string, to: ends[ends.length - 1] as string };
  }
  const from = monthEnd(addMonths(asOf.slice(0, 7), -windowMonths));
  return { from: indexStart && indexStart > from ? indexStart : from, to: asOf };
}

export function appraise(
  parts: FittedParts,
  target: {
    company: Company;
    years: readonly FiscalYear[];
    own: OwnMarketData | null;
    comparables: ComparablesResult;
    /** Outputs of the trained models for this company (see predictTrained). */
    trained?: TrainedPredictions;
  },
): Appraisal {
  const { options, market } = parts;
  const { company, years, own } = target;
  const latest = years[years.length - 1];
  const fallbacks: string[] = [];

  const debt = latest ? interestBearingDebt(latest) : { value: 0, reported: false };
  const ownEquity = own?.marketCapKrw;
  const targetLeverage = {
    debtKrw: debt.value,
    equityKrw: ownEquity ?? latest?.items.equity ?? 0,
    equityBasis: ownEquity !== undefined ? ('market_cap' as const) : ('book' as const),
    taxRate: marginalTaxRate(latest, options.includeLocalIncomeTax),
    debtReported: debt.reported,
    equityReported: ownEquity !== undefined || latest?.items.equity !== undefined,
  };
  const beta = chooseTargetBeta({
    own: own?.beta ?? null,
    ownIndex: own?.indexCode ?? 'KOSPI',
    targetLeverage,
    comparables: target.comparables,
    listed: parts.listed,
    hamada: options.hamada,
  });
  if (beta.fallback) fallbacks.push(`beta: ${beta.fallback}`);
  if (target.comparables.note) fallbacks.push(`comparables: ${target.comparables.note}`);
  if (market.riskFreeFallback) fallbacks.push(`risk-free rate: ${market.riskFreeFallback}`);

  const index = market.indexes.get(beta.indexCode);
  const window = marketReturnWindow(beta, market.asOf, options.windowMonths, index?.firstDate ?? null);
  const marketReturn = index ? annualisedReturn(index, window.from, window.to) : undefined;
  let discountRate: Outcome<CostOfEquity> = marketReturn
    ? costOfEquity(market.riskFree, marketReturn, beta.value)
    : notAvailable(`no ${beta.indexCode} index levels covering ${window.from}..${window.to}`);
  // A few years of realised returns estimate E[Rm] noisily. When they fall short of Rf, the index's
  // whole stored history gives the longer-run estimate.
  if (discountRate.status !== 'ok' && marketReturn && index?.firstDate && index.firstDate < window.from) {
    const longRun = annualisedReturn(index, index.firstDate, window.to);
    const retried = longRun ? costOfEquity(market.riskFree, longRun, beta.value) : discountRate;
    if (retried.status === 'ok' && longRun) {
      fallbacks.push(
        `market return: ${discountRate.reason.replace(/; use a longer beta window$/, '')}; the index's return over its whole stored history (${longRun.from}..${longRun.to}) is used instead`,
      );
      discountRate = retried;
    }
  }
  const rate =
    discountRate.status === 'ok'
      ? ok({ rate: discountRate.costOfEquity, riskFreeRate: market.riskFree.rate })
      : discountRate;

  const trained = target.trained ?? NO_TRAINED_PREDICTIONS;
  let growth: GrowthEstimate[];
  if (trained.growth.status === 'ok') {
    growth = trained.growth.estimates;
  } else {
    growth = estimateGrowth(years, company.sector, parts.growth);
    fallbacks.push(
      `growth: trained growth model not used (${trained.growth.reason}); each item uses the fallback named in its row (own CAGR, sector median, market median)`,
    );
  }
  const revenueGrowth = growth.find((estimate) => estimate.item === 'revenue')?.rate ?? 0;
  const tax = latest
    ? corporateTax(
        latest.items.pretaxIncome ?? latest.items.operatingIncome ?? 0,
        fiscalStartYear(latest.period),
        {
          includeLocalIncomeTax: options.includeLocalIncomeTax,
        },
      )
    : null;

  const multiple = ebitdaMultipleFor(own, beta, company.sector, parts);
  const dcfReference = referenceDcf({
    latest,
    growth,
    discountRate: rate,
    ebitdaMultiple: multiple,
    includeLocalIncomeTax: options.includeLocalIncomeTax,
  });
  const runFcff = (shift: number) =>
    fcffDcf({
      years,
      sector: company.sector,
      revenueGrowth,
      costOfEquity: rate.status === 'ok' ? { ...rate, rate: rate.rate + shift } : rate,
      equityForWeights: { krw: targetLeverage.equityKrw, basis: targetLeverage.equityBasis },
      options: {
        horizonYears: options.horizonYears,
        terminalGrowth: options.terminalGrowth,
        includeLocalIncomeTax: options.includeLocalIncomeTax,
      },
    });
  const dcfFcff = runFcff(0);

  let regression: Outcome<RegressionValue>;
  if (trained.regression.status === 'ok') {
    regression = ok({ ...trained.regression, clamped: false });
  } else if (parts.regression.status !== 'ok') {
    regression = notAvailable(`no fitted regression: ${parts.regression.reason}`);
  } else {
    const features = regressionFeatures(years);
    regression =
      features.status === 'ok'
        ? (() => {
            const predicted = predictMarketValue(parts.regression, features.values, company.sector);
            return ok({
              modelId: parts.regression.id,
              valueKrw: predicted.valueKrw,
              clamped: predicted.clamped,
              imputed: features.imputed,
            });
          })()
        : features;
    fallbacks.push(
      `regression: trained LightGBM model not used (${trained.regression.reason}); ridge regression on ln(market capitalisation) fitted on listed companies`,
    );
  }
  const sectorMultiple = valueByMultiple(latest, company.sector, parts.multiples);

  const values = {
    ...(regression.status === 'ok' ? { regression: regression.valueKrw } : {}),
    ...(dcfFcff.status === 'ok' ? { dcf_fcff: dcfFcff.valueKrw } : {}),
    ...(dcfReference.status === 'ok' ? { dcf_reference: dcfReference.valueKrw } : {}),
  };
  const ensemble = parts.weights
    ? combineEnsemble(parts.weights.weights, values)
    : notAvailable('ensemble weights are being fitted');
  if (ensemble.status === 'ok' && ensemble.missing.length > 0) {
    fallbacks.push(
      `ensemble: ${ensemble.missing.join(' and ')} not available, so the remaining weights were renormalised`,
    );
  }
  return {
    beta,
    discountRate,
    growth,
    tax,
    methods: {
      dcf_reference: dcfReference,
      dcf_fcff: dcfFcff,
      regression,
      sector_multiple: sectorMultiple,
      ensemble,
    },
    ranges: methodRanges({
      discountRate,
      fcff: dcfFcff,
      rerunFcff: runFcff,
      reference: dcfReference,
      regression,
      regressionRmse: parts.regression.status === 'ok' ? parts.regression.training.cvRmseLog : null,
      multiple: sectorMultiple,
      ensemble,
    }),
    fallbacks,
  };
}
