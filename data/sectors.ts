/**
 * The canonical sector list. Every company gets one sector code at import time, derived from the
 * industry labels its sources carry (KSIC name from KIND, KRX industry, WICS sector). Users name a
 * sector by code, English or Korean alias (`bio`, `바이오`).
 */

export interface Sector {
  code: string;
  nameEn: string;
  nameKo: string;
  /** Lower-case aliases a user may type, English and Korean. */
  aliases: readonly string[];
  /** Patterns matched against industry labels, in order of specificity (first sector to match wins). */
  industryPatterns: readonly RegExp[];
}

export const SECTORS: readonly Sector[] = [
  {
    code: 'bio',
    nameEn: 'Bio & healthcare',
    nameKo: '바이오/헬스케어',
    aliases: [
      'bio',
      'biotech',
      'healthcare',
      'health',
      'pharma',
      'medical',
      '바이오',
      '제약',
      '헬스케어',
      '의료',
      '의약',
      '건강관리',
    ],
    industryPatterns: [/의약|제약|바이오|생물|의료|건강관리|헬스|진단|치료/],
  },
  {
    code: 'semiconductor',
    nameEn: 'Semiconductors',
    nameKo: '반도체',
    aliases: ['semiconductor', 'semiconductors', 'semi', 'chip', 'chips', '반도체'],
    industryPatterns: [/반도체/],
  },
  {
    code: 'battery',
    nameEn: 'Batteries & energy storage',
    nameKo: '2차전지',
    aliases: ['battery', 'batteries', 'ess', '배터리', '2차전지', '이차전지'],
    industryPatterns: [/축전지|전지|배터리/],
  },
  {
    code: 'electronics',
    nameEn: 'Electronics & displays',
    nameKo: '전자/디스플레이',
    aliases: ['electronics', 'display', 'displays', '전자', '전기전자', '디스플레이'],
    industryPatterns: [
      /전자|디스플레이|전기전자|광학|영상.*기기|전기장비|절연선|전동기|발전기|조명|IT\s*H\/W|통신.*장비|방송.*장비/i,
    ],
  },
  {
    code: 'telecom',
    nameEn: 'Telecommunications',
    nameKo: '통신',
    aliases: ['telecom', 'telecommunications', 'network', '통신', '네트워크'],
    industryPatterns: [/통신/],
  },
  {
    code: 'software',
    nameEn: 'Software & internet',
    nameKo: '소프트웨어/인터넷',
    aliases: [
      'software',
      'it',
      'internet',
      'ai',
      'sw',
      'platform',
      '소프트웨어',
      '인터넷',
      '인공지능',
      '플랫폼',
      'IT',
    ],
    industryPatterns: [
      /소프트웨어|정보서비스|컴퓨터 프로그래밍|자료처리|호스팅|포털|IT\s*S\/W|IT 서비스|인터넷/i,
    ],
  },
  {
    code: 'media',
    nameEn: 'Media, games & entertainment',
    nameKo: '미디어/엔터',
    aliases: [
      'media',
      'entertainment',
      'game',
      'games',
      'content',
      '미디어',
      '엔터',
      '엔터테인먼트',
      '게임',
      '콘텐츠',
    ],
    industryPatterns: [
      /게임|영화|방송|출판|오디오물|디지털\s*컨텐츠|디지털\s*콘텐츠|미디어|엔터|광고|창작|예술/,
    ],
  },
  {
    code: 'auto',
    nameEn: 'Automotive & mobility',
    nameKo: '자동차/모빌리티',
    aliases: [
      'auto',
      'automotive',
      'car',
      'cars',
      'mobility',
      'ev',
      '자동차',
      '모빌리티',
      '전기차',
      '운수장비',
    ],
    industryPatterns: [/자동차|운수장비|트레일러|선박|항공기|철도장비|운송장비/],
  },
  {
    code: 'machinery',
    nameEn: 'Machinery, equipment & robotics',
    nameKo: '기계/장비/로봇',
    aliases: ['machinery', 'machine', 'equipment', 'robot', 'robotics', '기계', '장비', '로봇'],
    industryPatterns: [/기계|장비|로봇|금형|공구|엔진|터빈|의료정밀/],
  },
  {
    code: 'chemicals',
    nameEn: 'Chemicals & materials',
    nameKo: '화학/소재',
    aliases: ['chemicals', 'chemical', 'materials', 'material', 'steel', '화학', '소재', '철강', '금속'],
    industryPatterns: [
      /화학|화합물|플라스틱|고무|소재|철강|금속|비금속|광물|유리|시멘트|섬유|종이|목재|펄프|도료|비료/,
    ],
  },
  {
    code: 'energy',
    nameEn: 'Energy & utilities',
    nameKo: '에너지/유틸리티',
    aliases: ['energy', 'utilities', 'utility', 'power', '에너지', '유틸리티', '전력', '가스'],
    industryPatterns: [/에너지|전기가스|전력|가스|석유|정제|발전|원자력|태양|유틸리티/],
  },
  {
    code: 'construction',
    nameEn: 'Construction & engineering',
    nameKo: '건설',
    aliases: ['construction', 'engineering', '건설', '건축', '토목'],
    industryPatterns: [/건설|건축|토목|공사|부동산/],
  },
  {
    code: 'finance',
    nameEn: 'Finance',
    nameKo: '금융',
    aliases: ['finance', 'financial', 'bank', 'insurance', '금융', '은행', '보험', '증권'],
    industryPatterns: [/금융|은행|보험|증권|투자|신탁|지주회사/],
  },
  {
    code: 'logistics',
    nameEn: 'Transport & logistics',
    nameKo: '운송/물류',
    aliases: ['logistics', 'transport', 'shipping', '물류', '운송', '해운', '항공'],
    industryPatterns: [/운송|물류|창고|해운|항공 운송|운수창고/],
  },
  {
    code: 'consumer',
    nameEn: 'Consumer goods & retail',
    nameKo: '소비재/유통',
    aliases: [
      'consumer',
      'retail',
      'food',
      'cosmetics',
      '소비재',
      '유통',
      '식품',
      '화장품',
      '필수소비재',
      '경기관련소비재',
    ],
    industryPatterns: [
      /식품|음료|음식료|화장품|의복|의류|신발|가구|소매|도매|유통|소비재|담배|주류|호텔|여행|교육/,
    ],
  },
];

