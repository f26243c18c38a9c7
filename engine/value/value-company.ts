import { ExitError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { getCompany } from '../../data/store/company-queries.js';
import type { Store } from '../../data/store/connect.js';
import { latestMarketCaps } from '../../data/store/market-queries.js';
import type { Company } from '../../data/store/tables.js';
import { appraiseCompany, type CompanyAppraisal } from './appraise-company.js';
import {
  assertFiniteNumbers,
  type MarketCapInfo,
  METHOD_LABELS,
  summariseMethods,
  type ValuationBreakdown,
} from './breakdown.js';
import type { VectorSpaces } from './comparables.js';
import { MARKET_CAP_SOURCE_PREFERENCE } from './market-cap-sources.js';
import { resolveValuationOptions, type ValuationOptions } from './options.js';
import { getValuationModel, splitOf, type ValuationModel } from './valuation-model.js';

/**
 * Engine parts a valuation reads: the store, a logger, and optionally the vector indexes and
 * embedder for comparables. An `EngineContext` has all of them.
 */
export interface ValuationContext {
  store: Pick<Store, 'db'>;
  logger?: Logger;
  patentIndex?: VectorSpaces['patentIndex'];
  profileIndex?: VectorSpaces['profileIndex'];
  embedder?: VectorSpaces['embedder'];
}

export function vectorSpacesOf(context: ValuationContext): VectorSpaces | undefined {
  const { patentIndex, profileIndex, embedder } = context;
  return patentIndex && profileIndex && embedder ? { patentIndex, profileIndex, embedder } : undefined;
}

/** Resolves options, turning a range problem into an INVALID_INPUT error for the user. */
export function validOptions(options: Partial<ValuationOptions>): ValuationOptions {
  try {
    return resolveValuationOptions(options);
  } catch (error) {
    if (error instanceof RangeError) throw new ExitError('INVALID_INPUT', error.message);
    throw error;
  }
}

export function modelFor(context: ValuationContext, options: ValuationOptions): Promise<ValuationModel> {
  return getValuationModel(context.store.db, vectorSpacesOf(context), options, context.logger);
}

/**
 * Chooses the value a company gets, with the reason: market capitalisation when listed, the ensemble
 * otherwise.
 */
export function chooseValue(
  result: CompanyAppraisal,
  latestCap: MarketCapInfo | null,
  listedView: boolean,
): { chosen: ValuationBreakdown['chosen']; noValueReason: string | null; fallback: string | null } {
  if (listedView) {
    if (latestCap) {
      return {
        chosen: {
          method: 'market_cap',
          valueKrw: latestCap.valueKrw,
          why: `listed company: market capitalisation (${latestCap.source})`,
        },
        noValueReason: null,
        fallback: null,
      };
    }
  }
  const { ensemble, sector_multiple: multiple } = result.appraisal.methods;
  if (ensemble.status === 'ok') {
    const parts = Object.entries(ensemble.weightsUsed)
      .map(
        ([method, weight]) =>
          `${METHOD_LABELS[method as keyof typeof METHOD_LABELS]} ${(weight * 100).toFixed(0)}%`,
      )
      .join(', ');
    const prefix = listedView ? 'no market capitalisation in the store, so ' : 'unlisted company: ';
    return {
      chosen: { method: 'ensemble', valueKrw: ensemble.valueKrw, why: `${prefix}ensemble of ${parts}` },
      noValueReason: null,
      fallback: listedView
        ? 'value: listed company without a market capitalisation valued by the ensemble'
        : null,
    };
  }
  if (multiple.status === 'ok') {
    return {
      chosen: {
        method: 'sector_multiple',
        valueKrw: multiple.valueKrw,
        why: `ensemble not available (${ensemble.reason}), so the sector multiple`,
      },
      noValueReason: null,
      fallback: `value: ensemble not available (${ensemble.reason}); the sector multiple baseline is used`,
    };
  }
  return {
    chosen: null,
    noValueReason: `ensemble: ${ensemble.reason}; sector multiple: ${multiple.reason}`,
    fallback: null,
  };
}

/** Assembles the breakdown from an appraisal and the model it ran against. */
export function buildBreakdown(
  model: ValuationModel,
  result: CompanyAppraisal,
  latestCap: MarketCapInfo | null,
): ValuationBreakdown {
  const { company, appraisal } = result;
  const options = model.parts.options;
  const listedView = Boolean(company.listed) && !options.treatAsUnlisted;
  const listedData = model.parts.listed.get(company.id);
  const atValuationDate: MarketCapInfo | null = listedData?.marketCap
    ? {
        valueKrw: listedData.marketCap.marketCapKrw,
        source: listedData.marketCap.source,
        asOf: listedData.marketCap.asOf,
      }
    : null;
  const { chosen, noValueReason, fallback } = chooseValue(result, latestCap, listedView);

  const notes: string[] = [];
  if (atValuationDate && latestCap && atValuationDate.source !== latestCap.source) {
    notes.push(
      `The methods compare with the market capitalisation snapshot ${atValuationDate.source}, the one nearest the valuation date. ` +
        `The current value uses the latest snapshot ${latestCap.source}.`,
    );
  }
  if (!listedView && company.listed) {
    notes.push('Valued as if unlisted: its own prices, market capitalisation and multiple were not read.');
  }

  const regression = model.parts.regression;
  const asOfMonth = model.parts.market.asOf.slice(0, 7);
  const years = result.history ? result.history.years.filter((year) => year.period <= asOfMonth) : [];

  const breakdown: ValuationBreakdown = {
    company: {
      id: company.id,
      name: company.name,
      ticker: company.ticker,
      brn: company.brn,
      listed: Boolean(company.listed),
      market: company.market,
      sector: company.sector,
    },
    asOf: model.parts.market.asOf,
    asOfSource: model.parts.market.asOfSource,
    valuedAs: listedView ? 'listed' : 'unlisted',
    options,
    inputs: {
      unit: 'KRW',
      statements: years.map((year) => ({ period: year.period, items: year.items })),
      statementSources: result.history?.sources ?? [],
      problems: result.history?.problems ?? [],
    },
    marketCap: { atValuationDate, latest: latestCap },
    comparables: result.comparables,
    beta: appraisal.beta,
    tax: appraisal.tax,
    discountRate: appraisal.discountRate,
    growth: appraisal.growth,
    methods: appraisal.methods,
    summary: summariseMethods(
      appraisal.methods,
      appraisal.ranges,
      atValuationDate ?? latestCap,
      listedView,
      model.parts.weights,
    ),
    chosen,
    noValueReason,
    model: {
      regression:
        regression.status === 'ok'
          ? { id: regression.id, ...regression.training, lambda: regression.fit.lambda }
          : { reason: regression.reason },
      ensembleWeights: model.parts.weights,
      listedCompanies: model.counts,
      split: company.listed ? splitOf(company) : null,
    },
    fallbacks: fallback ? [...appraisal.fallbacks, fallback] : appraisal.fallbacks,
    notes,
  };

  assertFiniteNumbers(breakdown);
  return breakdown;
}

/**
 * Values one company with the full auditable breakdown. Listed companies are valued at market
 * capitalisation unless `treatAsUnlisted`; unlisted companies by the ensemble of the market-value
 * regression and the DCF methods. Throws COMPANY_NOT_FOUND for an unknown id and INVALID_INPUT for
 * out-of-range options.
 */
export async function valueCompany(
  context: ValuationContext,
  companyOrId: number | Company,
  options: Partial<ValuationOptions> = {},
): Promise<ValuationBreakdown> {
  const { db } = context.store;
  const company = typeof companyOrId === 'number' ? await getCompany(db, companyOrId) : companyOrId;
  if (!company)
    throw new ExitError('COMPANY_NOT_FOUND', `No company has id ${String(companyOrId)}.`, {
      query: String(companyOrId),
      closest: [],
    });
  const resolved = validOptions(options);
  const model = await modelFor(context, resolved);
  const result = await appraiseCompany({
    db,
    spaces: model.spaces,
    parts: model.parts,
    pool: model.pool,
    company,
    treatAsUnlisted: resolved.treatAsUnlisted || !company.listed,
  });
  const caps = company.listed
    ? await latestMarketCaps(db, [company.id], MARKET_CAP_SOURCE_PREFERENCE)
    : new Map();
  const cap = caps.get(company.id);
  const latestCap: MarketCapInfo | null = cap
    ? { valueKrw: cap.marketCapKrw, source: cap.source, asOf: cap.asOf }
    : null;
  // The model was built for the options without treatAsUnlisted; the breakdown reports the caller's.
  return buildBreakdown({ ...model, parts: { ...model.parts, options: resolved } }, result, latestCap);
}
