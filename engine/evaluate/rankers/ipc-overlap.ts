import { fillRanking, type PartnerRanker } from './ranker.js';

/**
 * IPC-class overlap, the way patent analytics tools rank similar portfolios: each company is a
 * vector of IPC subclass counts over its visible patents, and candidates are ranked by the cosine
 * of the two vectors. A requester without visible patents gets an empty ranking.
 */
export class IpcOverlapRanker implements PartnerRanker {
  readonly id = 'ipc-overlap';
  readonly label = 'IPC subclass profile overlap (cosine of subclass counts)';
  private readonly postings = new Map<string, { company: number; count: number }[]>();
  private readonly norms = new Map<number, number>();

  constructor(private readonly profiles: ReadonlyMap<number, ReadonlyMap<string, number>>) {
    for (const [company, profile] of profiles) {
      let squares = 0;
      for (const [subclass, count] of profile) {
        squares += count * count;
        const list = this.postings.get(subclass) ?? [];
        list.push({ company, count });
        this.postings.set(subclass, list);
      }
      this.norms.set(company, Math.sqrt(squares));
    }
  }

  async rank(companyId: number, limit: number, exclude: ReadonlySet<number>): Promise<number[]> {
    const profile = this.profiles.get(companyId);
    const norm = this.norms.get(companyId) ?? 0;
    if (!profile || norm === 0) return [];
    const dots = new Map<number, number>();
    for (const [subclass, count] of profile) {
      for (const posting of this.postings.get(subclass) ?? []) {
        dots.set(posting.company, (dots.get(posting.company) ?? 0) + count * posting.count);
      }
    }
    const scored = [...dots].map(([company, dot]) => ({
      company,
      score: dot / (norm * (this.norms.get(company) as number)),
    }));
    scored.sort((a, b) => b.score - a.score || a.company - b.company);
    const out: number[] = [];
    fillRanking(
      out,
      scored.map((item) => item.company),
      limit,
      (id) => id === companyId || exclude.has(id),
    );
    return out;
  }
}
