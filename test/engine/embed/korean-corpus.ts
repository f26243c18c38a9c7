/**
 * A small Korean patent-like corpus for embedder tests. It has four topics, each with its own terms.
 * Each document combines a subject, an object and an ending of one topic, so documents within a topic
 * share n-grams and documents of different topics share only the generic words.
 */

const TOPICS: Record<string, { subjects: string[]; objects: string[] }> = {
  battery: {
    subjects: [
      '리튬 이차전지용 양극 활물질은',
      '니켈 함량이 높은 양극재는',
      '전해액 첨가제를 포함하는 전지는',
    ],
    objects: [
      '고온 수명 특성을 향상시키며 열 안정성을',
      '충방전 효율과 용량 유지율을',
      '전극 슬러리의 겔화를 억제하고 잔류 리튬을',
    ],
  },
  display: {
    subjects: ['유기 발광 표시 장치는', '박막 트랜지스터 기판은', '화소 정의막과 차광 패턴은'],
    objects: [
      '외광 반사를 줄여 명암비를',
      '발광 영역의 빛샘을 방지하고 소비 전력을',
      '표시 패널의 두께와 해상도를',
    ],
  },
  bio: {
    subjects: ['미세유체 칩은', '순환종양세포 분리 장치는', '혈액 시료 분석 키트는'],
    objects: [
      '암세포를 백혈구로부터 높은 순도로 분리하여 조기 진단을',
      '항체 결합 효율과 검출 감도를',
      '나선형 미세 채널에서 세포를 크기별로 정렬하여 분석 시간을',
    ],
  },
  vehicle: {
    subjects: [
      '자율 주행 차량의 인식 장치는',
      '라이다 센서와 카메라 융합 모듈은',
      '차량용 레이더 신호 처리기는',
    ],
    objects: [
      '보행자와 전방 차량을 정확하게 검출하여 주행 안전성을',
      '악천후에서도 물체까지의 거리 추정 정확도를',
      '점군 데이터를 실시간으로 처리하여 충돌 위험을',
    ],
  },
};

const ENDINGS = ['개선한다.', '높인다.', '향상시킨다.'];

export const TOPIC_NAMES = Object.keys(TOPICS);

/** Returns the documents of one topic: every subject, object and ending combination. */
export function topicDocuments(topic: string): string[] {
  const terms = TOPICS[topic];
  if (terms === undefined) {
    throw new Error(`Unknown test topic ${topic}.`);
  }
  const documents: string[] = [];
  for (const subject of terms.subjects) {
    for (const object of terms.objects) {
      for (const ending of ENDINGS) {
        documents.push(`${subject} ${object} ${ending}`);
      }
    }
  }
  return documents;
}

/** Returns all documents of all topics, 108 in total, topic by topic. */
export function koreanCorpus(): string[] {
  return TOPIC_NAMES.flatMap((topic) => topicDocuments(topic));
}

/** Returns the dot product, which is the cosine similarity for the L2-normalised embedder output. */
export function dotProduct(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += (a[i] as number) * (b[i] as number);
  }
  return dot;
}
