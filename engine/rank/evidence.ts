import { ipcSubclassesOf, patentsByIds } from '../../data/store/patent-queries.js';
import type { Company } from '../../data/store/tables.js';
import type { EngineContext } from '../engine.js';
import { cosine } from '../predict/next-vector.js';
import { profileText } from '../represent/profile-text.js';
import type { RequesterRepresentation } from '../represent/requester-vector.js';
import type { Evidence } from '../types.js';
import type { CompanyHits } from './group-hits.js';

/** How many matched items each partner shows. */
export const EVIDENCE_PER_PARTNER = 3;
const PROFILE_SNIPPET_LENGTH = 160;

export interface PartnerEvidence {
  evidence: Evidence[];
  sharedIpcSubclasses: string[];
}

/**
 * Builds the evidence for each kept partner: its best-matching patents (title, application number,
 * similarity, IPC subclasses, and the requester's closest patent) or its profile text, plus the IPC
 * subclasses its matched patents share with the requester's patents.
 */
export async function buildEvidence(
  context: EngineContext,
  requester: RequesterRepresentation,
  partners: readonly CompanyHits[],
  companies: ReadonlyMap<number, Company>,
): Promise<Map<number, PartnerEvidence>> {
  const shown = partners.map((partner) => ({ partner, hits: partner.hits.slice(0, EVIDENCE_PER_PARTNER) }));
  const patentIds = shown.flatMap(({ hits }) =>
    hits.filter((hit) => hit.kind === 'patent').map((hit) => hit.label),
  );
  const matchedIds = partners.flatMap((partner) =>
    partner.hits.filter((hit) => hit.kind === 'patent').map((hit) => hit.label),
  );
  const requesterIds = requester.patents.map((patent) => patent.id);
  const [details, ipc] = await Promise.all([
    patentsByIds(context.store.db, patentIds),
    ipcSubclassesOf(context.store.db, [...new Set([...matchedIds, ...requesterIds])]),
  ]);
  const requesterSubclasses = new Set(requesterIds.flatMap((id) => ipc.get(id) ?? []));

  const result = new Map<number, PartnerEvidence>();
  for (const { partner, hits } of shown) {
    const evidence: Evidence[] = [];
    for (const hit of hits) {
      if (hit.kind === 'profile') {
        const company = companies.get(partner.companyId);
        const text = company ? profileText(company) : '';
        evidence.push({
          kind: 'profile',
          similarity: round(hit.similarity),
          text: text.length > PROFILE_SNIPPET_LENGTH ? `${text.slice(0, PROFILE_SNIPPET_LENGTH)}…` : text,
        });
        continue;
      }
      const patent = details.get(hit.label);
      if (!patent) continue;
      evidence.push({
        kind: 'patent',
        applicationNo: patent.applicationNo,
        title: patent.title,
        filingDate: patent.filingDate,
        similarity: round(hit.similarity),
        ipcSubclasses: ipc.get(hit.label) ?? [],
        closestRequesterPatent: closestRequesterPatent(context, requester, hit.label),
      });
    }
    const partnerSubclasses = new Set(
      partner.hits.filter((hit) => hit.kind === 'patent').flatMap((hit) => ipc.get(hit.label) ?? []),
    );
    const shared = [...partnerSubclasses].filter((subclass) => requesterSubclasses.has(subclass)).sort();
    result.set(partner.companyId, { evidence, sharedIpcSubclasses: shared });
  }
  return result;
}

function closestRequesterPatent(
  context: EngineContext,
  requester: RequesterRepresentation,
  patentId: number,
): { applicationNo: string; title: string; similarity: number } | null {
  if (requester.kind !== 'patents' || requester.patents.length === 0) return null;
  const vector = context.patentIndex.getVector(patentId);
  let best = -Infinity;
  let bestIndex = -1;
  for (const [i, own] of requester.sequence.entries()) {
    const similarity = cosine(vector, own);
    if (similarity > best) {
      best = similarity;
      bestIndex = i;
    }
  }
  const patent = requester.patents[bestIndex];
  return patent
    ? { applicationNo: patent.applicationNo, title: patent.title, similarity: round(best) }
    : null;
}

export function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
