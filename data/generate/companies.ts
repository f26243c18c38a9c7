/**
 * The generated company universe: identity (BRN, names, legal form), sector, size, listing, patent
 * count and a technology mix over the areas that drifts from the first active year to the last.
 */

import {
  ApplicantNumberIssuer,
  BrnIssuer,
  CorpCodeIssuer,
  CorporateNumberIssuer,
  TickerIssuer,
} from './identifiers.js';
import { aliasesFor, CompanyNamer, englishLegalName, registeredName } from './names.js';
import { Rng } from './prng.js';
import { SECTOR_PROFILES, type SectorProfile } from './sector-profiles.js';
import { AREA_COUNT, AREA_NEIGHBOURS, AREAS, areaIndex } from './vocabulary/index.js';

/** Offset of generated company_seq values; the real KIPRIS company table numbers from 1. */
export const GENERATED_SEQ_BASE = 90_000_000;

export interface Timeline {
  startYear: number;
  endYear: number;
}

export interface Company {
  index: number;
  /**
   * company_seq in the KIPRIS company table. Generated numbers start at GENERATED_SEQ_BASE + 1, far
   * above the real table's, so generated and real KIPRIS rows never share a source key.
   */
  seq: number;
  brn: string;
  /** True for a 법인 (corporation), false for a 개인 (sole proprietor) business. */
  corporate: boolean;
  /** 법인등록번호, '' for sole proprietors. */
  corpNo: string;
  core: string;
  registered: string;
  english: string;
  englishLegal: string;
  aliases: string[];
  profile: SectorProfile;
  /** Latent size on a standard-normal scale; revenue, patent count and listing all rise with it. */
  scale: number;
  foundedYear: number;
  /** First year of activity inside the generated window. */
  firstYear: number;
  listed: boolean;
  market: 'KOSPI' | 'KOSDAQ' | '';
  ticker: string;
  corpCode: string;
  /** Listing date YYYY-MM-DD, '' when unlisted. */
  listingDate: string;
  fiscalMonth: number;
  region: string;
  ksic: string;
  patentCount: number;
  /** KIPRIS applicant number, '' for companies without patents. */
  applicantNo: string;
  primaryArea: number;
  /** Technology mix in the first active year and in the end year; both sum to 1. */
  mixStart: Float64Array;
  mixEnd: Float64Array;
  products: string[];
  themes: string[];
}

/** Regions (KIND 지역) with rough shares of listed companies. */
const REGIONS: readonly (readonly [string, number])[] = [
  ['서울특별시', 40],
  ['경기도', 29],
  ['충청남도', 4],
  ['경상남도', 3.5],
  ['인천광역시', 3.5],
  ['충청북도', 3.4],
  ['부산광역시', 3],
  ['경상북도', 2.6],
  ['대전광역시', 2.4],
  ['대구광역시', 2.1],
  ['울산광역시', 1.2],
  ['광주광역시', 0.8],
  ['강원특별자치도', 1],
  ['세종특별자치시', 0.5],
];

const LISTED_SHARE = 0.3;
const KOSPI_SHARE_OF_LISTED = 0.35;

