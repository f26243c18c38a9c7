import type { Kysely } from 'kysely';
import { classifySector } from '../sectors.js';
import { bumpDataVersion } from '../store/data-version.js';
import type { Database } from '../store/tables.js';
import { chunk } from './companies.js';
import type { RunChanges } from './types.js';

const PAGE_SIZE = 5_000;

/**
 * Sets `sector` (sector_source 'derived') on every company whose sector was not given explicitly,
 * from its KSIC industry, KRX industry and WICS sector in that order ('other' when none matches).
 * Companies with no industry label at all keep a null sector. Runs in one transaction, which also
 * increments the data version when a sector changed. Returns how many companies changed, and their
 * ids join the run's profile changes.
 */
export async function deriveSectors(db: Kysely<Database>, run: RunChanges): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const idsBySector = new Map<string, number[]>();
    let lastId = 0;
    for (;;) {
      const page = await trx
        .selectFrom('companies')
        .select(['id', 'ksic_industry', 'krx_industry', 'wics_sector', 'sector', 'sector_source'])
        .where('id', '>', lastId)
        .where((eb) => eb.or([eb('sector_source', 'is', null), eb('sector_source', '!=', 'explicit')]))
        .orderBy('id')
        .limit(PAGE_SIZE)
        .execute();
      if (page.length === 0) break;
      lastId = (page[page.length - 1] as { id: number }).id;
      for (const company of page) {
        const labels = [company.ksic_industry, company.krx_industry, company.wics_sector];
        if (labels.every((label) => label === null)) continue;
        const sector = classifySector(labels);
        if (sector === company.sector && company.sector_source === 'derived') continue;
        const ids = idsBySector.get(sector) ?? [];
        ids.push(company.id);
        idsBySector.set(sector, ids);
      }
    }
    const now = new Date().toISOString();
    let changed = 0;
    for (const [sector, ids] of idsBySector) {
      for (const part of chunk(ids)) {
        await trx
          .updateTable('companies')
          .set({ sector, sector_source: 'derived', updated_at: now })
          .where('id', 'in', part)
          .execute();
      }
      for (const id of ids) run.profileCompanyIds.add(id);
      changed += ids.length;
    }
    if (changed > 0) await bumpDataVersion(trx);
    return changed;
  });
}
