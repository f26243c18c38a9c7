import { describe, expect, it } from 'vitest';
import {
  banRepeatedNgrams,
  type DecodeOptions,
  decode,
  type NextLogProbs,
} from '../../../engine/summarize/beam-search.js';

const END = 0;
const START = 9;
const TOKENS = { startId: START, endId: END, forcedFirstId: null };

function options(overrides: Partial<DecodeOptions>): DecodeOptions {
  return { maxNewTokens: 10, numBeams: 1, lengthPenalty: 1, noRepeatNgramSize: 0, ...overrides };
}

/** A model over tokens 0-4 whose next-token probabilities depend only on the prefix. */
function model(table: (prefix: number[]) => number[]): NextLogProbs {
  return async (prefixes) => prefixes.map((prefix) => Float64Array.from(table(prefix.slice(1)), Math.log));
}

describe('decode', () => {
  it('stops greedy decoding at the end token', async () => {
    const next = model((prefix) =>
      prefix.length < 3 ? [0.1, 0.6, 0.1, 0.1, 0.1] : [0.9, 0.025, 0.025, 0.025, 0.025],
    );
    expect(await decode(next, TOKENS, options({}))).toEqual([1, 1, 1]);
  });

  it('stops at maxNewTokens', async () => {
    const next = model(() => [0, 0.6, 0.2, 0.1, 0.1]);
    expect(await decode(next, TOKENS, options({ maxNewTokens: 4 }))).toEqual([1, 1, 1, 1]);
    expect(await decode(next, TOKENS, options({ maxNewTokens: 4, numBeams: 2 }))).toEqual([1, 1, 1, 1]);
  });

  it('finds a likelier sequence than greedy with beams', async () => {
    // Greedy takes 1 (0.5) and then ends at 0.5 x 0.4. Token 2 (0.4) leads to certain end: 0.4 x 1.
    const next = model((prefix) => {
      if (prefix.length === 0) return [0.05, 0.5, 0.4, 0.025, 0.025];
      if (prefix[0] === 1 && prefix.length === 1) return [0.4, 0.3, 0.1, 0.1, 0.1];
      if (prefix[0] === 2 && prefix.length === 1) return [0.999, 0.00025, 0.00025, 0.00025, 0.00025];
      return [1, 0, 0, 0, 0];
    });
    expect(await decode(next, TOKENS, options({}))).toEqual([1]);
    expect(await decode(next, TOKENS, options({ numBeams: 2 }))).toEqual([2]);
  });

  it('favours longer outputs with a larger length penalty', async () => {
    // Ending now scores log 0.3; going on gives 0.7 x 0.4 then the end.
    const next = model((prefix) => {
      if (prefix.length === 0) return [0.3, 0.7, 0, 0, 0];
      if (prefix.length === 1) return [0.4, 0, 0.6, 0, 0];
      return [1, 0, 0, 0, 0];
    });
    const short = await decode(next, TOKENS, options({ numBeams: 2, lengthPenalty: 0 }));
    const long = await decode(next, TOKENS, options({ numBeams: 2, lengthPenalty: 3 }));
    expect(short).toEqual([]);
    expect(long.length).toBeGreaterThan(0);
  });

  it('never repeats an n-gram when asked', async () => {
    const next = model(() => [0.01, 0.5, 0.3, 0.1, 0.09]);
    const output = await decode(next, TOKENS, options({ maxNewTokens: 6, noRepeatNgramSize: 2 }));
    const bigrams = output.slice(1).map((token, i) => `${output[i]} ${token}`);
    expect(new Set(bigrams).size).toBe(bigrams.length);
    expect(output).toEqual([1, 1, 2, 1, 3, 1]);
  });

  it.each([1, 3])('forces the first token with %i beams', async (numBeams) => {
    const next = model((prefix) => (prefix.length < 2 ? [0.05, 0.6, 0.05, 0.05, 0.25] : [1, 0, 0, 0, 0]));
    const forced = { ...TOKENS, forcedFirstId: 4 };
    expect(await decode(next, forced, options({ numBeams }))).toEqual([4, 1]);
  });

  it('rejects invalid options', async () => {
    const next = model(() => [1, 0, 0, 0, 0]);
    await expect(decode(next, TOKENS, options({ maxNewTokens: 0 }))).rejects.toThrow(
      /maxNewTokens must be a positive integer/,
    );
    await expect(decode(next, TOKENS, options({ numBeams: 0 }))).rejects.toThrow(
      /numBeams must be a positive integer/,
    );
  });
});

describe('banRepeatedNgrams', () => {
  it('bans the token that would repeat a trigram', () => {
    const row = new Float64Array(5);
    banRepeatedNgrams(row, [1, 2, 3, 1, 2], 3);
    expect(Array.from(row)).toEqual([0, 0, 0, Number.NEGATIVE_INFINITY, 0]);
  });
});
