import type { Kysely } from 'kysely';
import type { Logger } from '../../core/logger.js';
import { readDataVersion } from '../../data/store/data-version.js';
import type { Company, Database } from '../../data/store/tables.js';
import type { FittedParts } from './appraise.js';
import { appraiseCompany } from './appraise-company.js';
import type { ComparablePool, VectorSpaces } from './comparables.js';
import { chooseWeights, type EnsembleSample } from './ensemble.js';
import { regressionFeatures } from './features.js';
import { growthBenchmarks } from './growth.js';
import { type ListedCompanyData, loadListedUniverse } from './listed-universe.js';
import { loadMarketData } from './market-data.js';
import { modelKey, type ValuationOptions } from './options.js';
import { fitMarketValueRegression, type RegressionSample } from './regression.js';
import { fitMultiples } from './sector-multiple.js';
import { gateTrainedRegression } from './trained-gate.js';
import { loadTrainedModels, valuationModelsDir } from './trained-models.js';

/**
 * The valuation model fitted on listed companies: growth benchmarks, the market-value regression,
 * sector multiples and EV/EBITDA medians on the training split, ensemble weights on the validation
 * split. The test split is never fitted on; the accuracy benchmark reports on it. One model is
 * built per store and option set, on first use, and kept in memory.
 */

export type Split = 'train' | 'validation' | 'test';