/** Draws the technology mix of a company in its sector, before and after drift. */
function drawMix(
  rng: Rng,
  profile: SectorProfile,
): { start: Float64Array; end: Float64Array; primary: number } {
  const sectorWeights = new Float64Array(AREA_COUNT);
  for (const [code, weight] of Object.entries(profile.areas)) sectorWeights[areaIndex(code)] = weight;
  const primary = rng.weightedIndex(sectorWeights);
  const neighbours = AREA_NEIGHBOURS[primary] ?? [];
  let secondary = primary;
  while (secondary === primary) {
    secondary =
      rng.chance(0.5) && neighbours.length > 0
        ? rng.pick(neighbours)
        : rng.weightedIndex(sectorWeights.map((w) => w + 0.2));
  }
  const start = new Float64Array(AREA_COUNT);
  let total = 0;
  for (let a = 0; a < AREA_COUNT; a++) {
    const alpha =
      0.03 + 0.05 * (sectorWeights[a] as number) + (a === primary ? 5 : 0) + (a === secondary ? 1.8 : 0);
    start[a] = rng.gamma(alpha);
    total += start[a] as number;
  }
  for (let a = 0; a < AREA_COUNT; a++) start[a] = (start[a] as number) / total;

  // Later patents drift toward a neighbour of the primary or secondary area.
  const notable = rng.chance(0.65);
  const drift = notable ? rng.between(0.2, 0.6) : rng.between(0, 0.08);
  const origin = rng.chance(0.7) ? primary : secondary;
  const targets = (AREA_NEIGHBOURS[origin] ?? []).filter((area) => area !== primary);
  const target = targets.length > 0 ? rng.pick(targets) : secondary;
  const end = new Float64Array(AREA_COUNT);
  for (let a = 0; a < AREA_COUNT; a++)
    end[a] = (1 - drift) * (start[a] as number) + (a === target ? drift : 0);
  return { start, end, primary };
}

/** Interpolates a company's technology mix for a year, linearly from mixStart (first active year) to mixEnd (end year). */
export function mixAt(
  company: Company,
  year: number,
  timeline: Timeline,
  out = new Float64Array(AREA_COUNT),
) {
  const span = Math.max(1, timeline.endYear - company.firstYear);
  const f = Math.min(1, Math.max(0, (year - company.firstYear) / span));
  for (let a = 0; a < AREA_COUNT; a++) {
    out[a] = (1 - f) * (company.mixStart[a] as number) + f * (company.mixEnd[a] as number);
  }
  return out;
}

/** Averages the start and end mix into the company's technology profile over the whole window. */
export function averageMix(company: Company): Float64Array {
  const out = new Float64Array(AREA_COUNT);
  for (let a = 0; a < AREA_COUNT; a++)
    out[a] = ((company.mixStart[a] as number) + (company.mixEnd[a] as number)) / 2;
  return out;
}

/** Picks the market by listing rank: the top ranks on KOSPI, the rest on KOSDAQ, '' when unlisted. */
function marketOf(rank: number | undefined, kospiCount: number): Company['market'] {
  if (rank === undefined) return '';
  return rank < kospiCount ? 'KOSPI' : 'KOSDAQ';
}

function drawPatentCount(rng: Rng, scale: number): number {
  return Math.min(3000, Math.ceil(rng.logNormal(1.65 + 0.7 * scale, 0.85)));
}

/**
 * Builds `count` companies. About 30 % are listed (the larger ones, with noise), a few have no
 * patents at all (cold start) and a few have hundreds.
 */
