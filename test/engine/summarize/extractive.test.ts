import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ExtractiveSummarizer } from '../../../engine/summarize/extractive.js';
import { removeParentheticalGlosses } from '../../../engine/summarize/glosses.js';
import { countTokens, splitSentences } from '../../../engine/summarize/sentences.js';
import { REAL_DATA_DIR, realDataSkipReason } from '../../support/paths.js';

/**
 * Abstracts written for these tests in the style of KIPRIS abstracts. Line breaks in the source are
 * joined with spaces, because a line break ends a sentence.
 */
const ABSTRACTS: Record<string, string> = Object.fromEntries(
  Object.entries({
    microfluidic: `본 발명은 미세유체 칩(microfluidic chip)을 이용한 혈액 내 순환종양세포(circulating tumor cell, CTC)의
 분리 장치에 관한 것이다. 상기 장치는 혈액 시료가 주입되는 주입구(10), 상기 주입구와 연결되어 나선형으로
형성된 미세 채널(20) 및 상기 미세 채널의 출구에 배치된 복수의 배출구(30)를 포함한다. 나선형 미세 채널을 흐르는
시료에는 관성 양력과 딘 항력(Dean drag force)이 작용하므로 세포의 크기에 따라 서로 다른 평형 위치에 정렬된다.
따라서 표지 물질 없이도 순환종양세포를 백혈구로부터 높은 순도로 분리할 수 있다. 또한 상기 미세유체 칩은 폴리디메틸실록산(PDMS)으로
 일체로 성형되므로 제조 비용이 낮고 일회용으로 사용할 수 있다. 본 발명에 따르면 암 환자의 혈액에서 순환종양세포를
신속하게 분리하여 암의 조기 진단 및 예후 예측에 활용할 수 있다.`,
    battery: `본 발명은 리튬 이차전지(lithium secondary battery)용 양극 활물질, 이의 제조 방법 및 이를 포함하는 리튬 이차전지에
관한 것으로, 보다 상세하게는 니켈 함량이 높은 층상 구조의 리튬 복합 전이금속 산화물 표면에 붕소 화합물 코팅층을 형성한
양극 활물질에 관한 것이다. 상기 코팅층은 전해액과 양극 활물질의 직접적인 접촉을 억제하여 고온에서의 부반응을 줄인다.
상기 양극 활물질은 전이금속 전구체와 리튬 원료 물질을 혼합하여 소성하는 단계, 및 소성물에 붕소 화합물을 건식 혼합한 후
열처리하는 단계를 포함하는 방법으로 제조된다. 본 발명의 양극 활물질을 적용한 리튬 이차전지는 고온 수명 특성과 열 안정성이
우수하다. 또한 잔류 리튬의 양이 감소하여 전극 제조 시 슬러리의 겔화가 억제된다.`,
    vehicle: `본 발명은 차량의 주행 환경을 인식하는 장치 및 방법에 관한 것이다. 본 발명의 일 실시예에 따른 장치는 차량 전방을
촬영하는 카메라, 차량 주변 물체까지의 거리를 측정하는 라이다(LiDAR) 센서, 및 상기 카메라의 영상과 상기 라이다 센서의
점군 데이터를 융합하여 물체를 검출하는 프로세서를 포함한다. 상기 프로세서는 합성곱 신경망(convolutional neural network)을
 이용하여 영상에서 물체 후보 영역을 추출하고, 상기 후보 영역에 대응하는 점군을 투영하여 물체까지의 거리를 산출한다.
악천후로 인해 카메라 영상의 품질이 낮아지면 상기 프로세서는 라이다 센서의 가중치를 높여 검출 결과를 보정한다.
이에 따라 야간이나 우천 시에도 보행자와 차량을 정확하게 검출할 수 있어 자율 주행의 안전성이 향상된다.`,
    display: `유기 발광 표시 장치가 개시된다. 유기 발광 표시 장치는 기판, 기판 상에 배치된 박막 트랜지스터, 박막 트랜지스터와
전기적으로 연결된 제1 전극, 제1 전극 상에 배치된 유기 발광층, 및 유기 발광층 상에 배치된 제2 전극을 포함한다. 화소 정의막은
제1 전극의 가장자리를 덮으며 발광 영역을 정의한다. 화소 정의막 상에는 광 흡수 물질을 포함하는 차광 패턴이 배치되어
인접한 화소 사이의 빛샘을 방지한다. 이로써 외광 반사가 줄어들고 편광판 없이도 명암비가 향상되며, 표시 장치의 두께와 소비
전력이 감소한다.`,
  }).map(([name, text]) => [name, text.replace(/\s*\n\s*/gu, ' ')]),
);

