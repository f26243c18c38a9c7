import type { Partner, RecommendRequest, RecommendResult } from '../../../engine/types.js';

const SECTORS = ['bio', 'semiconductor', 'software', 'battery'];

/** Builds a partner with two pieces of patent evidence. Rank 1 has the most hits. */
export function fixturePartner(rank: number): Partner {
  const id = 100 + rank;
  return {
    id,
    rank,
    name: `파트너${rank} 주식회사`,
    brn: null,
    ticker: rank % 2 === 0 ? String(100000 + rank) : null,
    sector: SECTORS[rank % SECTORS.length] as string,
    listed: rank % 2 === 0,
    score: Number((5 - rank * 0.1).toFixed(3)),
    hitCount: Math.max(1, 12 - rank),
    bestSimilarity: Number((0.9 - rank * 0.01).toFixed(4)),
    valuation:
      rank % 5 === 0
        ? null
        : {
            value: (50 + rank) * 1e10,
            currency: 'KRW',
            method: 'market_cap',
            source: 'krx_market_snapshot',
            asOf: '2023-06-30',
          },
    evidence: [
      {
        kind: 'patent',
        applicationNo: `10202000${String(rank).padStart(5, '0')}`,
        title: `항체 기반 진단 키트 ${rank}`,
        filingDate: '2020-03-02',
        similarity: Number((0.9 - rank * 0.01).toFixed(4)),
        ipcSubclasses: ['A61K', rank % 2 === 0 ? 'G01N' : 'C12N'],
        closestRequesterPatent: {
          applicationNo: '1020190000001',
          title: '진단용 항체 조성물',
          similarity: 0.8123,
        },
      },
      {
        kind: 'patent',
        applicationNo: `10201900${String(rank).padStart(5, '0')}`,
        title: `바이오센서 <칩> & 제조 방법 ${rank}`,
        filingDate: null,
        similarity: Number((0.8 - rank * 0.01).toFixed(4)),
        ipcSubclasses: ['G01N'],
        closestRequesterPatent: null,
      },
    ],
    sharedIpcSubclasses: ['A61K'],
  };
}

/** A stored result for the requester 에이바이오 with `count` partners, as the engine returns it. */
export function fixtureResult(
  count: number,
  request: RecommendRequest = { company: '124-81-00998', topK: count },
): RecommendResult {
  return {
    requester: {
      id: 1,
      name: '에이바이오',
      brn: '124-81-00998',
      ticker: null,
      sector: 'bio',
      listed: false,
      valuation: {
        value: 3e11,
        currency: 'KRW',
        method: 'market_cap',
        source: 'krx_market_snapshot',
        asOf: '2023-06-30',
      },
      patentCount: 14,
      representation: 'patents',
    },
    query: {
      company: request.company,
      sector: request.sector ?? null,
      topK: request.topK ?? count,
      valuationFilter: true,
    },
    partners: Array.from({ length: count }, (_, i) => fixturePartner(i + 1)),
    notes: ['Partners valued below 에이바이오 (3,000억원) or without a valuation were dropped.'],
    models: [
      {
        stage: 'next_vector',
        id: 'recency-weighted-mean',
        version: '1',
        fallback: true,
        note: 'no trained SASRec model',
      },
    ],
    timingsMs: { resolve: 1 },
  };
}

/** A 1x1 transparent PNG, standing in for a rendered chart. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
