/**
 * Korean text helpers for generated sentences: choosing the particle form (조사) that follows a word,
 * which depends on whether the word's last syllable ends in a consonant (받침).
 */

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** Final consonant index of ㄹ inside a composed Hangul syllable. */
const RIEUL_FINAL = 8;

/** Particle pairs: the form after a final consonant, then the form after a vowel. */
const PARTICLES: Record<string, readonly [string, string]> = {
  은: ['은', '는'],
  는: ['은', '는'],
  이: ['이', '가'],
  가: ['이', '가'],
  을: ['을', '를'],
  를: ['을', '를'],
  과: ['과', '와'],
  와: ['과', '와'],
  으로: ['으로', '로'],
  로: ['으로', '로'],
  이며: ['이며', '며'],
  이다: ['이다', '다'],
};

/** Latin letters and digits read with a final ㄹ (엘, 알, 일, 칠, 팔) or another final consonant (엠, 엔, 영, 삼, 육). */
const LATIN_RIEUL = /[lr178]$/i;
const LATIN_OTHER_FINAL = /[mn036]$/i;

/**
 * Final-consonant class of a word: 'none', 'rieul' (ㄹ, which takes 로 not 으로) or 'other'.
 * Skips trailing closing brackets and spaces, so `칩(chip)` is judged by `칩`.
 */
function finalSound(word: string): 'none' | 'rieul' | 'other' {
  const trimmed = word.replace(/\([^()]*\)\s*$/, '').trimEnd();
  const last = trimmed.charCodeAt(trimmed.length - 1);
  if (Number.isNaN(last)) return 'none';
  if (last >= HANGUL_FIRST && last <= HANGUL_LAST) {
    const final = (last - HANGUL_FIRST) % 28;
    if (final === 0) return 'none';
    return final === RIEUL_FINAL ? 'rieul' : 'other';
  }
  if (LATIN_RIEUL.test(trimmed)) return 'rieul';
  return LATIN_OTHER_FINAL.test(trimmed) ? 'other' : 'none';
}

/** Appends the right form of a particle (given in either form, e.g. '을' or '를') to a word. */
export function withParticle(word: string, particle: string): string {
  const forms = PARTICLES[particle];
  if (!forms) return `${word}${particle}`;
  const sound = finalSound(word);
  if (forms[0] === '으로') return `${word}${sound === 'other' ? '으로' : '로'}`;
  return `${word}${sound === 'none' ? forms[1] : forms[0]}`;
}

/**
 * Fills `{slot}` and `{slot:particle}` placeholders, e.g. `{object:은}`, from a slot function. The
 * particle is chosen from the slot's plain text; the text written may carry a gloss in brackets.
 */
export function fillTemplate(
  template: string,
  slot: (name: string) => { plain: string; written: string },
): string {
  return template.replace(/\{(\w+)(?::([가-힣]+))?\}/g, (_match, name: string, particle?: string) => {
    const value = slot(name);
    if (!particle) return value.written;
    const chosen = withParticle(value.plain, particle).slice(value.plain.length);
    return `${value.written}${chosen}`;
  });
}
