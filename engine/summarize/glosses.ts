/**
 * Removal of parenthetical glosses from Korean patent text, such as `미세유체 칩(microfluidic chip)`
 * or `반도체(半導體)`. A gloss repeats a term in another script, so removing it shortens the text
 * without losing meaning, and the summary keeps room for content.
 */

const OPENING_BRACKETS = new Set(['(', '（']);
const CLOSING_BRACKETS = new Set([')', '）']);

/**
 * Characters that make bracketed content a formula or a condition, as in `(0.1 ≤ x ≤ 0.5)` or
 * `(A + B)`. Such brackets are kept. The hyphen is not in the list because glosses such as
 * `(cross-linking)` contain it.
 */
const FORMULA_CHARACTERS = /[=<>≤≥≦≧±×÷+^]/u;

/**
 * Returns whether a bracketed span should stay in the text. Only formulas and conditions stay.
 * Everything else is dropped: glosses in Latin script or Hanja, and also reference numerals such as
 * `(2)` or `(12a)` and step labels such as `(a)`, because they point into drawings and claims that a
 * summary does not carry.
 */
function isKeptParenthetical(content: string): boolean {
  return FORMULA_CHARACTERS.test(content);
}

/**
 * Removes parenthetical glosses and reference numerals, with ASCII `()` and full-width `（）`
 * brackets, nested brackets included. The decision is made for the outermost bracket pair, so a
 * kept formula keeps its inner brackets. An unmatched bracket is left as it is. Square brackets stay
 * because they label formulas and claims, as in `[화학식 1]`.
 *
 * Runs of spaces and tabs become one space, spaces before punctuation and around line breaks are
 * removed, and line breaks themselves are kept because they separate sentences.
 */
export function removeParentheticalGlosses(text: string): string {
  let output = '';
  // Output lengths at each currently open bracket, outermost first.
  const openOutputLengths: number[] = [];
  let outermostContentStart = 0;

  for (let index = 0; index < text.length; index += 1) {
    const character = text.charAt(index);
    if (OPENING_BRACKETS.has(character)) {
      if (openOutputLengths.length === 0) {
        outermostContentStart = index + 1;
      }
      openOutputLengths.push(output.length);
      output += character;
      continue;
    }
    if (CLOSING_BRACKETS.has(character) && openOutputLengths.length > 0) {
      const openedAt = openOutputLengths.pop() as number;
      output += character;
      if (openOutputLengths.length === 0) {
        const content = text.slice(outermostContentStart, index);
        if (!isKeptParenthetical(content)) {
          output = output.slice(0, openedAt);
        }
      }
      continue;
    }
    output += character;
  }

  return normaliseSpacing(output);
}

function normaliseSpacing(text: string): string {
  return text
    .replace(/[ \t\u00a0\u3000]+/gu, ' ')
    .replace(/ ?\r?\n ?/gu, '\n')
    .replace(/ ([.,;:!?。，、])/gu, '$1')
    .trim();
}
