import { fillRanking, type PartnerRanker } from './ranker.js';

/**
 * Popularity within sector: companies of the requester's sector ordered by their number of
 * training interactions, then the remaining companies by the same count. A requester without a
 * sector gets the global order. Ties go to the lower company id.
 */
export class SectorPopularityRanker implements PartnerRanker {
  readonly id = 'popularity-in-sector';
  readonly label = 'popularity within sector (training interactions)';
  private readonly global: number[];
  private readonly bySector = new Map<string, number[]>();

  constructor(
    interactions: ReadonlyMap<number, number>,
    private readonly sectorOf: ReadonlyMap<number, string | null>,
  ) {
    this.global = [...interactions.keys()].sort(
      (a, b) => (interactions.get(b) as number) - (interactions.get(a) as number) || a - b,
    );
    for (const id of this.global) {
      const sector = sectorOf.get(id);
      if (!sector) continue;
      const list = this.bySector.get(sector) ?? [];
      list.push(id);
      this.bySector.set(sector, list);
    }
  }

  async rank(companyId: number, limit: number, exclude: ReadonlySet<number>): Promise<number[]> {
    const skip = (id: number) => id === companyId || exclude.has(id);
    const out: number[] = [];
    const sector = this.sectorOf.get(companyId);
    if (sector) fillRanking(out, this.bySector.get(sector) ?? [], limit, skip);
    fillRanking(out, this.global, limit, skip);
    return out;
  }
}
