import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HfTokenizer } from '../../../engine/embed/hf-tokenizer.js';
import { UnsupportedTokenizerError } from '../../../engine/embed/hf-tokenizer-text.js';

// Fixtures written by models/text/build_small.py from the Python `tokenizers` library.
const ARTIFACTS = join(import.meta.dirname, '../../../models/artifacts/text');
const WORDPIECE_PATH = join(ARTIFACTS, 'encoder/tokenizer.json');
const BPE_PATH = join(ARTIFACTS, 'bart/tokenizer.json');

interface TokenizerCase {
  text: string;
  ids: number[];
}

const encoderParity = JSON.parse(readFileSync(join(ARTIFACTS, 'encoder/parity.json'), 'utf8')) as {
  tokenizer: TokenizerCase[];
};
const bartParity = JSON.parse(readFileSync(join(ARTIFACTS, 'bart/parity.json'), 'utf8')) as {
  decodings: { source: string; inputIds: number[]; outputIds: number[]; text: string }[];
};

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

describe('HfTokenizer with WordPiece', () => {
  const tokenizer = HfTokenizer.fromFile(WORDPIECE_PATH);

  it.each(encoderParity.tokenizer.map((item) => [JSON.stringify(item.text).slice(0, 60), item] as const))(
    'matches Python ids for %s',
    (_, item) => {
      expect(tokenizer.encode(item.text)).toEqual(item.ids);
    },
  );

  it('covers the edge cases in the fixture', () => {
    const texts = encoderParity.tokenizer.map((item) => item.text);
    expect(texts.some((text) => /[A-Za-z]/.test(text))).toBe(true);
    expect(texts.some((text) => text.includes('😀'))).toBe(true);
    expect(texts.some((text) => text.includes('\u0000'))).toBe(true);
    expect(texts).toContain('');
  });

  it('truncates long text to maxLength', () => {
    const long = encoderParity.tokenizer.reduce((a, b) => (a.text.length > b.text.length ? a : b));
    const ids = tokenizer.encode(long.text);
    expect(tokenizer.maxLength).toBe(128);
    expect(ids).toHaveLength(128);
    expect(ids[0]).toBe(tokenizer.tokenToId('[CLS]'));
    expect(ids[127]).toBe(tokenizer.tokenToId('[SEP]'));
  });

  it('maps unknown characters to [UNK]', () => {
    const unknown = tokenizer.tokenToId('[UNK]');
    expect(tokenizer.encode('😀')).toEqual([
      tokenizer.tokenToId('[CLS]'),
      unknown,
      tokenizer.tokenToId('[SEP]'),
    ]);
  });

  it('matches added tokens in raw text', () => {
    const ids = tokenizer.encode('[MASK]');
    expect(ids[1]).toBe(tokenizer.tokenToId('[MASK]'));
    expect(ids).toHaveLength(3);
  });

  it('rejects maxLength below the special tokens', () => {
    expect(() => tokenizer.encode('가', 1)).toThrow(/maxLength 1 leaves no room/);
  });
});

describe('HfTokenizer with BPE', () => {
  const tokenizer = HfTokenizer.fromFile(BPE_PATH);

  it.each(bartParity.decodings.map((item, i) => [i, item] as const))(
    'matches Python ids for source %i',
    (_, item) => {
      expect(tokenizer.encode(item.source)).toEqual(item.inputIds);
    },
  );

  it.each(bartParity.decodings.map((item, i) => [i, item] as const))(
    'decodes like Python for case %i',
    (_, item) => {
      expect(tokenizer.decode(item.outputIds)).toBe(item.text);
    },
  );

  it('wraps text in <s> and </s>', () => {
    const ids = tokenizer.encode('장치');
    expect(ids[0]).toBe(0);
    expect(ids[ids.length - 1]).toBe(2);
  });
});

describe('HfTokenizer component checks', () => {
  const base = readJson(WORDPIECE_PATH);

  it.each([
    [
      'normalizer',
      { type: 'Precompiled' },
      /normalizer Precompiled is not supported \(supported: BertNormalizer/,
    ],
    [
      'pre_tokenizer',
      { type: 'ByteLevel' },
      /pre_tokenizer ByteLevel is not supported \(supported: BertPreTokenizer/,
    ],
    ['model', { type: 'Unigram', vocab: [] }, /model Unigram is not supported \(supported: WordPiece, BPE/],
    ['post_processor', { type: 'ByteLevel' }, /post_processor ByteLevel is not supported/],
    ['decoder', { type: 'ByteLevel' }, /decoder ByteLevel is not supported \(supported: WordPiece/],
  ])('rejects an unsupported %s', (field, value, message) => {
    const json = { ...base, [field]: value };
    expect(() => HfTokenizer.fromJson(json)).toThrow(UnsupportedTokenizerError);
    expect(() => HfTokenizer.fromJson(json)).toThrow(message);
  });

  it('names the file of an unsupported tokenizer', () => {
    const folder = mkdtempSync(join(tmpdir(), 'exit-tokenizer-'));
    try {
      const path = join(folder, 'tokenizer.json');
      writeFileSync(path, JSON.stringify({ ...base, normalizer: { type: 'Replace' } }));
      expect(() => HfTokenizer.fromFile(path)).toThrow(
        `Tokenizer ${path} is not supported: normalizer Replace`,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rejects BPE dropout', () => {
    const bpe = readJson(BPE_PATH);
    const json = { ...bpe, model: { ...(bpe.model as object), dropout: 0.1 } };
    expect(() => HfTokenizer.fromJson(json)).toThrow(/dropout is not supported/);
  });

  it('rejects a file with no model', () => {
    expect(() => HfTokenizer.fromJson({ version: '1.0' })).toThrow(/no "model" object/);
  });
});

describe('HfTokenizer on small hand-written vocabularies', () => {
  const wordPiece = (normalizer: unknown, preTokenizer: unknown) =>
    HfTokenizer.fromJson({
      normalizer,
      pre_tokenizer: preTokenizer,
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        vocab: { '[UNK]': 0, cafe: 1, hello: 2, '##s': 3, ',': 4, ab: 5 },
      },
    });

  it('lowercases and strips accents for an uncased BertNormalizer', () => {
    const tokenizer = wordPiece(
      { type: 'BertNormalizer', lowercase: true, strip_accents: null },
      { type: 'BertPreTokenizer' },
    );
    expect(tokenizer.encode('CAFÉ, Hellos')).toEqual([1, 4, 2, 3]);
  });

  it('splits word and non-word runs with Whitespace', () => {
    const tokenizer = wordPiece(null, { type: 'Whitespace' });
    expect(tokenizer.encode('hello,, ab')).toEqual([2, 0, 5]);
  });

  it('applies BPE merges by rank', () => {
    const tokenizer = HfTokenizer.fromJson({
      model: {
        type: 'BPE',
        unk_token: '?',
        vocab: { '?': 0, a: 1, b: 2, c: 3, ab: 4, bc: 5, abc: 6 },
        merges: ['b c', 'a bc'],
      },
      pre_tokenizer: { type: 'WhitespaceSplit' },
    });
    expect(tokenizer.encode('abc ab x')).toEqual([6, 1, 2, 0]);
  });
});
