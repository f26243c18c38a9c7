/** Sentence splitting and token counting for Korean patent text. */

const TERMINAL_PUNCTUATION = new Set(['.', '?', '!', '。', '？', '！']);
const HANGUL_SYLLABLE = /^[\uac00-\ud7a3]$/u;

/**
 * Splits text into sentences. A sentence ends at a line break, or at terminal punctuation
 * (`.`, `?`, `!` and their full-width forms) followed by whitespace or the end of the text. A period
 * between two Hangul syllables also ends a sentence, because source text often omits the space, as
 * in `제공한다.본 발명은`. A period inside a number such as `0.5` does not. Sentences are trimmed and
 * empty ones dropped.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split(/\r?\n/u)) {
    let start = 0;
    for (let index = 0; index < line.length; index += 1) {
      if (isSentenceEnd(line, index)) {
        pushTrimmed(sentences, line.slice(start, index + 1));
        start = index + 1;
      }
    }
    pushTrimmed(sentences, line.slice(start));
  }
  return sentences;
}

function isSentenceEnd(line: string, index: number): boolean {
  const character = line.charAt(index);
  if (!TERMINAL_PUNCTUATION.has(character)) {
    return false;
  }
  const next = line.charAt(index + 1);
  if (next === '' || /\s/u.test(next)) {
    return true;
  }
  return character === '.' && HANGUL_SYLLABLE.test(line.charAt(index - 1)) && HANGUL_SYLLABLE.test(next);
}

function pushTrimmed(sentences: string[], sentence: string): void {
  const trimmed = sentence.trim();
  if (trimmed !== '') {
    sentences.push(trimmed);
  }
}

/** Splits text into whitespace-separated tokens, the unit of the summary length ratio. */
export function tokenize(text: string): string[] {
  return text.split(/\s+/u).filter((token) => token !== '');
}

/** Returns the number of whitespace-separated tokens in `text`. */
export function countTokens(text: string): number {
  return tokenize(text).length;
}
