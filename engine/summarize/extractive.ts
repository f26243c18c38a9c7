import { removeParentheticalGlosses } from './glosses.js';
import { splitSentences, tokenize } from './sentences.js';
import type { Summarizer } from './summarizer.js';

export interface ExtractiveSummarizerOptions {
  /** Minimum summary length as a fraction of the input's tokens. Default 0.2. */
  minRatio?: number;
  /** Length at which sentence selection stops, as a fraction of the input's tokens. Default 0.3. */
  targetRatio?: number;
  /** Maximum summary length as a fraction of the input's tokens. Default 0.5. */
  maxRatio?: number;
  /** Inputs with fewer tokens than this are returned whole after gloss removal. Default 20. */
  minTokensToSummarize?: number;
}

const DEFAULTS: Required<ExtractiveSummarizerOptions> = {
  minRatio: 0.2,
  targetRatio: 0.3,
  maxRatio: 0.5,
  minTokensToSummarize: 20,
};

interface ScoredSentence {
  readonly position: number;
  readonly tokens: readonly string[];
  readonly score: number;
}

/**
 * Extractive summariser for Korean patent abstracts. It removes parenthetical glosses, splits the
 * text into sentences, scores each sentence by its centrality, and keeps the best sentences in their
 * original order.
 *
 * The default bounds, 0.2 to 0.5 of the input's tokens, are the summary/input ratio window that
 * KoBART patent-summary training pairs are filtered to, so an abstractive replacement produces
 * summaries of similar length. Tokens are whitespace tokens counted after gloss removal.
 *
 * Selection takes sentences by descending score and stops once the summary reaches the target
 * ratio. A sentence that would pass the maximum is skipped. When the summary is still below the
 * minimum, the next sentence is cut at a token boundary to fill the summary up to the maximum. This
 * is how a text that is one long sentence becomes its first half.
 */
export class ExtractiveSummarizer implements Summarizer {
  readonly id: string;
  private readonly options: Required<ExtractiveSummarizerOptions>;

  constructor(options: ExtractiveSummarizerOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    const { minRatio, targetRatio, maxRatio, minTokensToSummarize } = this.options;
    if (!(minRatio > 0 && minRatio <= targetRatio && targetRatio <= maxRatio && maxRatio < 1)) {
      throw new RangeError(
        `Invalid summary ratios: expected 0 < minRatio <= targetRatio <= maxRatio < 1, got ${minRatio}, ${targetRatio}, ${maxRatio}.`,
      );
    }
    if (!Number.isInteger(minTokensToSummarize) || minTokensToSummarize < 2) {
      throw new RangeError(`Invalid minTokensToSummarize ${minTokensToSummarize}: expected an integer >= 2.`);
    }
    const isDefault =
      minRatio === DEFAULTS.minRatio &&
      targetRatio === DEFAULTS.targetRatio &&
      maxRatio === DEFAULTS.maxRatio &&
      minTokensToSummarize === DEFAULTS.minTokensToSummarize;
    // The id changes with the settings so that stored summaries record how they were made.
    this.id = isDefault
      ? 'extractive-v1'
      : `extractive-v1-r${minRatio}-${targetRatio}-${maxRatio}-s${minTokensToSummarize}`;
  }

  summarize(text: string): string {
    const cleaned = removeParentheticalGlosses(text);
    if (cleaned === '') {
      return '';
    }
    const sentences = splitSentences(cleaned).map((sentence) => tokenize(sentence));
    const totalTokens = sentences.reduce((sum, tokens) => sum + tokens.length, 0);
    if (totalTokens < this.options.minTokensToSummarize) {
      return cleaned;
    }

    const minTokens = Math.ceil(totalTokens * this.options.minRatio);
    const targetTokens = Math.ceil(totalTokens * this.options.targetRatio);
    // Rounding can put the floor of the maximum below the ceiling of the minimum when the ratios are close.
    const maxTokens = Math.max(Math.floor(totalTokens * this.options.maxRatio), minTokens);

    const ranked = scoreSentences(sentences).sort((a, b) => b.score - a.score || a.position - b.position);
    const selected = new Map<number, readonly string[]>();
    let summaryTokens = 0;
    for (const sentence of ranked) {
      if (summaryTokens >= targetTokens) {
        break;
      }
      const room = maxTokens - summaryTokens;
      if (sentence.tokens.length <= room) {
        selected.set(sentence.position, sentence.tokens);
        summaryTokens += sentence.tokens.length;
      } else if (summaryTokens < minTokens) {
        selected.set(sentence.position, sentence.tokens.slice(0, room));
        summaryTokens += room;
        break;
      }
    }

    return [...selected.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, tokens]) => tokens.join(' '))
      .join(' ');
  }
}

/**
 * Scores each sentence by the cosine similarity between its term counts and those of the rest of the
 * text. Leaving the sentence itself out keeps long sentences from scoring high merely by making up
 * most of the text. Terms are syllable bigrams inside tokens, because Korean particles and endings
 * attach to the stem and whole tokens rarely repeat exactly.
 */
function scoreSentences(sentences: readonly (readonly string[])[]): ScoredSentence[] {
  const sentenceCounts = sentences.map((tokens) => countTerms(tokens));
  const documentCounts = new Map<string, number>();
  for (const counts of sentenceCounts) {
    for (const [term, count] of counts) {
      documentCounts.set(term, (documentCounts.get(term) ?? 0) + count);
    }
  }

  return sentenceCounts.map((counts, position) => {
    let dot = 0;
    let sentenceNormSquared = 0;
    for (const [term, count] of counts) {
      const rest = (documentCounts.get(term) ?? 0) - count;
      dot += count * rest;
      sentenceNormSquared += count * count;
    }
    let restNormSquared = 0;
    for (const [term, count] of documentCounts) {
      const rest = count - (counts.get(term) ?? 0);
      restNormSquared += rest * rest;
    }
    const denominator = Math.sqrt(sentenceNormSquared * restNormSquared);
    const score = denominator === 0 ? 0 : dot / denominator;
    return { position, tokens: sentences[position] ?? [], score };
  });
}

function countTerms(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) {
    const word = token.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    if (word.length === 1) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    for (let index = 0; index + 1 < word.length; index += 1) {
      const bigram = word.slice(index, index + 2);
      counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
    }
  }
  return counts;
}
