import { glossary, type TechArea, words } from './types.js';

/** Electronics areas: semiconductors, displays, secondary batteries, telecommunications. */
export const ELECTRONICS_AREAS: readonly TechArea[] = [
  {
    code: 'semiconductor',
    nameKo: '반도체',
    nameEn: 'Semiconductors',
    ipc: words(
      'H01L 21/00, H01L 21/67, H01L 21/3065, H01L 23/00, H01L 29/78, H01L 21/02, G03F 7/20, C23C 16/455, H01L 25/065, H01L 21/66',
    ),
    objects: words(`
      반도체 소자, 기판 처리 장치, 플라즈마 식각 장치, 웨이퍼 세정 장치, 반도체 패키지, 전력 반도체 모듈,
      메모리 셀 어레이, 포토레지스트 조성물, 박막 증착 장치, 웨이퍼 검사 장치, 프로브 카드
    `),
    parts: words(`
      웨이퍼, 정전 척, 샤워헤드, 공정 챔버, 게이트 절연막, 소스 전극, 드레인 전극, 채널층, 하드 마스크, 식각 정지층,
      관통 실리콘 비아, 범프, 재배선층, 리드 프레임, 몰딩 컴파운드, 에지 링, 가스 분배판, 히터 블록, 로드락 챔버,
      트랜치, 금속 배선, 실리콘 카바이드 기판, 질화갈륨 에피층
    `),
    methods: words(`
      원자층 증착, 화학 기상 증착, 건식 식각, 극자외선 노광, 화학적 기계 연마, 이온 주입, 급속 열처리, 하이브리드 본딩,
      플립칩 접합
    `),
    measures: words('공정 균일도, 수율, 절연 신뢰성, 집적도, 열 방출 효율, 청정도'),
    effects: words(`
      웨이퍼 전면에서 균일한 식각률을 얻을, 파티클 발생을 줄일, 누설 전류를 억제할, 공정 수율을 높일,
      패키지 두께를 줄일, 열 방출 효율을 개선할, 장비 가동률을 높일
    `),
    problems: words(`
      웨이퍼 가장자리에서 공정 균일도가 떨어지는, 미세 패턴에서 쓰러짐이 발생하는, 챔버 내벽에 부산물이 쌓이는,
      고전압에서 절연 파괴가 일어나는, 적층 시 휨이 발생하는
    `),
    glossary: glossary(`
      원자층 증착=atomic layer deposition; 화학 기상 증착=CVD; 극자외선 노광=EUV lithography; 정전 척=electrostatic chuck;
      관통 실리콘 비아=through-silicon via; 화학적 기계 연마=CMP; 재배선층=redistribution layer; 하이브리드 본딩=hybrid bonding
    `),
    products: words(
      '반도체 장비, 식각 장비, 증착 장비, 반도체 소재, 포토레지스트, 프로브카드, 반도체 패키징, 전력반도체, 테스트 소켓',
    ),
    themes: words('반도체 장비, 반도체 재료/부품, 시스템반도체, HBM(고대역폭메모리), 전력반도체, 유리기판'),
    neighbours: words('display, materials, ai, battery'),
  },
  {
    code: 'display',
    nameKo: '디스플레이·광학',
    nameEn: 'Displays and optics',
    ipc: words(
      'H10K 59/00, H10K 50/00, G02F 1/1333, G09G 3/32, G02B 5/30, H01L 33/00, G06F 3/041, H01L 27/12',
    ),
    objects: words(`
      유기 발광 표시 장치, 마이크로 LED 디스플레이, 플렉서블 디스플레이 패널, 편광 필름, 터치 스크린 패널,
      백라이트 유닛, 광학 렌즈 모듈, 투명 디스플레이, 증강현실용 광학계, 양자점 필름
    `),
    parts: words(`
      박막 트랜지스터, 발광층, 정공 수송층, 전자 수송층, 봉지층, 화소 정의막, 컬러 필터, 양자점, 도광판, 편광자,
      위상차 필름, 터치 센서 전극, 커버 윈도우, 구동 회로, 게이트 드라이버, 광학 접착층, 마이크로 렌즈 어레이
    `),
    methods: words(
      '잉크젯 프린팅, 레이저 리프트 오프, 박막 봉지, 전사 공정, 진공 증착, 롤투롤 코팅, 휘도 보상 구동',
    ),
    measures: words('휘도, 색재현율, 발광 효율, 수명, 굴곡 내구성, 시야각'),
    effects: words(`
      발광 효율을 높일, 패널의 수명을 연장할, 반복 굽힘에도 크랙을 방지할, 색재현율을 개선할, 소비 전력을 줄일,
      화면 얼룩을 보정할
    `),
    problems: words(`
      수분과 산소 침투로 발광층이 열화되는, 반복 굽힘에 의해 배선이 단선되는, 화소 간 휘도 편차가 발생하는,
      전사 수율이 낮아 대면적화가 어려운
    `),
    glossary: glossary(`
      박막 트랜지스터=thin film transistor; 양자점=quantum dot; 레이저 리프트 오프=laser lift-off;
      박막 봉지=thin film encapsulation; 정공 수송층=hole transport layer; 도광판=light guide plate
    `),
    products: words('OLED 소재, 디스플레이 장비, 편광필름, 터치패널, 카메라 모듈, 광학 렌즈, LED 패키지'),
    themes: words('OLED(유기 발광 다이오드), LED, 마이크로 LED, 폴더블폰, 카메라 모듈'),
    neighbours: words('semiconductor, materials, content'),
  },
  {
    code: 'battery',
    nameKo: '2차전지',
    nameEn: 'Secondary batteries',
    ipc: words(
      'H01M 10/052, H01M 10/0525, H01M 4/525, H01M 4/62, H01M 10/44, H01M 50/40, H01M 10/0562, H02J 7/00, H01M 10/48',
    ),
    objects: words(`
      리튬 이차전지, 양극 활물질, 음극 활물질, 고체 전해질, 분리막, 배터리 모듈, 배터리 관리 시스템, 전극 조립체,
      전해액 조성물, 셀 케이스, 폐배터리 재활용 방법
    `),
    parts: words(`
      니켈 코발트 망간 산화물, 리튬 인산철, 실리콘 복합 음극재, 흑연, 도전재, 바인더, 집전체, 세라믹 코팅층, 전해질 첨가제,
      황화물계 고체 전해질, 셀 탭, 버스바, 냉각 플레이트, 셀 전압 센서, 온도 센서, 충전 상태 추정부, 가스 배출 밸브
    `),
    methods: words(
      '공침법, 고상 소성, 건식 전극 공정, 레이저 노칭, 적층 공정, 습식 제련, 칼만 필터 기반 추정, 급속 충전 제어',
    ),
    measures: words('에너지 밀도, 수명 특성, 출력 특성, 열 안정성, 충전 속도, 용량 유지율'),
    effects: words(`
      에너지 밀도를 높일, 충방전 수명을 연장할, 열 폭주를 방지할, 충전 시간을 단축할, 충전 상태를 정확히 추정할,
      유가 금속의 회수율을 높일, 전극의 부피 팽창을 억제할
    `),
    problems: words(`
      충방전 중 음극의 부피 팽창으로 용량이 감소하는, 고온에서 전해액이 분해되어 가스가 발생하는, 셀 간 전압 편차가 커지는,
      열 폭주가 인접 셀로 전파되는
    `),
    glossary: glossary(`
      고체 전해질=solid electrolyte; 리튬 인산철=LFP; 니켈 코발트 망간 산화물=NCM; 배터리 관리 시스템=BMS;
      분리막=separator; 충전 상태 추정부=SOC estimator; 건식 전극 공정=dry electrode process
    `),
    products: words('2차전지 양극재, 음극재, 전해액, 분리막, 배터리 팩, BMS, 2차전지 장비, 폐배터리 재활용'),
    themes: words(
      '2차전지, 2차전지(소재/부품), 2차전지(장비), 전고체 배터리, 폐배터리 재활용, 전력저장장치(ESS)',
    ),
    neighbours: words('mobility, energy, materials, semiconductor'),
  },
  {
    code: 'telecom',
    nameKo: '통신·네트워크',
    nameEn: 'Telecommunications',
    ipc: words('H04W 72/04, H04W 4/70, H04L 5/00, H04B 7/06, H01Q 1/24, H04B 10/25, H04L 27/26, H04W 24/02'),
    objects: words(`
      무선 통신 시스템, 기지국 장치, 안테나 모듈, 빔포밍 장치, 광 트랜시버, 사물인터넷 단말, 네트워크 슬라이싱 장치,
      위성 통신 단말, 근거리 무선 통신 장치, 중계기
    `),
    parts: words(`
      위상 배열 안테나, 무선 주파수 프런트엔드, 전력 증폭기, 저잡음 증폭기, 필터 모듈, 기저대역 처리부, 자원 할당부,
      채널 추정부, 광 모듈, 레이저 다이오드, 광 검출기, 스케줄러, 핸드오버 제어부, 코어 네트워크, 에지 서버
    `),
    methods: words(
      '다중 입출력 전송, 직교 주파수 분할 다중화, 빔 관리, 반송파 집성, 소프트웨어 정의 네트워킹, 저전력 광역 통신',
    ),
    measures: words('전송 속도, 응답 속도, 커버리지, 전력 효율, 주파수 효율, 연결 신뢰도'),
    effects: words(`
      통신 지연을 줄일, 셀 경계에서도 전송 속도를 유지할, 단말의 전력 소모를 줄일, 주파수 자원을 효율적으로 할당할,
      간섭을 억제할, 대규모 단말을 동시에 수용할
    `),
    problems: words(`
      고주파 대역에서 경로 손실이 커서 커버리지가 좁은, 다수 단말 접속 시 충돌이 증가하는, 이동 중 핸드오버가 잦아 끊김이 발생하는,
      안테나 소형화에 따라 방사 효율이 떨어지는
    `),
    glossary: glossary(`
      위상 배열 안테나=phased array antenna; 다중 입출력 전송=MIMO; 직교 주파수 분할 다중화=OFDM;
      반송파 집성=carrier aggregation; 소프트웨어 정의 네트워킹=SDN; 저잡음 증폭기=low noise amplifier
    `),
    products: words('통신장비, 기지국 안테나, 광통신 부품, 중계기, 네트워크 장비, IoT 모듈, 위성통신 단말'),
    themes: words('5G(5세대 이동통신), 통신장비, 6G(6세대 이동통신), 사물인터넷, 위성통신'),
    neighbours: words('ai, security, semiconductor, content'),
  },
];
