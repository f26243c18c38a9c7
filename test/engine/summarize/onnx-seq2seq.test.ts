import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OnnxSeq2SeqSummarizer } from '../../../engine/summarize/onnx-seq2seq.js';

// A 2-layer, 64-wide BART trained briefly to write titles from generated abstracts, with the
// decodings of models/text/decoding.py over the same ONNX files (models/text/build_small.py).
const MODEL_DIR = join(import.meta.dirname, '../../../models/artifacts/text/bart');

interface DecodingCase {
  source: string;
  inputIds: number[];
  maxNewTokens: number;
  numBeams: number;
  lengthPenalty: number;
  noRepeatNgramSize: number;
  outputIds: number[];
  text: string;
  transformersOutputIds: number[];
}

const parity = JSON.parse(readFileSync(join(MODEL_DIR, 'parity.json'), 'utf8')) as {
  decodings: DecodingCase[];
};

function label(item: DecodingCase): string {
  return `beams ${item.numBeams}, max ${item.maxNewTokens}, lp ${item.lengthPenalty}, ngram ${item.noRepeatNgramSize}`;
}

describe('OnnxSeq2SeqSummarizer', () => {
  let summarizer: OnnxSeq2SeqSummarizer;

  beforeAll(async () => {
    summarizer = await OnnxSeq2SeqSummarizer.load(MODEL_DIR, {}, 1);
  });

  it.each(parity.decodings.map((item) => [label(item), item] as const))(
    'matches Python for %s',
    async (_, item) => {
      const output = await summarizer.generate(item.inputIds, {
        maxNewTokens: item.maxNewTokens,
        numBeams: item.numBeams,
        lengthPenalty: item.lengthPenalty,
        noRepeatNgramSize: item.noRepeatNgramSize,
      });
      expect(output).toEqual(item.outputIds);
    },
  );

  it('uses fixtures that agree with transformers generate', () => {
    for (const item of parity.decodings) {
      expect(item.transformersOutputIds, label(item)).toEqual(item.outputIds);
    }
  });

  it('stops at the end token before maxNewTokens', () => {
    const greedy = parity.decodings.filter((item) => item.numBeams === 1 && item.maxNewTokens === 40);
    expect(greedy.length).toBeGreaterThan(0);
    for (const item of greedy) expect(item.outputIds.length, item.source.slice(0, 30)).toBeLessThan(40);
  });

  it('stops at maxNewTokens', async () => {
    const item = parity.decodings[0] as DecodingCase;
    const output = await summarizer.generate(item.inputIds, {
      maxNewTokens: 3,
      numBeams: 1,
      noRepeatNgramSize: 0,
    });
    expect(output).toEqual(item.outputIds.slice(0, 3));
  });

  it('summarises text into the decoded output', async () => {
    const item = parity.decodings.find(
      (c) => c.numBeams === 1 && c.maxNewTokens === 40 && c.noRepeatNgramSize === 0,
    );
    const text = await OnnxSeq2SeqSummarizer.load(
      MODEL_DIR,
      { numBeams: 1, maxNewTokens: 40, noRepeatNgramSize: 0 },
      1,
    ).then((greedy) => greedy.summarize(item?.source ?? ''));
    expect(text).toBe(item?.text.trim());
    expect(text.length).toBeGreaterThan(0);
  });

  it('returns an empty summary for blank text', async () => {
    expect(await summarizer.summarize('  ')).toBe('');
  });

  it('records model and decoding in its id', () => {
    expect(summarizer.id).toMatch(/^onnx-seq2seq\/[0-9a-f]{16}\/beams4-max64-lp1-ngram3$/);
  });

  it('rejects an encoder folder', async () => {
    await expect(OnnxSeq2SeqSummarizer.load(join(MODEL_DIR, '../encoder'))).rejects.toThrow(
      /is not the metadata of an exported seq2seq model/,
    );
  });
});