export function buildCompanies(seed: number, count: number, timeline: Timeline): Company[] {
  const stageRng = Rng.derive(seed, 'companies');
  const scales = Array.from({ length: count }, () => stageRng.normal());
  const listingScore = scales.map((scale) => scale + 0.6 * stageRng.normal());
  const byListingScore = [...listingScore.keys()].sort(
    (a, b) => (listingScore[b] as number) - (listingScore[a] as number),
  );
  const listedCount = Math.round(count * LISTED_SHARE);
  const kospiCount = Math.round(listedCount * KOSPI_SHARE_OF_LISTED);
  const listedRank = new Map(byListingScore.slice(0, listedCount).map((index, rank) => [index, rank]));

  // Cold-start companies (no patents) among listed and unlisted, and a few heavy filers by size.
  const zeroPatents = new Set<number>();
  for (let i = 0; i < count; i++) if (stageRng.chance(listedRank.has(i) ? 0.03 : 0.06)) zeroPatents.add(i);
  if (count >= 20) {
    zeroPatents.add(byListingScore[Math.floor(listedCount / 2)] as number);
    zeroPatents.add(byListingScore[count - 1] as number);
  }
  const bySize = [...scales.keys()].filter((i) => !zeroPatents.has(i));
  bySize.sort((a, b) => (scales[b] as number) - (scales[a] as number));
  const heavy = new Set(bySize.slice(0, Math.max(3, Math.round(count * 0.001))));

  const namer = new CompanyNamer();
  const brns = new BrnIssuer();
  const corpNos = new CorporateNumberIssuer();
  const applicantNos = new ApplicantNumberIssuer();
  const tickers = new TickerIssuer();
  const corpCodes = new CorpCodeIssuer();
  const shares = SECTOR_PROFILES.map((profile) => profile.share);
  const companies: Company[] = [];

  for (let i = 0; i < count; i++) {
    const rng = Rng.derive(seed, 'company', i);
    const scale = scales[i] as number;
    const rank = listedRank.get(i);
    const listed = rank !== undefined;
    const profile = SECTOR_PROFILES[rng.weightedIndex(shares)] as SectorProfile;
    const corporate = listed || rng.chance(0.82);
    const name = namer.next(rng, rng.pick(profile.suffixes));
    const registered = corporate ? registeredName(rng, name.core) : name.core;
    const age = Math.min(60, Math.max(1, Math.round(rng.logNormal(Math.log(listed ? 22 : 11), 0.55))));
    const foundedYear = timeline.endYear - age;
    const firstYear = Math.min(timeline.endYear, Math.max(timeline.startYear, foundedYear + 1));
    const mix = drawMix(rng, profile);
    let patentCount = drawPatentCount(rng, scale);
    if (zeroPatents.has(i)) patentCount = 0;
    else if (heavy.has(i)) patentCount = Math.round(rng.logNormal(Math.log(350), 0.5)) + 150;

    let listingDate = '';
    if (listed) {
      const yearsToListing = 3 + rng.int(Math.max(1, age - 4));
      const listingYear = Math.min(timeline.endYear - 1, Math.max(1976, foundedYear + yearsToListing));
      listingDate = `${listingYear}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
    }
    const primary = AREAS[mix.primary];
    // One product from the area the company is moving into (or its second area when it stays put).
    let otherArea = mix.primary === 0 ? 1 : 0;
    for (let a = 0; a < AREA_COUNT; a++) {
      if (a !== mix.primary && (mix.end[a] as number) > (mix.end[otherArea] as number)) otherArea = a;
    }
    const secondaryProducts = AREAS[otherArea]?.products ?? [];
    const products = [
      ...new Set([...rng.sample(primary?.products ?? [], rng.intBetween(2, 3)), rng.pick(secondaryProducts)]),
    ];
    const themes = rng.chance(0.15) ? [] : rng.sample(primary?.themes ?? [], rng.intBetween(1, 3));
    const applicantYear = Math.min(timeline.endYear, Math.max(1999, foundedYear + rng.int(4)));

    companies.push({
      index: i,
      seq: GENERATED_SEQ_BASE + i + 1,
      brn: brns.next(rng, corporate),
      corporate,
      corpNo: corporate ? corpNos.next(rng) : '',
      core: name.core,
      registered,
      english: name.english,
      englishLegal: englishLegalName(rng, name.english),
      aliases: aliasesFor(rng, name.core, name.english, registered),
      profile,
      scale,
      foundedYear,
      firstYear,
      listed,
      market: marketOf(rank, kospiCount),
      ticker: listed ? tickers.next(rng) : '',
      corpCode: listed ? corpCodes.next(rng) : '',
      listingDate,
      fiscalMonth: rng.chance(0.97) ? 12 : rng.pick([3, 6, 9]),
      region: (REGIONS[rng.weightedIndex(REGIONS.map((entry) => entry[1]))] as readonly [string, number])[0],
      ksic: rng.pick(profile.ksic),
      patentCount,
      applicantNo: patentCount > 0 ? applicantNos.next(rng, applicantYear) : '',
      primaryArea: mix.primary,
      mixStart: mix.start,
      mixEnd: mix.end,
      products,
      themes,
    });
  }
  return companies;
}
