import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { fillRanking, type PartnerRanker } from './ranker.js';

/**
 * The ceiling on generated data: candidates ranked by the true interaction probability that the
 * generator drew interactions with (truth/affinity.csv). No method that sees only the data can
 * expect to rank better, so its Recall@K bounds what is reachable on this split.
 */
export class TrueAffinityRanker implements PartnerRanker {
  readonly id = 'ceiling-true-affinity';
  readonly label = 'ceiling: true interaction probability from the generator';

  private constructor(private readonly partners: ReadonlyMap<number, number[]>) {}

  /**
   * Reads affinity.csv (brn_a, brn_b, affinity) and maps BRNs to company ids with `idOfBrn`.
   * Pairs are symmetric; a pair listed under both companies keeps its larger value.
   */
  static async load(path: string, idOfBrn: ReadonlyMap<string, number>): Promise<TrueAffinityRanker> {
    const scores = new Map<number, Map<number, number>>();
    const add = (a: number, b: number, affinity: number) => {
      const map = scores.get(a) ?? new Map<number, number>();
      map.set(b, Math.max(map.get(b) ?? 0, affinity));
      scores.set(a, map);
    };
    const parser = createReadStream(path).pipe(parse({ columns: true, bom: true }));
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      const a = idOfBrn.get(record.brn_a ?? '');
      const b = idOfBrn.get(record.brn_b ?? '');
      const affinity = Number(record.affinity);
      if (a === undefined || b === undefined || !Number.isFinite(affinity)) continue;
      add(a, b, affinity);
      add(b, a, affinity);
    }
    const partners = new Map<number, number[]>();
    for (const [company, map] of scores) {
      partners.set(
        company,
        [...map].sort((x, y) => y[1] - x[1] || x[0] - y[0]).map(([id]) => id),
      );
    }
    return new TrueAffinityRanker(partners);
  }

  async rank(companyId: number, limit: number, exclude: ReadonlySet<number>): Promise<number[]> {
    const out: number[] = [];
    fillRanking(out, this.partners.get(companyId) ?? [], limit, (id) => id === companyId || exclude.has(id));
    return out;
  }
}
