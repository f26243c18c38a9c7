/**
 * Company and person names for the generated dataset: Korean names built from syllable parts with a
 * sector ending, the matching English name, and the legal-form spellings (`(주)X`, `X 주식회사` …)
 * under which the same company appears in different sources.
 */
import { normalizeCompanyName } from '../identity/names.js';
import type { Rng } from './prng.js';

/** Name stems: Korean form and the romanised form used to build the English name. */
const STEMS: readonly (readonly [string, string])[] = `
  누리:Nuri, 한빛:Hanbit, 세진:Sejin, 대성:Daesung, 동진:Dongjin, 미래:Mirae, 새한:Saehan, 우진:Woojin, 태양:Taeyang,
  하나:Hana, 유니:Uni, 넥스:Nex, 젠:Gen, 셀:Cel, 온:On, 엘:El, 큐:Q, 라온:Raon, 인:In, 메디:Medi, 카이:Kai, 로:Ro,
  엑스:X, 네오:Neo, 노바:Nova, 옵티:Opti, 티:Ti, 아이:I, 에이:A, 케이:K, 제이:J, 에스:S, 솔:Sol, 루:Ru, 리:Ri, 바:Ba,
  하:Ha, 진:Jin, 원:Won, 성:Sung, 영:Young, 광:Kwang, 신:Shin, 일:Il, 코:Co, 텍:Tec, 트론:Tron, 맥스:Max, 웰:Well,
  그린:Green, 블루:Blue, 에코:Eco, 알파:Alpha, 퓨어:Pure, 스타:Star, 아톰:Atom, 프라임:Prime, 큐브:Cube, 이노:Inno,
  마루:Maru, 다온:Daon, 가온:Gaon, 아라:Ara, 보람:Boram, 나래:Narae, 이룸:Irum, 해솔:Haesol, 비전:Vision, 시너:Syner,
  베타:Beta, 델타:Delta, 오름:Oreum, 한울:Hanul, 지온:Zion, 에버:Ever, 피크:Peak, 링크:Link, 코어:Core, 제니:Geni,
  바로:Baro, 세움:Seum, 엠:M, 휴:Hue
`
  .split(/[,\n]/)
  .map((pair) => pair.trim())
  .filter((pair) => pair.length > 0)
  .map((pair) => {
    const [korean = '', english = ''] = pair.split(':');
    return [korean, english] as const;
  });

/** Legal-form spellings of a 주식회사 (stock company) name, with their share among registered names. */
const LEGAL_STYLES: readonly { format: (core: string) => string; weight: number }[] = [
  { format: (core) => `주식회사 ${core}`, weight: 34 },
  { format: (core) => `(주)${core}`, weight: 31 },
  { format: (core) => `${core} 주식회사`, weight: 7 },
  { format: (core) => `${core}(주)`, weight: 6 },
  { format: (core) => `주식회사${core}`, weight: 4 },
  { format: (core) => `${core}주식회사`, weight: 3 },
  { format: (core) => core, weight: 15 },
];

/** Spellings that appear in patent applicant fields for the same company. */
const VARIANT_FORMATS: readonly ((core: string) => string)[] = [
  (core) => `(주)${core}`,
  (core) => `${core} 주식회사`,
  (core) => `${core}(주)`,
  (core) => `주식회사 ${core}`,
  (core) => `주식회사${core}`,
  (core) => `㈜${core}`,
];

const ENGLISH_FORMS = ['Co., Ltd.', 'Co., Ltd.', 'Inc.', 'Corporation', 'Corp.'];

const SURNAMES = [
  '김',
  '이',
  '박',
  '최',
  '정',
  '강',
  '조',
  '윤',
  '장',
  '임',
  '한',
  '오',
  '서',
  '신',
  '권',
  '황',
  '안',
  '송',
];
const GIVEN_SYLLABLES = [
  '민',
  '서',
  '지',
  '현',
  '준',
  '우',
  '영',
  '수',
  '하',
  '은',
  '도',
  '예',
  '진',
  '성',
  '재',
  '혜',
  '유',
  '태',
];

export interface CompanyName {
  /** Korean name without any legal form, e.g. `누리젠바이오`. */
  core: string;
  /** English name without legal form, e.g. `Nurigen Bio`. */
  english: string;
}

/**
 * Issues company names that stay distinct after normalisation (data/identity/names.ts), so that a
 * co-applicant written by name alone resolves to exactly one company.
 */
export class CompanyNamer {
  private readonly usedKorean = new Set<string>();
  private readonly usedEnglish = new Set<string>();

  next(rng: Rng, suffix: readonly [string, string]): CompanyName {
    for (let attempt = 0; attempt < 200; attempt++) {
      // Two stems first; longer names only when the short ones are taken.
      let partCount = 4;
      if (attempt < 8) partCount = 2;
      else if (attempt < 60) partCount = 3;
      const parts = Array.from({ length: partCount }, () => rng.pick(STEMS));
      const koreanStem = parts.map((part) => part[0]).join('');
      const englishStem = parts.map((part, i) => (i === 0 ? part[1] : part[1].toLowerCase())).join('');
      const core = `${koreanStem}${suffix[0]}`;
      const english = `${englishStem} ${suffix[1]}`;
      const key = normalizeCompanyName(core);
      const englishKey = english.toLowerCase();
      if (this.usedKorean.has(key) || this.usedEnglish.has(englishKey)) continue;
      this.usedKorean.add(key);
      this.usedEnglish.add(englishKey);
      return { core, english };
    }
    throw new Error(`Could not find a free company name ending in ${suffix[0]} after 200 attempts`);
  }
}

/** Draws the registered name of a 법인: the core name with a legal-form spelling, by each spelling's usual share. */
export function registeredName(rng: Rng, core: string): string {
  const style = LEGAL_STYLES[rng.weightedIndex(LEGAL_STYLES.map((entry) => entry.weight))];
  return style ? style.format(core) : core;
}

/** Draws a spelling of the company name as it may appear in a patent's applicant field. */
export function spellingVariant(rng: Rng, core: string): string {
  return rng.pick(VARIANT_FORMATS)(core);
}

/** Draws an English legal name, e.g. `Nurigen Bio Co., Ltd.`. */
export function englishLegalName(rng: Rng, english: string): string {
  return `${english} ${rng.pick(ENGLISH_FORMS)}`;
}

/** Lists the other names a user or source may use: legal-form spellings and the plain English name. */
export function aliasesFor(rng: Rng, core: string, english: string, registered: string): string[] {
  const aliases = new Set<string>();
  if (registered !== core) aliases.add(registered);
  aliases.add(core);
  aliases.add(spellingVariant(rng, core));
  aliases.add(english);
  return [...aliases];
}

/** Draws a Korean personal name (surname and two syllables) for an individual co-applicant. */
export function personName(rng: Rng): string {
  return `${rng.pick(SURNAMES)}${rng.pick(GIVEN_SYLLABLES)}${rng.pick(GIVEN_SYLLABLES)}`;
}

/** Turns an English name into a lower-case ASCII slug for generated homepage addresses. */
export function slug(english: string): string {
  return english.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
