import { glossary, type TechArea, words } from './types.js';

/** Life-science areas: biopharmaceuticals, diagnostics and medical devices, food and cosmetics. */
export const LIFE_AREAS: readonly TechArea[] = [
  {
    code: 'biopharma',
    nameKo: '바이오의약',
    nameEn: 'Biopharmaceuticals',
    ipc: words(
      'A61K 38/00, A61K 39/395, C07K 16/28, A61P 35/00, C12N 15/113, A61K 47/68, A61K 31/4439, C12N 5/0783, A61P 29/00',
    ),
    objects: words(`
      항체 약물 접합체, 이중특이성 항체, 펩타이드 치료제, 융합 단백질, 면역항암제 조성물, 유전자 전달체,
      세포 치료제, mRNA 백신 조성물, 항염증용 약학 조성물, 서방형 주사제, 경구용 제제, 리포좀 제형
    `),
    parts: words(`
      중쇄 가변영역, 경쇄 가변영역, 상보성 결정 영역, Fc 도메인, 절단형 링커, 세포독성 페이로드, 표적 수용체,
      항원 결합 단편, 신호 펩타이드, 지질 나노입자, 양이온성 지질, 변형 뉴클레오사이드, 공동 자극 도메인,
      키메라 항원 수용체, T 세포, 자연살해세포, 중간엽 줄기세포, 부형제, 안정화제, 완충액, 약동학 프로파일,
      저분자 억제제, 키나아제 도메인, 결합 친화도, 생체 이용률, 면역원성
    `),
    methods: words(`
      파지 디스플레이, 하이브리도마 기법, 부위 특이적 접합, 동결 건조, 크로마토그래피 정제, 유전자 편집,
      세포 배양 공정, 고처리량 스크리닝, 분무 건조, 초고속 균질화
    `),
    measures: words('결합력, 약효 지속시간, 생산 수율, 저장 안정성, 표적 선택성, 체내 반감기, 순도'),
    effects: words(`
      표적 세포에 대한 선택성을 높일, 전신 독성을 줄일, 체내 반감기를 연장할, 생산 수율을 향상시킬,
      면역 반응을 효과적으로 유도할, 투여 횟수를 줄일, 상온에서도 안정성을 유지할, 내성 발생을 억제할
    `),
    problems: words(`
      표적 외 독성이 커서 투여 용량이 제한되는, 정제 공정이 복잡하고 수율이 낮은, 체내 반감기가 짧아 반복 투여가 필요한,
      응집체가 형성되어 저장 안정성이 떨어지는, 종양 미세환경에서 효능이 감소하는
    `),
    glossary: glossary(`
      항체 약물 접합체=antibody-drug conjugate; 이중특이성 항체=bispecific antibody; 상보성 결정 영역=CDR;
      지질 나노입자=lipid nanoparticle; 키메라 항원 수용체=chimeric antigen receptor; 자연살해세포=NK cell;
      중간엽 줄기세포=mesenchymal stem cell; 파지 디스플레이=phage display; 생체 이용률=bioavailability;
      면역원성=immunogenicity
    `),
    products: words(
      '항체 치료제, 바이오시밀러, 세포 치료제, 유전자 치료제, 백신, 펩타이드 의약품, 전문의약품, 원료의약품(API), 위탁생산(CMO)',
    ),
    themes: words(
      '제약업체, 바이오시밀러(복제 바이오의약품), 면역항암제, 유전자 치료제, 줄기세포, 비만치료제, mRNA(메신저 리보핵산)',
    ),
    neighbours: words('diagnostics, food_cosmetics, ai'),
  },
  {
    code: 'diagnostics',
    nameKo: '의료기기·진단',
    nameEn: 'Medical devices and diagnostics',
    ipc: words(
      'A61B 5/00, A61B 5/145, A61B 8/00, G01N 33/53, G01N 33/543, B01L 3/00, C12Q 1/6883, A61M 5/142, A61B 6/03, G16H 50/20',
    ),
    objects: words(`
      체외 진단 키트, 현장 진단 장치, 연속 혈당 측정기, 초음파 영상 장치, 내시경 시스템, 약물 주입 펌프,
      웨어러블 생체신호 측정 장치, 분자 진단용 카트리지, 면역 분석 스트립, 수술용 로봇 기구, 엑스선 촬영 장치
    `),
    parts: words(`
      미세유체 칩, 시료 주입구, 반응 챔버, 검출 전극, 포획 항체, 금 나노입자, 형광 표지자, 측방 유동 멤브레인,
      프라이머 세트, 프로브, 광센서, 압전 소자, 초음파 트랜스듀서, 카테터, 니들 어셈블리, 약액 저장부,
      생체 적합성 코팅, 신호 증폭부, 판독 모듈, 일회용 센서 패치, 무선 송신부, 영상 처리부
    `),
    methods: words(`
      중합효소 연쇄반응, 등온 증폭, 면역 크로마토그래피, 전기화학 검출, 표면 플라즈몬 공명, 딥러닝 영상 판독,
      사출 성형, 레이저 용접
    `),
    measures: words('검출 민감도, 특이도, 측정 정확도, 분석 속도, 착용 편의성, 재현성'),
    effects: words(`
      극미량의 표적 물질을 검출할, 분석 시간을 단축할, 위양성 판정을 줄일, 환자의 통증을 최소화할,
      측정 오차를 보정할, 비숙련자도 손쉽게 사용할, 교차 오염을 방지할
    `),
    problems: words(`
      고가의 장비와 숙련된 인력이 필요한, 시료 전처리에 시간이 오래 걸리는, 검출 한계가 높아 조기 진단이 어려운,
      측정값이 체온과 움직임에 따라 변동하는, 반복 사용 시 감염 위험이 있는
    `),
    glossary: glossary(`
      미세유체 칩=microfluidic chip; 측방 유동 멤브레인=lateral flow membrane; 중합효소 연쇄반응=PCR;
      등온 증폭=isothermal amplification; 표면 플라즈몬 공명=surface plasmon resonance; 현장 진단 장치=point-of-care device;
      초음파 트랜스듀서=ultrasound transducer; 체외 진단 키트=in vitro diagnostic kit
    `),
    products: words(
      '체외진단 키트, 분자진단 시약, 혈당측정기, 초음파 진단기, 내시경, 수술용 기구, 의료용 소모품, 디지털 헬스케어 플랫폼',
    ),
    themes: words('의료기기, 코로나19(진단키트), 체외진단, 디지털 헬스케어, 원격진료/비대면 진료'),
    neighbours: words('biopharma, ai, robotics'),
  },
  {
    code: 'food_cosmetics',
    nameKo: '식품·화장품',
    nameEn: 'Food and cosmetics',
    ipc: words(
      'A23L 33/105, A23L 33/135, A23L 2/52, A61K 8/97, A61K 8/9789, A61Q 19/00, A61Q 19/08, C12N 1/20, A23F 3/16',
    ),
    objects: words(`
      건강기능식품 조성물, 프로바이오틱스 균주, 기능성 음료, 피부 미백용 화장료 조성물, 주름 개선용 화장료,
      천연 추출물 함유 조성물, 대체육 조성물, 발효 식품, 자외선 차단 조성물, 두피 케어 조성물
    `),
    parts: words(`
      식물 추출물, 발효 여액, 유산균 배양물, 펩타이드 복합체, 나이아신아마이드, 히알루론산, 세라마이드, 콜라겐 가수분해물,
      폴리페놀, 식이섬유, 유화제, 증점제, 천연 색소, 보존제, 캡슐화 입자, 단백질 분리물, 식물성 오일, 향료 조성물
    `),
    methods: words(
      '초임계 추출, 열수 추출, 유산균 발효, 나노 에멀젼화, 동결 건조, 압출 성형, 효소 가수분해, 미세캡슐화',
    ),
    measures: words('항산화 활성, 피부 보습력, 장내 정착률, 관능 품질, 유통기한, 흡수율'),
    effects: words(`
      피부 보습력을 개선할, 멜라닌 생성을 억제할, 장 건강을 증진할, 맛과 식감을 개선할, 유효 성분의 흡수율을 높일,
      피부 자극을 줄일, 유통 중 품질을 유지할
    `),
    problems: words(`
      유효 성분이 쉽게 산화되어 효능이 떨어지는, 합성 보존제로 인해 피부 자극이 발생하는, 장내 생존율이 낮은,
      특유의 이취로 기호도가 낮은
    `),
    glossary: glossary(`
      프로바이오틱스 균주=probiotic strain; 초임계 추출=supercritical extraction; 미세캡슐화=microencapsulation;
      나노 에멀젼화=nanoemulsification; 세라마이드=ceramide; 폴리페놀=polyphenol
    `),
    products: words(
      '건강기능식품, 프로바이오틱스, 기초 화장품, 기능성 화장품, 음료, 가공식품, 대체육, 화장품 OEM/ODM',
    ),
    themes: words('화장품, 건강기능식품, 음식료업종, 대체식품(대체육/배양육 등), 마스크팩'),
    neighbours: words('biopharma, materials'),
  },
];
