/**
 * Generation profile of each canonical sector (data/sectors.ts): its share of companies, the
 * technology areas its companies patent in, and the industry labels each market source gives it.
 * Every KSIC label here maps back to its own sector under `classifySector`, and a test checks this.
 */

/** WICS sector codes and names (the GICS-based sector scheme FnGuide publishes for KRX stocks). */
export const WICS_SECTORS: Readonly<Record<string, string>> = {
  G10: '에너지',
  G15: '소재',
  G20: '산업재',
  G25: '경기관련소비재',
  G30: '필수소비재',
  G35: '건강관리',
  G40: '금융',
  G45: 'IT',
  G50: '커뮤니케이션서비스',
  G55: '유틸리티',
};

export interface SectorProfile {
  /** Canonical sector code from data/sectors.ts. */
  sector: string;
  /** Relative share of generated companies. */
  share: number;
  /** Technology-area weights of a typical company in this sector, by area code. */
  areas: Readonly<Record<string, number>>;
  /** KSIC industry names as KIND lists them (업종). */
  ksic: readonly string[];
  /** KRX industry (업종명) on KOSPI and on KOSDAQ, which use different label sets. */
  krxKospi: string;
  krxKosdaq: string;
  /** WICS sector code, a key of WICS_SECTORS. */
  wics: string;
  /** Company-name endings, Korean with the English word used in the English name. */
  suffixes: readonly (readonly [string, string])[];
}