const SECTOR_BY_CODE = new Map(SECTORS.map((sector) => [sector.code, sector]));

/** Labels used when a company's industry matches no pattern. */
export const OTHER_SECTOR: Sector = {
  code: 'other',
  nameEn: 'Other',
  nameKo: '기타',
  aliases: ['other', '기타'],
  industryPatterns: [],
};

export function sectorByCode(code: string | null | undefined): Sector | undefined {
  if (!code) return undefined;
  return code === OTHER_SECTOR.code ? OTHER_SECTOR : SECTOR_BY_CODE.get(code);
}

/**
 * Resolves what a user typed (`bio`, `Bio`, `바이오`, `제약`) to a sector, or undefined when no
 * sector has that code, name or alias.
 */
export function resolveSector(input: string): Sector | undefined {
  const requested = input.trim().toLowerCase().normalize('NFC');
  if (!requested) return undefined;
  for (const sector of [...SECTORS, OTHER_SECTOR]) {
    if (sector.code === requested) return sector;
    if (sector.nameEn.toLowerCase() === requested || sector.nameKo === requested) return sector;
    if (sector.aliases.some((alias) => alias.toLowerCase() === requested)) return sector;
  }
  return undefined;
}

/**
 * Picks the sector for a company from its industry labels, most specific source first (for
 * example the KSIC industry name, then the KRX industry, then the WICS sector). Returns 'other'
 * when nothing matches.
 */
export function classifySector(labels: readonly (string | null | undefined)[]): string {
  for (const label of labels) {
    if (!label) continue;
    for (const sector of SECTORS) {
      if (sector.industryPatterns.some((pattern) => pattern.test(label))) return sector.code;
    }
  }
  return OTHER_SECTOR.code;
}

/** Lists the sector codes with their Korean names on one line, for help text and error messages. */
export function describeSectors(): string {
  return SECTORS.map((sector) => `${sector.code} (${sector.nameKo})`).join(', ');
}