/** Deterministic split by FNV-1a hash of the ticker (or id): 60 % train, 20 % validation, 20 % test. */
export function splitOf(company: Pick<Company, 'id' | 'ticker'>): Split {
  const key = company.ticker ?? `id:${company.id}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const bucket = hash % 10;
  if (bucket < 6) return 'train';
  if (bucket < 8) return 'validation';
  return 'test';
}

export interface ValuationModel {
  key: string;
  parts: FittedParts;
  pool: ComparablePool;
  spaces: VectorSpaces | undefined;
  counts: { listed: number; train: number; validation: number; test: number; withBeta: number };
  buildMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function evToEbitdaMedians(rows: readonly ListedCompanyData[]): FittedParts['evToEbitda'] {
  const bySectorValues = new Map<string, number[]>();
  const all: number[] = [];
  for (const row of rows) {
    if (row.evToEbitda === undefined) continue;
    all.push(row.evToEbitda);
    if (row.company.sector)
      bySectorValues.set(row.company.sector, [
        ...(bySectorValues.get(row.company.sector) ?? []),
        row.evToEbitda,
      ]);
  }
  const bySector = new Map<string, { median: number; companies: number }>();
  for (const [sector, values] of bySectorValues)
    if (values.length >= 5) bySector.set(sector, { median: median(values), companies: values.length });
  return { bySector, market: all.length > 0 ? { median: median(all), companies: all.length } : null };
}

/**
 * Maps each patent of a pool company to the pool companies that own it, built on first use. It
 * replaces a store query per comparables search.
 */
function poolOwnerLookup(
  pool: ReadonlyMap<number, Company>,
  listed: ReadonlyMap<number, ListedCompanyData>,
): (patentId: number) => readonly number[] {
  let owners: Map<number, number[]> | undefined;
  return (patentId) => {
    if (!owners) {
      owners = new Map();
      for (const companyId of pool.keys()) {
        for (const id of listed.get(companyId)?.patentIds ?? []) {
          const list = owners.get(id);
          if (list) list.push(companyId);
          else owners.set(id, [companyId]);
        }
      }
    }
    return owners.get(patentId) ?? [];
  };
}

/** Fits the model. Spaces are the engine's vector indexes; without them comparables come from sectors. */
export async function buildValuationModel(
  db: Kysely<Database>,
  spaces: VectorSpaces | undefined,
  options: ValuationOptions,
  logger?: Logger,
): Promise<ValuationModel> {
  const started = performance.now();
  const market = await loadMarketData(db, options.asOf);
  const listed = await loadListedUniverse(db, market, {
    beta: {
      windowMonths: options.windowMonths,
      minMonths: options.minMonths,
      blume: options.blume,
      maxAbsLogReturn: Math.log(3),
    },
    includeLocalIncomeTax: options.includeLocalIncomeTax,
  });
  const rows = [...listed.values()];
  const fitted = (split: Split) =>
    rows.filter((row) => splitOf(row.company) === split && row.years.length > 0 && row.marketCap);
  const train = fitted('train');
  const validation = fitted('validation');

  const samples: RegressionSample[] = [];
  for (const row of train) {
    const features = regressionFeatures(row.years);
    if (features.status === 'ok')
      samples.push({
        features: features.values,
        sector: row.company.sector,
        marketCapKrw: row.marketCap?.marketCapKrw ?? 0,
      });
  }
  const parts: FittedParts = {
    market,
    listed,
    growth: growthBenchmarks(train.map((row) => ({ sector: row.company.sector, years: row.years }))),
    regression: fitMarketValueRegression(samples),
    multiples: fitMultiples(
      train.map((row) => ({
        sector: row.company.sector,
        latest: row.years[row.years.length - 1] as (typeof row.years)[number],
        marketCapKrw: row.marketCap?.marketCapKrw ?? 0,
      })),
    ),
    evToEbitda: evToEbitdaMedians(train),
    weights: null,
    options,
    trained: await loadTrainedModels(valuationModelsDir()),
  };
  if (parts.trained)
    parts.trained = await gateTrainedRegression(parts.trained, parts.regression, validation, logger);
  for (const [name, outcome] of Object.entries(parts.trained ?? {})) {
    if (outcome.status === 'ok') logger?.info({ model: outcome.model.id }, `Trained ${name} model loaded`);
    else logger?.warn({ reason: outcome.reason }, `Trained ${name} model not available; its fallback runs`);
  }
  const eligible = new Map<number, Company>();
  for (const row of rows)
    if (row.beta.status === 'ok' && row.leverage) eligible.set(row.company.id, row.company);
  const pool: ComparablePool = {
    companies: eligible,
    patentIdsOf: (id) => listed.get(id)?.patentIds ?? [],
    revenueOf: (id) => {
      const years = listed.get(id)?.years ?? [];
      return years[years.length - 1]?.items.revenue;
    },
    representations: new Map(),
    poolOwnersOf: poolOwnerLookup(eligible, listed),
  };

  const ensembleSamples: EnsembleSample[] = [];
  for (const row of validation) {
    const { appraisal } = await appraiseCompany({
      db,
      spaces,
      parts,
      pool,
      company: row.company,
      treatAsUnlisted: true,
    });
    const value = (method: 'regression' | 'dcf_fcff' | 'dcf_reference') => {
      const outcome = appraisal.methods[method];
      return outcome.status === 'ok' ? { [method]: outcome.valueKrw } : {};
    };
    ensembleSamples.push({
      truthKrw: row.marketCap?.marketCapKrw ?? 0,
      values: { ...value('regression'), ...value('dcf_fcff'), ...value('dcf_reference') },
    });
  }
  parts.weights = chooseWeights(ensembleSamples);

  const model: ValuationModel = {
    key: modelKey(options),
    parts,
    pool,
    spaces,
    counts: {
      listed: rows.length,
      train: train.length,
      validation: validation.length,
      test: fitted('test').length,
      withBeta: eligible.size,
    },
    buildMs: Math.round(performance.now() - started),
  };
  logger?.info(
    { asOf: market.asOf, ...model.counts, weights: parts.weights.weights, ms: model.buildMs },
    'Valuation model fitted on listed companies',
  );
  if (parts.regression.status !== 'ok')
    logger?.warn({ reason: parts.regression.reason }, 'Market-value regression not available');
  return model;
}

/** Fitted models per store, with the data version they were fitted at. */
const models = new WeakMap<object, { dataVersion: number; byKey: Map<string, Promise<ValuationModel>> }>();
const spaceIds = new WeakMap<object, number>();
let nextSpaceId = 1;

/** Numbers each loaded patent index, so that a rebuilt index gets a new model. */
function spacesKey(spaces: VectorSpaces | undefined): string {
  if (!spaces) return 'sector';
  let id = spaceIds.get(spaces.patentIndex);
  if (id === undefined) {
    id = nextSpaceId++;
    spaceIds.set(spaces.patentIndex, id);
  }
  return `vectors-${id}`;
}

/**
 * Returns the cached model for a store and options, building it on first use. Each call reads the
 * store's data version (one small query), and a new version drops the store's models, so the first
 * call after an import fits the model again. A failed build is dropped from the cache so the next
 * call retries.
 */
export async function getValuationModel(
  db: Kysely<Database>,
  spaces: VectorSpaces | undefined,
  options: ValuationOptions,
  logger?: Logger,
): Promise<ValuationModel> {
  const dataVersion = await readDataVersion(db);
  let perStore = models.get(db);
  if (!perStore || perStore.dataVersion !== dataVersion) {
    perStore = { dataVersion, byKey: new Map() };
    models.set(db, perStore);
  }
  const { byKey } = perStore;
  const key = `${spacesKey(spaces)}:${modelKey(options)}`;
  let pending = byKey.get(key);
  if (!pending) {
    pending = buildValuationModel(db, spaces, options, logger);
    byKey.set(key, pending);
    pending.catch(() => byKey.delete(key));
  }
  return pending;
}

/** Drops every cached model of a store, for example after an import changed its statements or prices. */
export function clearValuationModels(db: Kysely<Database>): void {
  models.delete(db);
}
