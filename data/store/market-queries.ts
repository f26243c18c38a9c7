import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

/** Read queries about market data: capitalisation snapshots. */

export interface MarketCapSnapshot {
  companyId: number;
  marketCapKrw: number;
  source: string;
  asOf: string | null;
}

/**
 * Picks the market capitalisation to use per company: the snapshot with the latest known date, and among
 * undated snapshots the one from the preferred source order. Dated snapshots win over undated ones.
 */
export async function latestMarketCaps(
  db: Kysely<Database>,
  companyIds: readonly number[],
  sourcePreference: readonly string[] = [],
): Promise<Map<number, MarketCapSnapshot>> {
  const result = new Map<number, MarketCapSnapshot>();
  for (let start = 0; start < companyIds.length; start += 500) {
    const chunk = companyIds.slice(start, start + 500);
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('market_caps')
      .select(['company_id', 'market_cap_krw', 'source', 'as_of'])
      .where('company_id', 'in', chunk)
      .where('market_cap_krw', '>', 0)
      .execute();
    for (const row of rows) {
      const candidate: MarketCapSnapshot = {
        companyId: row.company_id,
        marketCapKrw: Number(row.market_cap_krw),
        source: row.source,
        asOf: row.as_of,
      };
      const current = result.get(row.company_id);
      if (!current || isBetterSnapshot(candidate, current, sourcePreference))
        result.set(row.company_id, candidate);
    }
  }
  return result;
}

function isBetterSnapshot(
  a: MarketCapSnapshot,
  b: MarketCapSnapshot,
  preference: readonly string[],
): boolean {
  if (a.asOf && b.asOf) return a.asOf > b.asOf;
  if (a.asOf !== b.asOf) return a.asOf !== null;
  const rank = (source: string) => {
    const index = preference.indexOf(source);
    return index === -1 ? preference.length : index;
  };
  if (rank(a.source) !== rank(b.source)) return rank(a.source) < rank(b.source);
  return a.source < b.source;
}