function inputTokenCount(text: string): number {
  return splitSentences(removeParentheticalGlosses(text)).reduce((sum, s) => sum + countTokens(s), 0);
}

describe('ExtractiveSummarizer', () => {
  const summarizer = new ExtractiveSummarizer();

  it('has a versioned id', () => {
    expect(summarizer.id).toBe('extractive-v1');
    expect(new ExtractiveSummarizer({ targetRatio: 0.4 }).id).not.toBe('extractive-v1');
  });

  it.each(Object.entries(ABSTRACTS))('keeps %s summary within ratio bounds', (_name, abstract) => {
    const summary = summarizer.summarize(abstract);
    const ratio = countTokens(summary) / inputTokenCount(abstract);
    expect(ratio).toBeGreaterThanOrEqual(0.2);
    expect(ratio).toBeLessThanOrEqual(0.5);
  });

  it.each(Object.entries(ABSTRACTS))('removes glosses from %s summary', (_name, abstract) => {
    const summary = summarizer.summarize(abstract);
    expect(summary).not.toMatch(/[()（）]/u);
    expect(summary).not.toMatch(/[A-Za-z]/u);
  });

  it.each(Object.entries(ABSTRACTS))('preserves sentence order in %s', (_name, abstract) => {
    const sentences = splitSentences(removeParentheticalGlosses(abstract)).map((s) =>
      s.replace(/\s+/gu, ' '),
    );
    const summary = summarizer.summarize(abstract);
    const positions = sentences
      .map((sentence) => summary.indexOf(sentence))
      .filter((position) => position >= 0);
    expect(positions.length).toBeGreaterThan(0);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('selects the central sentence', () => {
    const summary = summarizer.summarize(ABSTRACTS.microfluidic as string);
    expect(summary).toContain('순환종양세포');
  });

  it('cuts one long sentence to half', () => {
    const words = Array.from({ length: 41 }, (_, i) => `단어${i}`);
    const summary = summarizer.summarize(`${words.join(' ')}.`);
    expect(summary.split(' ')).toEqual(words.slice(0, 20));
  });

  it('cuts a dominant sentence when others are too short', () => {
    const long = Array.from({ length: 60 }, (_, i) => `전극${i}을`).join(' ');
    const summary = summarizer.summarize(`${long}. 끝.`);
    const ratio = countTokens(summary) / 62;
    expect(ratio).toBeGreaterThanOrEqual(0.2);
    expect(ratio).toBeLessThanOrEqual(0.5);
  });

  it('returns short input whole after gloss removal', () => {
    expect(summarizer.summarize('미세유체 칩(microfluidic chip)을 이용한 세포 분리 장치.')).toBe(
      '미세유체 칩을 이용한 세포 분리 장치.',
    );
  });

  it('returns empty string for empty input', () => {
    expect(summarizer.summarize('')).toBe('');
    expect(summarizer.summarize('   \n ')).toBe('');
  });

  it('rejects invalid ratios', () => {
    expect(() => new ExtractiveSummarizer({ minRatio: 0.6 })).toThrow(RangeError);
    expect(() => new ExtractiveSummarizer({ maxRatio: 1 })).toThrow(RangeError);
  });
});

describe.skipIf(realDataSkipReason !== null)('ExtractiveSummarizer on KIPRIS abstracts', () => {
  it('keeps every summary within ratio bounds', () => {
    const file = path.join(REAL_DATA_DIR, 'kipris-neojune/patents_kipris_plus.csv');
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    const abstracts = rows.map((row) => row.Abstract ?? '').filter((abstract) => abstract.trim() !== '');
    const summarizer = new ExtractiveSummarizer();
    const outOfBounds: string[] = [];
    let summarised = 0;
    for (const abstract of abstracts) {
      const inputTokens = inputTokenCount(abstract);
      if (inputTokens < 20) {
        continue;
      }
      summarised += 1;
      const ratio = countTokens(summarizer.summarize(abstract)) / inputTokens;
      if (ratio < 0.2 || ratio > 0.5) {
        outOfBounds.push(`${ratio.toFixed(3)}: ${abstract.slice(0, 60)}`);
      }
    }
    expect(summarised).toBeGreaterThan(1000);
    expect(outOfBounds).toEqual([]);
  });
});