export const SECTOR_PROFILES: readonly SectorProfile[] = [
  {
    sector: 'bio',
    share: 14,
    areas: { biopharma: 6, diagnostics: 3, food_cosmetics: 1 },
    ksic: [
      '의약품 제조업',
      '기초 의약물질 제조업',
      '의료용 기기 제조업',
      '의료용품 및 기타 의약 관련제품 제조업',
    ],
    krxKospi: '의약품',
    krxKosdaq: '제약',
    wics: 'G35',
    suffixes: [
      ['바이오', 'Bio'],
      ['제약', 'Pharm'],
      ['메디칼', 'Medical'],
      ['바이오텍', 'Biotech'],
      ['테라퓨틱스', 'Therapeutics'],
      ['진', 'Gene'],
    ],
  },
  {
    sector: 'semiconductor',
    share: 9,
    areas: { semiconductor: 8, materials: 1, display: 1 },
    ksic: ['반도체 제조업', '반도체 제조용 기계 제조업'],
    krxKospi: '전기전자',
    krxKosdaq: '반도체',
    wics: 'G45',
    suffixes: [
      ['반도체', 'Semiconductor'],
      ['세미콘', 'Semicon'],
      ['머티리얼즈', 'Materials'],
      ['테크', 'Tech'],
    ],
  },
  {
    sector: 'battery',
    share: 5,
    areas: { battery: 8, materials: 1, energy: 1 },
    ksic: ['일차전지 및 축전지 제조업'],
    krxKospi: '전기전자',
    krxKosdaq: 'IT부품',
    wics: 'G45',
    suffixes: [
      ['에너지솔루션', 'Energy Solution'],
      ['배터리', 'Battery'],
      ['셀텍', 'Celltech'],
    ],
  },
  {
    sector: 'electronics',
    share: 9,
    areas: { display: 5, semiconductor: 2, telecom: 1, robotics: 1 },
    ksic: [
      '전자부품 제조업',
      '영상 및 음향기기 제조업',
      '전동기, 발전기 및 전기 변환 · 공급 · 제어 장치 제조업',
    ],
    krxKospi: '전기전자',
    krxKosdaq: '일반전기전자',
    wics: 'G45',
    suffixes: [
      ['전자', 'Electronics'],
      ['일렉트로닉스', 'Electronics'],
      ['디스플레이', 'Display'],
      ['옵틱스', 'Optics'],
    ],
  },
  {
    sector: 'telecom',
    share: 4,
    areas: { telecom: 7, security: 1, ai: 1 },
    ksic: ['전기 통신업', '무선 및 위성 통신업'],
    krxKospi: '통신업',
    krxKosdaq: '통신서비스',
    wics: 'G50',
    suffixes: [
      ['텔레콤', 'Telecom'],
      ['네트웍스', 'Networks'],
      ['커뮤니케이션즈', 'Communications'],
    ],
  },
  {
    sector: 'software',
    share: 14,
    areas: { ai: 5, security: 3, content: 1, telecom: 1 },
    ksic: [
      '소프트웨어 개발 및 공급업',
      '컴퓨터 프로그래밍, 시스템 통합 및 관리업',
      '자료처리, 호스팅, 포털 및 기타 인터넷 정보매개 서비스업',
    ],
    krxKospi: '서비스업',
    krxKosdaq: '소프트웨어',
    wics: 'G45',
    suffixes: [
      ['소프트', 'Soft'],
      ['시스템즈', 'Systems'],
      ['랩스', 'Labs'],
      ['에이아이', 'AI'],
      ['데이터', 'Data'],
    ],
  },
  {
    sector: 'media',
    share: 5,
    areas: { content: 7, ai: 2, display: 1 },
    ksic: ['영화, 비디오물, 방송프로그램 제작 및 배급업', '오디오물 출판 및 원판 녹음업', '광고업'],
    krxKospi: '서비스업',
    krxKosdaq: '디지털컨텐츠',
    wics: 'G50',
    suffixes: [
      ['엔터테인먼트', 'Entertainment'],
      ['게임즈', 'Games'],
      ['스튜디오', 'Studio'],
      ['미디어', 'Media'],
    ],
  },
  {
    sector: 'auto',
    share: 7,
    areas: { mobility: 7, battery: 1, robotics: 1, materials: 1 },
    ksic: ['자동차 신품 부품 제조업', '자동차용 엔진 및 자동차 제조업'],
    krxKospi: '운수장비',
    krxKosdaq: '운송장비·부품',
    wics: 'G25',
    suffixes: [
      ['모빌리티', 'Mobility'],
      ['오토모티브', 'Automotive'],
      ['모터스', 'Motors'],
    ],
  },
  {
    sector: 'machinery',
    share: 10,
    areas: { robotics: 7, mobility: 1, semiconductor: 1, environment: 1 },
    ksic: ['특수 목적용 기계 제조업', '일반 목적용 기계 제조업'],
    krxKospi: '기계',
    krxKosdaq: '기계·장비',
    wics: 'G20',
    suffixes: [
      ['로보틱스', 'Robotics'],
      ['기계', 'Machinery'],
      ['엔지니어링', 'Engineering'],
      ['오토메이션', 'Automation'],
    ],
  },
  {
    sector: 'chemicals',
    share: 8,
    areas: { materials: 7, battery: 1, food_cosmetics: 1, environment: 1 },
    ksic: ['기타 화학제품 제조업', '기초 화학물질 제조업', '플라스틱제품 제조업'],
    krxKospi: '화학',
    krxKosdaq: '화학',
    wics: 'G15',
    suffixes: [
      ['화학', 'Chemical'],
      ['케미칼', 'Chemical'],
      ['소재', 'Materials'],
      ['폴리머', 'Polymer'],
    ],
  },
  {
    sector: 'energy',
    share: 4,
    areas: { energy: 7, battery: 2, environment: 1 },
    ksic: ['연료용 가스 제조 및 배관공급업', '석유 정제품 제조업'],
    krxKospi: '전기가스업',
    krxKosdaq: '기타서비스',
    wics: 'G10',
    suffixes: [
      ['에너지', 'Energy'],
      ['파워', 'Power'],
      ['솔라', 'Solar'],
      ['수소', 'Hydrogen'],
    ],
  },
  {
    sector: 'construction',
    share: 4,
    areas: { environment: 7, materials: 2, robotics: 1 },
    ksic: ['건물 건설업', '토목 건설업'],
    krxKospi: '건설업',
    krxKosdaq: '건설',
    wics: 'G20',
    suffixes: [
      ['건설', 'Construction'],
      ['이앤씨', 'E&C'],
      ['환경', 'Environment'],
    ],
  },
  {
    sector: 'finance',
    share: 2,
    areas: { security: 7, ai: 3 },
    ksic: ['기타 금융업', '금융 지원 서비스업'],
    krxKospi: '기타금융',
    krxKosdaq: '기타금융',
    wics: 'G40',
    suffixes: [
      ['페이', 'Pay'],
      ['핀테크', 'Fintech'],
      ['캐피탈', 'Capital'],
    ],
  },
  {
    sector: 'logistics',
    share: 2,
    areas: { robotics: 5, ai: 3, mobility: 2 },
    ksic: ['도로 화물 운송업', '창고 및 운송관련 서비스업'],
    krxKospi: '운수창고업',
    krxKosdaq: '운송',
    wics: 'G20',
    suffixes: [
      ['로지스틱스', 'Logistics'],
      ['물류', 'Logistics'],
      ['익스프레스', 'Express'],
    ],
  },
  {
    sector: 'consumer',
    share: 3,
    areas: { food_cosmetics: 8, biopharma: 1, materials: 1 },
    ksic: ['기타 식품 제조업', '화장품 제조업'],
    krxKospi: '음식료품',
    krxKosdaq: '음식료·담배',
    wics: 'G30',
    suffixes: [
      ['푸드', 'Foods'],
      ['코스메틱', 'Cosmetics'],
      ['뷰티', 'Beauty'],
      ['식품', 'Foods'],
    ],
  },
];
