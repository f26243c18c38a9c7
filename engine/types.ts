/** The engine's request and result shapes, shared by every adapter. */

export interface RecommendRequest {
  /** A BRN, a ticker or a company name. */
  company: string;
  /** A sector code or alias (`bio`, `바이오`); undefined for any sector. */
  sector?: string;
  topK?: number;
  /** Drop partners without a valuation or valued below the requester. Defaults to the configured value. */
  valuationFilter?: boolean;
  /** Company ids to leave out, for example partners the user excluded in a chat thread. */
  excludeCompanyIds?: readonly number[];
}

export interface Valuation {
  value: number;
  currency: 'KRW';
  /** Valuation method, e.g. 'market_cap' or 'ensemble'. */
  method: string;
  /** Input source, e.g. the import source of the market capitalisation. */
  source: string;
  asOf: string | null;
}

export interface CompanyRef {
  id: number;
  name: string;
  brn: string | null;
  ticker: string | null;
  sector: string | null;
  listed: boolean;
}

export interface PatentEvidence {
  kind: 'patent';
  applicationNo: string;
  title: string;
  filingDate: string | null;
  /** Cosine similarity between this patent and the requester's predicted next-patent vector. */
  similarity: number;
  ipcSubclasses: string[];
  /** The requester's patent closest to this one, when the requester has patents. */
  closestRequesterPatent: { applicationNo: string; title: string; similarity: number } | null;
}

export interface ProfileEvidence {
  kind: 'profile';
  /** Cosine similarity between the partner's profile text vector and the requester's vector. */
  similarity: number;
  /** The start of the profile text that matched (main products, overview, themes). */
  text: string;
}

export type Evidence = PatentEvidence | ProfileEvidence;

export interface Partner extends CompanyRef {
  rank: number;
  /** Sum of the similarities of all hits, reported alongside the ordering keys. */
  score: number;
  hitCount: number;
  bestSimilarity: number;
  valuation: Valuation | null;
  evidence: Evidence[];
  /** IPC subclasses shared by the partner's matched patents and the requester's patents. */
  sharedIpcSubclasses: string[];
}

export interface ModelUsage {
  /** The stage: 'summarizer', 'embedder', 'next_vector', 'growth' or 'market_value'. */
  stage: string;
  id: string;
  version: string;
  fallback: boolean;
  note?: string;
}

export interface RecommendResult {
  requester: CompanyRef & {
    valuation: Valuation | null;
    patentCount: number;
    /** Source of the requester's vector: its patents, its profile text or its name. */
    representation: 'patents' | 'profile' | 'name';
  };
  query: { company: string; sector: string | null; topK: number; valuationFilter: boolean };
  partners: Partner[];
  /** Sentences for the user: skipped filters, short lists and how to widen them. */
  notes: string[];
  models: ModelUsage[];
  timingsMs: Record<string, number>;
}
