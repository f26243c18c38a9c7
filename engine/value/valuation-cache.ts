import { LRUCache } from 'lru-cache';
import type { Company } from '../../data/store/tables.js';
import type { Deadline } from '../deadline.js';
import type { Valuation } from '../types.js';
import { valueCompanies } from './market-cap.js';
import type { ValuationContext } from './value-company.js';

/**
 * Valuations with the default options, kept across requests. An entry is keyed by the store's data
 * version (data/store/data-version.ts) and the company id, so an import makes every earlier entry
 * unreachable, and getValuationModel fits the model again for the new version. One cache belongs to one
 * valuation context (an engine with its loaded indexes), because comparables come from those
 * indexes. The TTL bounds how long a value can outlive a store change that bypasses the importer.
 * EXIT_VALUATION_CACHE_SIZE sets the number of entries (each a few hundred bytes), and 0 turns the
 * cache off.
 */

/** Time an entry is served after it was computed, in milliseconds. */
export const VALUATION_CACHE_TTL_MS = 15 * 60 * 1000;

interface Entry {
  valuation: Valuation | null;
}

export class ValuationCache {
  /** Null when the cache is off. */
  private readonly entries: LRUCache<string, Entry> | null;
  private newestVersion: number | undefined;
  hits = 0;
  misses = 0;

  constructor(
    private readonly context: ValuationContext,
    options: { maxEntries: number; ttlMs?: number },
  ) {
    this.entries =
      options.maxEntries > 0
        ? new LRUCache<string, Entry>({
            max: options.maxEntries,
            ttl: options.ttlMs ?? VALUATION_CACHE_TTL_MS,
          })
        : null;
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  /**
   * Values companies as `valueCompanies` does with the default options, computing only the ones
   * not cached for this data version. The caller reads the version once per request and passes it
   * to every call, so one request never mixes versions.
   */
  async value(
    companies: readonly Company[],
    dataVersion: number,
    deadline: Deadline | null = null,
  ): Promise<Map<number, Valuation | null>> {
    this.observe(dataVersion);
    const result = new Map<number, Valuation | null>();
    const missing: Company[] = [];
    for (const company of companies) {
      const entry = this.entries?.get(key(dataVersion, company.id));
      if (entry) {
        this.hits += 1;
        result.set(company.id, copy(entry.valuation));
      } else {
        this.misses += 1;
        missing.push(company);
      }
    }
    if (missing.length === 0) return result;
    const computed = await valueCompanies(this.context.store.db, missing, this.context, {}, deadline);
    for (const company of missing) {
      const valuation = computed.get(company.id) ?? null;
      this.entries?.set(key(dataVersion, company.id), { valuation: copy(valuation) });
      result.set(company.id, valuation);
    }
    return result;
  }

  /** Drops the entries of older versions at once, instead of waiting for the LRU to evict them. */
  private observe(dataVersion: number): void {
    if (this.newestVersion !== undefined && dataVersion > this.newestVersion) this.entries?.clear();
    if (this.newestVersion === undefined || dataVersion > this.newestVersion)
      this.newestVersion = dataVersion;
  }
}

function key(dataVersion: number, companyId: number): string {
  return `${dataVersion}:${companyId}`;
}

/** Copies a valuation, so that a caller changing its result cannot change the cached entry. */
function copy(valuation: Valuation | null): Valuation | null {
  return valuation ? { ...valuation } : null;
}

const caches = new WeakMap<ValuationContext, ValuationCache>();

/**
 * Returns the valuation cache of a context, creating it with `maxEntries` entries on first use;
 * later calls return the same cache whatever they pass.
 */
export function valuationCacheOf(context: ValuationContext, maxEntries: number): ValuationCache {
  let cache = caches.get(context);
  if (!cache) {
    cache = new ValuationCache(context, { maxEntries });
    caches.set(context, cache);
  }
  return cache;
}
