/**
 * Greedy and beam decoding for a sequence-to-sequence model, written against a function that
 * returns next-token log-probabilities, so it can be tested without a model. models/text/decoding.py
 * implements the same algorithm and writes the parity fixtures.
 */

export interface DecodeOptions {
  /** Maximum number of generated tokens, the end token included. */
  maxNewTokens: number;
  /** 1 decodes greedily. */
  numBeams: number;
  /** Exponent of the generated length that divides a finished beam's summed log-probability. */
  lengthPenalty: number;
  /** When above 0, no n-gram of this size appears twice in the output. */
  noRepeatNgramSize: number;
}

/** Returns float64 log-probabilities of the next token for each prefix; all prefixes have one length. */
export type NextLogProbs = (prefixes: readonly number[][]) => Promise<Float64Array[]>;

export interface DecodeTokens {
  startId: number;
  endId: number;
  /** Token forced as the first output (BART's forced_bos_token_id); null leaves it free. */
  forcedFirstId: number | null;
}

/** Returns the generated ids after the start token, without the end token. */
export async function decode(
  next: NextLogProbs,
  tokens: DecodeTokens,
  options: DecodeOptions,
): Promise<number[]> {
  if (!Number.isInteger(options.maxNewTokens) || options.maxNewTokens < 1) {
    throw new RangeError(`maxNewTokens must be a positive integer, got ${options.maxNewTokens}`);
  }
  if (!Number.isInteger(options.numBeams) || options.numBeams < 1) {
    throw new RangeError(`numBeams must be a positive integer, got ${options.numBeams}`);
  }
  return options.numBeams === 1 ? greedy(next, tokens, options) : beam(next, tokens, options);
}

async function greedy(
  next: NextLogProbs,
  { startId, endId, forcedFirstId }: DecodeTokens,
  options: DecodeOptions,
): Promise<number[]> {
  const sequence = [startId];
  for (let step = 0; step < options.maxNewTokens; step += 1) {
    const [row] = await next([sequence]);
    const logProbs = row as Float64Array;
    forceFirst(logProbs, sequence, forcedFirstId);
    banRepeatedNgrams(logProbs, sequence, options.noRepeatNgramSize);
    let best = 0;
    for (let id = 1; id < logProbs.length; id += 1) {
      if ((logProbs[id] as number) > (logProbs[best] as number)) best = id;
    }
    if (best === endId) break;
    sequence.push(best);
  }
  return sequence.slice(1);
}

interface Beam {
  tokens: number[];
  score: number;
}

interface Finished {
  score: number;
  tokens: number[];
}

/**
 * Beam search. Each step expands every live beam by its 2 x width best tokens, ranks all the
 * candidates by summed log-probability (ties to the earlier beam, then the lower id) and walks
 * them in order. An end token among the first `width` candidates finishes a hypothesis, scored
 * sum / generatedLength ** lengthPenalty, with the end token counted in the length. Other
 * candidates fill the next step's beams up to `width`. Decoding stops when `width` hypotheses have
 * finished, or after maxNewTokens steps, when the live beams count as finished too.
 */
async function beam(
  next: NextLogProbs,
  { startId, endId, forcedFirstId }: DecodeTokens,
  options: DecodeOptions,
): Promise<number[]> {
  const width = options.numBeams;
  let beams: Beam[] = [{ tokens: [startId], score: 0 }];
  const finished: Finished[] = [];
  let exhausted = true;
  for (let step = 0; step < options.maxNewTokens; step += 1) {
    const rows = await next(beams.map((item) => item.tokens));
    const candidates: { score: number; beam: number; token: number }[] = [];
    beams.forEach((item, index) => {
      const row = rows[index] as Float64Array;
      forceFirst(row, item.tokens, forcedFirstId);
      banRepeatedNgrams(row, item.tokens, options.noRepeatNgramSize);
      for (const token of topTokens(row, 2 * width)) {
        candidates.push({ score: item.score + (row[token] as number), beam: index, token });
      }
    });
    candidates.sort((a, b) => b.score - a.score || a.beam - b.beam || a.token - b.token);
    const nextBeams: Beam[] = [];
    for (const [rank, candidate] of candidates.entries()) {
      const tokens = [...(beams[candidate.beam] as Beam).tokens, candidate.token];
      if (candidate.token === endId) {
        if (rank < width) {
          finished.push({
            score: normalise(candidate.score, tokens.length - 1, options.lengthPenalty),
            tokens: tokens.slice(1, -1),
          });
        }
      } else {
        nextBeams.push({ tokens, score: candidate.score });
      }
      if (nextBeams.length === width) break;
    }
    beams = nextBeams;
    if (finished.length >= width || beams.length === 0) {
      exhausted = false;
      break;
    }
  }
  if (exhausted) {
    for (const item of beams) {
      finished.push({
        score: normalise(item.score, item.tokens.length - 1, options.lengthPenalty),
        tokens: item.tokens.slice(1),
      });
    }
  }
  let best = finished[0] as Finished;
  for (const item of finished) if (item.score > best.score) best = item;
  return best.tokens;
}

/** Leaves only `forcedFirstId` possible at the first step. */
function forceFirst(row: Float64Array, prefix: readonly number[], forcedFirstId: number | null): void {
  if (forcedFirstId === null || prefix.length !== 1) return;
  const kept = row[forcedFirstId] as number;
  row.fill(Number.NEGATIVE_INFINITY);
  row[forcedFirstId] = kept;
}

function normalise(score: number, generatedLength: number, lengthPenalty: number): number {
  return score / generatedLength ** lengthPenalty;
}

/** Returns up to `count` ids with finite log-probability, best first, ties to the lower id. */
function topTokens(row: Float64Array, count: number): number[] {
  const top: number[] = [];
  for (let id = 0; id < row.length; id += 1) {
    const value = row[id] as number;
    if (!Number.isFinite(value)) continue;
    if (top.length === count && value <= (row[top[count - 1] as number] as number)) continue;
    let position = top.length;
    while (position > 0 && (row[top[position - 1] as number] as number) < value) position -= 1;
    top.splice(position, 0, id);
    if (top.length > count) top.pop();
  }
  return top;
}

/** Sets to -Infinity every token that would repeat an n-gram of `size` already in `tokens`. */
export function banRepeatedNgrams(row: Float64Array, tokens: readonly number[], size: number): void {
  if (size <= 0 || tokens.length + 1 < size) return;
  const prefix = tokens.slice(tokens.length - size + 1);
  for (let start = 0; start + size <= tokens.length; start += 1) {
    let same = true;
    for (let k = 0; k < size - 1; k += 1) {
      if (tokens[start + k] !== prefix[k]) {
        same = false;
        break;
      }
    }
    if (same) row[tokens[start + size - 1] as number] = Number.NEGATIVE_INFINITY;
  }
}
