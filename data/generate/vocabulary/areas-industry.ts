import { glossary, type TechArea, words } from './types.js';

/** Industrial areas: mobility, robotics and automation, materials, energy, construction and environment. */
export const INDUSTRY_AREAS: readonly TechArea[] = [
  {
    code: 'mobility',
    nameKo: '전기차·자율주행',
    nameEn: 'Electric and autonomous vehicles',
    ipc: words(
      'B60L 53/00, B60L 58/12, B60W 30/09, B60W 60/00, G05D 1/02, B62D 15/02, B60K 6/20, G08G 1/16, B60L 53/16',
    ),
    objects: words(`
      전기차 충전 장치, 자율주행 제어 장치, 차량용 구동 모터, 차량 충돌 회피 시스템, 인휠 모터 시스템, 차량용 열관리 시스템,
      무선 충전 패드, 주차 보조 장치, 차량 통신 장치, 전동식 조향 장치
    `),
    parts: words(`
      라이다 센서, 레이더 센서, 전방 카메라, 센서 융합부, 경로 계획부, 차량 제어기, 인버터, 감속기, 충전 커넥터, 온보드 충전기,
      히트 펌프, 냉각수 순환부, 조향 액추에이터, 제동 제어부, 정밀 지도, 차량 대 사물 통신 모듈
    `),
    methods: words(
      '센서 융합, 모델 예측 제어, 동시적 위치 추정 및 지도 작성, 회생 제동, 급속 충전 프로토콜, 경로 최적화',
    ),
    measures: words('주행 안전성, 주행 거리, 충전 효율, 승차감, 제어 정확도'),
    effects: words(`
      주행 거리를 늘릴, 충돌 위험을 조기에 판단할, 충전 시간을 단축할, 악천후에서도 객체를 정확히 인식할,
      배터리 온도를 최적으로 유지할, 운전자 개입 없이 차선을 유지할
    `),
    problems: words(`
      악천후에서 센서 인식률이 떨어지는, 겨울철 난방으로 주행 거리가 크게 줄어드는, 충전 커넥터 규격이 달라 호환성이 낮은,
      돌발 상황에서 제어 지연이 발생하는
    `),
    glossary: glossary(`
      라이다 센서=LiDAR sensor; 동시적 위치 추정 및 지도 작성=SLAM; 모델 예측 제어=model predictive control;
      온보드 충전기=on-board charger; 차량 대 사물 통신 모듈=V2X module; 회생 제동=regenerative braking
    `),
    products: words(
      '자동차 부품, 전기차 충전기, 구동모터, 자율주행 센서, 차량용 전장부품, 열관리 모듈, 차체 부품',
    ),
    themes: words('자동차부품, 전기차, 자율주행차, 전기차(충전소/충전기), 수소차(연료전지/부품/충전소 등)'),
    neighbours: words('battery, robotics, ai, energy'),
  },
  {
    code: 'robotics',
    nameKo: '로봇·자동화',
    nameEn: 'Robotics and automation',
    ipc: words(
      'B25J 9/16, B25J 9/00, B25J 11/00, B25J 15/00, G05B 19/418, B23Q 17/00, B65G 47/90, B23K 26/00, G05B 23/02',
    ),
    objects: words(`
      협동 로봇, 다관절 로봇 암, 물류 이송 로봇, 로봇 그리퍼, 스마트 공장 관제 시스템, 공작기계 이상 감지 장치,
      레이저 가공 장치, 자동 포장 장치, 무인 반송차, 비전 검사 장치
    `),
    parts: words(`
      감속기, 서보 모터, 엔코더, 토크 센서, 엔드 이펙터, 진공 흡착 패드, 링크 부재, 관절 모듈, 비전 카메라, 컨베이어,
      제어 패널, 프로그래머블 로직 컨트롤러, 공구 교환 장치, 스핀들, 충돌 감지부, 주행 휠
    `),
    methods: words(
      '경로 보간, 역기구학 연산, 힘 제어, 비전 기반 위치 보정, 예지 정비, 디지털 트윈 시뮬레이션, 모방 학습',
    ),
    measures: words('위치 정밀도, 작업 속도, 가반 하중, 가동률, 작업자 안전성'),
    effects: words(`
      작업자와 안전하게 협업할, 다양한 형상의 물체를 안정적으로 파지할, 설비 고장을 미리 예측할, 위치 오차를 보정할,
      생산 라인의 가동률을 높일, 좁은 공간에서도 자유롭게 이동할
    `),
    problems: words(`
      작업자와 충돌할 위험이 있는, 물체의 형상이 바뀔 때마다 교시 작업이 필요한, 고장이 발생한 뒤에야 정비가 이루어지는,
      관절의 백래시로 위치 정밀도가 떨어지는
    `),
    glossary: glossary(`
      엔드 이펙터=end effector; 역기구학 연산=inverse kinematics; 예지 정비=predictive maintenance; 디지털 트윈=digital twin;
      무인 반송차=automated guided vehicle; 프로그래머블 로직 컨트롤러=PLC
    `),
    products: words(
      '산업용 로봇, 협동로봇, 물류 자동화 설비, 공작기계, 감속기, 머신비전, 스마트팩토리 솔루션, 레이저 가공기',
    ),
    themes: words('로봇(산업용/협동로봇 등), 스마트팩토리(스마트공장), 물류자동화, 공작기계, 머신비전'),
    neighbours: words('mobility, ai, semiconductor, diagnostics'),
  },
  {
    code: 'materials',
    nameKo: '고분자·신소재',
    nameEn: 'Polymers and advanced materials',
    ipc: words(
      'C08L 63/00, C08J 5/18, C09D 133/00, C01B 32/182, B32B 27/00, C08G 18/00, C09J 7/00, C22C 38/00, C04B 35/00',
    ),
    objects: words(`
      에폭시 수지 조성물, 고분자 필름, 코팅 조성물, 그래핀 복합체, 점착 테이프, 탄소섬유 복합재, 고강도 강판,
      생분해성 수지, 방열 소재, 세라믹 소결체
    `),
    parts: words(`
      경화제, 무기 충전재, 가교제, 실란 커플링제, 아크릴 공중합체, 폴리우레탄, 폴리이미드, 탄소나노튜브, 그래핀 산화물,
      질화붕소, 기재층, 점착층, 이형 필름, 합금 원소, 결정립, 바인더 수지, 분산제
    `),
    methods: words('용액 캐스팅, 압출 연신, 용융 혼련, 졸겔 공정, 열간 압연, 표면 개질, 소결, 전기방사'),
    measures: words('인장 강도, 내열성, 열전도도, 접착력, 투명성, 생분해도'),
    effects: words(`
      기계적 강도를 높일, 열전도도를 개선할, 고온에서도 접착력을 유지할, 제조 원가를 줄일, 자연 환경에서 분해될,
      투명성을 유지하면서 내스크래치성을 높일
    `),
    problems: words(`
      충전재가 응집되어 물성이 불균일한, 고온에서 황변이 발생하는, 분해되지 않아 환경 부담이 큰,
      박막화할수록 기계적 강도가 떨어지는
    `),
    glossary: glossary(`
      탄소나노튜브=carbon nanotube; 질화붕소=boron nitride; 실란 커플링제=silane coupling agent; 졸겔 공정=sol-gel process;
      전기방사=electrospinning; 폴리이미드=polyimide
    `),
    products: words(
      '합성수지, 기능성 필름, 코팅제, 점착제, 탄소소재, 특수강, 엔지니어링 플라스틱, 생분해 플라스틱',
    ),
    themes: words('그래핀, 탄소나노튜브(CNT), 폴리이미드(PI), 생분해성 플라스틱, 철강 중소형'),
    neighbours: words('battery, semiconductor, display, food_cosmetics, environment'),
  },
  {
    code: 'energy',
    nameKo: '신재생에너지·수소',
    nameEn: 'Renewable energy and hydrogen',
    ipc: words(
      'H02S 40/00, H01M 8/04, C25B 1/04, F03D 7/00, H02J 3/38, H02J 3/32, F17C 1/00, C01B 3/00, H02S 20/30',
    ),
    objects: words(`
      태양광 발전 시스템, 연료전지 스택, 수전해 장치, 풍력 발전기, 에너지 저장 시스템, 마이크로그리드 운영 장치,
      수소 저장 용기, 전력 변환 장치, 가상 발전소 관리 시스템
    `),
    parts: words(`
      태양전지 모듈, 페로브스카이트 광흡수층, 인버터, 막전극 접합체, 분리판, 고분자 전해질막, 전해조, 촉매층, 블레이드,
      피치 제어부, 수소 압축기, 전력 계통 연계부, 출력 예측부, 배터리 랙, 수소 저장 합금, 열 교환기, 집광 렌즈
    `),
    methods: words(
      '최대 전력점 추종, 알칼라인 수전해, 고분자 전해질 수전해, 계통 주파수 제어, 수요 반응, 발전량 예측',
    ),
    measures: words('발전 효율, 변환 효율, 출력 안정성, 수소 순도, 설비 이용률'),
    effects: words(`
      발전 효율을 높일, 출력 변동을 완화할, 수소 생산 단가를 낮출, 계통 안정성을 확보할, 설비 수명을 늘릴,
      잉여 전력을 저장하였다가 활용할
    `),
    problems: words(`
      일사량 변화에 따라 출력이 크게 변동하는, 촉매에 귀금속이 많이 사용되어 비용이 높은, 저온에서 연료전지 성능이 떨어지는,
      계통 연계 시 주파수가 불안정해지는
    `),
    glossary: glossary(`
      페로브스카이트=perovskite; 막전극 접합체=membrane electrode assembly; 최대 전력점 추종=MPPT;
      고분자 전해질막=polymer electrolyte membrane; 수요 반응=demand response; 에너지 저장 시스템=ESS
    `),
    products: words(
      '태양광 모듈, 풍력 부품, 연료전지, 수전해 설비, 에너지저장장치, 전력변환장치, 수소 충전 설비',
    ),
    themes: words(
      '태양광에너지, 풍력에너지, 수소에너지, 연료전지, 전력저장장치(ESS), 스마트그리드(지능형전력망)',
    ),
    neighbours: words('battery, environment, mobility'),
  },
  {
    code: 'environment',
    nameKo: '건설·환경',
    nameEn: 'Construction and environment',
    ipc: words(
      'E04B 1/00, E04G 21/00, E01D 19/00, C02F 1/00, C02F 3/00, B01D 53/00, E02D 17/00, C04B 28/00, G01M 5/00',
    ),
    objects: words(`
      모듈러 건축 구조물, 교량 보강 구조, 수처리 장치, 대기오염 저감 장치, 친환경 콘크리트 조성물, 구조물 안전 진단 시스템,
      지반 보강 공법, 하수 처리 시스템, 탄소 포집 장치
    `),
    parts: words(`
      프리캐스트 패널, 접합 철물, 강관 파일, 앵커, 분리막 모듈, 생물 반응조, 흡착탑, 촉매 필터, 고로 슬래그, 플라이애시,
      변위 센서, 진동 센서, 균열 감지부, 방수층, 단열재, 내진 댐퍼, 슬러지 탈수기
    `),
    methods: words(
      '탈질 공정, 막 여과, 고도 산화, 시멘트 치환, 구조 건전성 모니터링, 비파괴 검사, 탄소 광물화',
    ),
    measures: words('구조 안전성, 처리 효율, 시공성, 친환경성, 내구성'),
    effects: words(`
      공사 기간을 단축할, 오염 물질 제거 효율을 높일, 탄소 배출량을 줄일, 구조물의 이상을 조기에 발견할,
      유지 관리 비용을 줄일, 현장 타설 없이 조립할
    `),
    problems: words(`
      현장 타설로 공사 기간이 길어지는, 분리막 오염으로 처리 효율이 떨어지는, 시멘트 생산 과정에서 탄소 배출이 많은,
      육안 점검에 의존하여 손상을 늦게 발견하는
    `),
    glossary: glossary(`
      프리캐스트 패널=precast panel; 구조 건전성 모니터링=structural health monitoring; 막 여과=membrane filtration;
      고로 슬래그=blast furnace slag; 탈질 공정=denitrification
    `),
    products: words('건축 공사, 토목 공사, 수처리 설비, 대기환경 설비, 건자재, 모듈러 주택, 안전진단 서비스'),
    themes: words('건설 중소형, 모듈러주택, 탄소배출권, 수처리, 스마트시티'),
    neighbours: words('materials, energy, robotics'),
  },
];
