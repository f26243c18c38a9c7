import { glossary, type TechArea, words } from './types.js';

/** Software areas: artificial intelligence and data, security and fintech, content and games. */
export const DIGITAL_AREAS: readonly TechArea[] = [
  {
    code: 'ai',
    nameKo: '인공지능·데이터',
    nameEn: 'Artificial intelligence and data',
    ipc: words(
      'G06N 3/08, G06N 3/04, G06N 20/00, G06F 16/33, G06V 10/82, G06F 40/30, G06Q 10/04, G06T 7/00, G10L 15/16',
    ),
    objects: words(`
      인공 신경망 학습 장치, 객체 인식 시스템, 자연어 질의 응답 시스템, 추천 시스템, 음성 인식 장치, 이상 탐지 시스템,
      수요 예측 장치, 문서 요약 장치, 영상 분석 서버, 데이터 라벨링 플랫폼
    `),
    parts: words(`
      합성곱 신경망, 트랜스포머 인코더, 어텐션 모듈, 임베딩 벡터, 특징 추출부, 학습 데이터셋, 손실 함수, 추론 엔진,
      언어 모델, 지식 그래프, 벡터 데이터베이스, 사용자 행동 로그, 하이퍼파라미터, 경량화 모델, 데이터 증강부
    `),
    methods: words(
      '지도 학습, 자기 지도 학습, 전이 학습, 연합 학습, 강화 학습, 지식 증류, 양자화, 검색 증강 생성',
    ),
    measures: words('예측 정확도, 추론 속도, 학습 효율, 메모리 효율, 일반화 성능'),
    effects: words(`
      적은 학습 데이터로도 높은 정확도를 얻을, 추론 지연 시간을 줄일, 개인정보를 외부로 전송하지 않고 모델을 학습할,
      사용자 선호를 정확히 반영할, 이상 징후를 조기에 탐지할, 모델 크기를 줄여 단말에서 실행할
    `),
    problems: words(`
      대량의 라벨링 데이터가 필요한, 학습 환경과 실제 환경의 분포 차이로 성능이 저하되는, 연산량이 많아 실시간 처리가 어려운,
      결과의 근거를 설명하기 어려운
    `),
    glossary: glossary(`
      합성곱 신경망=convolutional neural network; 트랜스포머 인코더=transformer encoder; 연합 학습=federated learning;
      지식 증류=knowledge distillation; 검색 증강 생성=retrieval-augmented generation; 임베딩 벡터=embedding vector;
      전이 학습=transfer learning
    `),
    products: words(
      'AI 솔루션, 빅데이터 분석 플랫폼, 영상인식 솔루션, 챗봇, 음성인식 엔진, AI 반도체 소프트웨어, 클라우드 서비스',
    ),
    themes: words('지능형로봇/인공지능(AI), 챗GPT(생성형 AI), 빅데이터, 클라우드 컴퓨팅, 온디바이스 AI'),
    neighbours: words('security, content, telecom, diagnostics, robotics'),
  },
  {
    code: 'security',
    nameKo: '보안·핀테크',
    nameEn: 'Security and fintech',
    ipc: words('H04L 9/32, H04L 9/08, H04L 63/14, G06F 21/62, G06Q 20/40, G06Q 40/04, G06F 21/55, H04L 9/00'),
    objects: words(`
      사용자 인증 시스템, 간편 결제 시스템, 블록체인 기반 거래 장치, 악성코드 탐지 장치, 암호 키 관리 장치,
      개인정보 비식별화 장치, 이상 거래 탐지 시스템, 생체 인증 장치, 전자 서명 장치
    `),
    parts: words(`
      공개키, 개인키, 해시 함수, 전자 지갑, 스마트 계약, 분산 원장, 인증 토큰, 보안 영역, 하드웨어 보안 모듈, 일회용 비밀번호,
      위험 점수 산출부, 접근 제어 정책, 로그 수집부, 침입 탐지 규칙, 지문 센서, 얼굴 특징점
    `),
    methods: words(
      '동형 암호, 영지식 증명, 다중 인자 인증, 토큰화, 차분 프라이버시, 행위 기반 탐지, 양자 내성 암호',
    ),
    measures: words('인증 정확도, 탐지율, 처리량, 보안 수준, 결제 처리 속도'),
    effects: words(`
      개인정보 유출 위험을 줄일, 위조 거래를 실시간으로 차단할, 결제 승인 시간을 단축할, 키 탈취 공격을 방어할,
      오탐지를 줄일, 사용자의 인증 절차를 간소화할
    `),
    problems: words(`
      비밀번호 유출 시 계정이 도용되는, 암호화된 데이터를 분석하려면 복호화가 필요한, 신규 유형의 공격을 탐지하지 못하는,
      거래 검증에 시간이 오래 걸리는
    `),
    glossary: glossary(`
      하드웨어 보안 모듈=HSM; 동형 암호=homomorphic encryption; 영지식 증명=zero-knowledge proof; 분산 원장=distributed ledger;
      스마트 계약=smart contract; 차분 프라이버시=differential privacy; 일회용 비밀번호=OTP
    `),
    products: words(
      '정보보안 솔루션, 인증 솔루션, 전자결제(PG), 블록체인 플랫폼, 보안 관제 서비스, 핀테크 앱',
    ),
    themes: words('보안주(정보), 핀테크(FinTech), 블록체인, 전자결제(전자화폐), 생체인식'),
    neighbours: words('ai, telecom'),
  },
  {
    code: 'content',
    nameKo: '콘텐츠·게임·XR',
    nameEn: 'Content, games and extended reality',
    ipc: words(
      'A63F 13/00, A63F 13/52, H04N 21/00, H04N 21/2343, G06T 19/00, G06T 13/40, G06F 3/01, H04N 13/00',
    ),
    objects: words(`
      게임 제공 방법, 가상현실 체험 장치, 증강현실 콘텐츠 제공 시스템, 동영상 스트리밍 서버, 3차원 아바타 생성 장치,
      메타버스 플랫폼, 실감형 공연 중계 시스템, 웹툰 제작 도구, 모션 캡처 장치
    `),
    parts: words(`
      가상 객체, 아바타, 게임 서버, 렌더링 엔진, 머리 착용형 디스플레이, 시선 추적부, 모션 센서, 햅틱 장치, 공간 음향,
      트랜스코더, 콘텐츠 전송망, 매치메이킹 모듈, 보상 아이템, 가상 공간 지도, 입체 영상
    `),
    methods: words(
      '실시간 렌더링, 적응형 비트레이트 스트리밍, 포인트 클라우드 정합, 볼류메트릭 캡처, 절차적 생성, 클라우드 게이밍',
    ),
    measures: words('몰입감, 영상 품질, 전송 효율, 동시 접속 처리 능력, 사용자 참여도'),
    effects: words(`
      사용자의 몰입감을 높일, 멀미 증상을 줄일, 네트워크 상태에 맞추어 화질을 조절할, 다수 사용자가 동시에 상호작용할,
      제작 비용을 줄일
    `),
    problems: words(`
      시선과 영상의 불일치로 어지러움이 생기는, 동시 접속자가 많으면 서버 지연이 커지는, 고화질 콘텐츠 전송에 대역폭이 많이 드는,
      3차원 콘텐츠 제작에 많은 인력이 필요한
    `),
    glossary: glossary(`
      머리 착용형 디스플레이=head-mounted display; 적응형 비트레이트 스트리밍=adaptive bitrate streaming;
      볼류메트릭 캡처=volumetric capture; 햅틱 장치=haptic device; 포인트 클라우드=point cloud; 절차적 생성=procedural generation
    `),
    products: words(
      '모바일 게임, PC 온라인 게임, 동영상 플랫폼, VR/AR 콘텐츠, 웹툰, 방송 프로그램 제작, 음원 유통',
    ),
    themes: words('모바일게임(스마트폰), 메타버스(Metaverse), 가상현실(VR), 증강현실(AR), 웹툰, 영상콘텐츠'),
    neighbours: words('ai, display, telecom'),
  },
];
