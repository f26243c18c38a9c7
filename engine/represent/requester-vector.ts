import { type PatentSummary, patentsOfCompany } from '../../data/store/patent-queries.js';
import type { Company } from '../../data/store/tables.js';
import type { EngineContext } from '../engine.js';
import { profileText } from './profile-text.js';

/**
 * The requester's representation: its patent vectors in filing order when it has indexed patents;
 * otherwise one vector from its profile text (products, overview, themes, sector); otherwise from
 * its name alone, which the answer flags as weak.
 */
export interface RequesterRepresentation {
  kind: 'patents' | 'profile' | 'name';
  /** Oldest first. One vector for 'profile' and 'name'. */
  sequence: Float32Array[];
  /** The requester's indexed patents, aligned with `sequence` when kind is 'patents'. */
  patents: PatentSummary[];
  patentCount: number;
}

export async function representRequester(
  context: EngineContext,
  company: Company,
): Promise<RequesterRepresentation> {
  const patents = await patentsOfCompany(context.store.db, company.id);
  const indexed = patents.filter((patent) => context.patentIndex.has(patent.id));
  if (indexed.length > 0) {
    return {
      kind: 'patents',
      sequence: indexed.map((patent) => context.patentIndex.getVector(patent.id)),
      patents: indexed,
      patentCount: patents.length,
    };
  }
  if (context.profileIndex.has(company.id)) {
    return {
      kind: 'profile',
      sequence: [context.profileIndex.getVector(company.id)],
      patents: [],
      patentCount: patents.length,
    };
  }
  const text = profileText(company);
  if (text) {
    const [vector] = await context.embedder.embed([text]);
    return { kind: 'profile', sequence: [vector as Float32Array], patents: [], patentCount: patents.length };
  }
  const [vector] = await context.embedder.embed([company.name]);
  return { kind: 'name', sequence: [vector as Float32Array], patents: [], patentCount: patents.length };
}
