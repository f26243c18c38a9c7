/**
 * Normalizers, pre-tokenizers and decoders of the Hugging Face `tokenizers` format (tokenizer.json),
 * reimplemented for the components `HfTokenizer` supports. Character classes follow the Rust
 * implementation in tokenizers 0.23: Unicode White_Space for whitespace, general category C* for
 * control characters, and P* or ASCII punctuation for punctuation.
 */

export class UnsupportedTokenizerError extends Error {}

type Json = Record<string, unknown>;

export type Normalizer = (text: string) => string;
/** Splits one text into the words the model tokenises. */
export type PreTokenizer = (text: string) => string[];
/** Turns tokens into strings that are concatenated to form the decoded text. */
export type Decoder = (tokens: string[]) => string[];

const WHITESPACE = /\p{White_Space}/u;
const CONTROL = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}]/u;
const PUNCTUATION = /[\p{P}!-/:-@[-`{-~]/u;
const NONSPACING_MARK = /\p{Mn}/gu;
const WORD_CHARACTER = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u;

export const SUPPORTED_NORMALIZERS =
  'BertNormalizer, NFC, NFD, NFKC, NFKD, Lowercase, StripAccents, Strip, Sequence';
export const SUPPORTED_PRE_TOKENIZERS = 'BertPreTokenizer, Whitespace, WhitespaceSplit, Metaspace, Sequence';
export const SUPPORTED_DECODERS = 'WordPiece, Metaspace, Sequence';

function isWhitespace(character: string): boolean {
  return WHITESPACE.test(character);
}

function isControl(character: string): boolean {
  return character !== '\t' && character !== '\n' && character !== '\r' && CONTROL.test(character);
}

function isChineseCharacter(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x20000 && code <= 0x2a6df) ||
    (code >= 0x2a700 && code <= 0x2b73f) ||
    (code >= 0x2b740 && code <= 0x2b81f) ||
    (code >= 0x2b920 && code <= 0x2ceaf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x2f800 && code <= 0x2fa1f)
  );
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(NONSPACING_MARK, '');
}

function bertNormalizer(config: Json): Normalizer {
  const cleanText = config.clean_text !== false;
  const handleChinese = config.handle_chinese_chars !== false;
  const lowercase = config.lowercase !== false;
  // A null strip_accents follows lowercase, as in BERT's original uncased models.
  const strip =
    config.strip_accents === null || config.strip_accents === undefined
      ? lowercase
      : config.strip_accents === true;
  return (text) => {
    let output = '';
    for (const character of text) {
      if (cleanText) {
        if (character === '\0' || character === '\ufffd' || isControl(character)) continue;
        if (isWhitespace(character)) {
          output += ' ';
          continue;
        }
      }
      if (handleChinese && isChineseCharacter(character.codePointAt(0) as number)) {
        output += ` ${character} `;
        continue;
      }
      output += character;
    }
    if (strip) output = stripAccents(output);
    if (lowercase) output = output.toLowerCase();
    return output;
  };
}

export function buildNormalizer(config: unknown): Normalizer {
  if (config === null || config === undefined) return (text) => text;
  const json = config as Json;
  switch (json.type) {
    case 'BertNormalizer':
      return bertNormalizer(json);
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD': {
      const form = json.type;
      return (text) => text.normalize(form);
    }
    case 'Lowercase':
      return (text) => text.toLowerCase();
    case 'StripAccents':
      return (text) => text.replace(NONSPACING_MARK, '');
    case 'Strip': {
      const left = json.strip_left !== false;
      const right = json.strip_right !== false;
      return (text) => {
        let output = text;
        if (left) output = output.replace(/^\p{White_Space}+/u, '');
        if (right) output = output.replace(/\p{White_Space}+$/u, '');
        return output;
      };
    }
    case 'Sequence': {
      const steps = ((json.normalizers as unknown[]) ?? []).map(buildNormalizer);
      return (text) => steps.reduce((value, step) => step(value), text);
    }
    default:
      throw new UnsupportedTokenizerError(
        `normalizer ${String(json.type)} is not supported (supported: ${SUPPORTED_NORMALIZERS})`,
      );
  }
}

function splitOnWhitespace(text: string): string[] {
  return text.split(/\p{White_Space}+/u).filter((word) => word.length > 0);
}

function bertPreTokenize(text: string): string[] {
  const words: string[] = [];
  let current = '';
  for (const character of text) {
    if (isWhitespace(character)) {
      if (current) words.push(current);
      current = '';
    } else if (PUNCTUATION.test(character)) {
      if (current) words.push(current);
      words.push(character);
      current = '';
    } else {
      current += character;
    }
  }
  if (current) words.push(current);
  return words;
}

/** Splits like the `Whitespace` pre-tokenizer: runs of word characters, and runs of other non-space characters. */
function whitespacePreTokenize(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let currentIsWord = false;
  for (const character of text) {
    if (isWhitespace(character)) {
      if (current) words.push(current);
      current = '';
      continue;
    }
    const isWord = WORD_CHARACTER.test(character);
    if (current && isWord !== currentIsWord) {
      words.push(current);
      current = '';
    }
    current += character;
    currentIsWord = isWord;
  }
  if (current) words.push(current);
  return words;
}

function metaspace(config: Json): PreTokenizer {
  const replacement = typeof config.replacement === 'string' ? config.replacement : '▁';
  const scheme = metaspaceScheme(config);
  const split = config.split !== false;
  return (text) => {
    let replaced = text.replaceAll(' ', replacement);
    if (scheme !== 'never' && !replaced.startsWith(replacement)) replaced = replacement + replaced;
    if (!split) return [replaced];
    const words: string[] = [];
    let current = '';
    for (const character of replaced) {
      if (character === replacement && current) {
        words.push(current);
        current = '';
      }
      current += character;
    }
    if (current) words.push(current);
    return words;
  };
}

function metaspaceScheme(config: Json): 'always' | 'never' | 'first' {
  if (config.prepend_scheme === 'never' || config.prepend_scheme === 'first') return config.prepend_scheme;
  if (config.prepend_scheme === undefined && config.add_prefix_space === false) return 'never';
  return 'always';
}

export function buildPreTokenizer(config: unknown): PreTokenizer {
  if (config === null || config === undefined) return (text) => (text ? [text] : []);
  const json = config as Json;
  switch (json.type) {
    case 'BertPreTokenizer':
      return bertPreTokenize;
    case 'Whitespace':
      return whitespacePreTokenize;
    case 'WhitespaceSplit':
      return splitOnWhitespace;
    case 'Metaspace':
      if (metaspaceScheme(json) === 'first') {
        throw new UnsupportedTokenizerError(
          'pre_tokenizer Metaspace with prepend_scheme "first" is not supported (use "always" or "never")',
        );
      }
      return metaspace(json);
    case 'Sequence': {
      const steps = ((json.pretokenizers as unknown[]) ?? []).map(buildPreTokenizer);
      return (text) => steps.reduce<string[]>((words, step) => words.flatMap(step), [text]);
    }
    default:
      throw new UnsupportedTokenizerError(
        `pre_tokenizer ${String(json.type)} is not supported (supported: ${SUPPORTED_PRE_TOKENIZERS})`,
      );
  }
}

const CLEANUPS: [string, string][] = [
  [' .', '.'],
  [' ?', '?'],
  [' !', '!'],
  [' ,', ','],
  [" ' ", "'"],
  [" n't", "n't"],
  [" 'm", "'m"],
  [' do not', " don't"],
  [" 's", "'s"],
  [" 've", "'ve"],
  [" 're", "'re"],
];

function cleanup(text: string): string {
  return CLEANUPS.reduce((value, [from, to]) => value.replaceAll(from, to), text);
}

export function buildDecoder(config: unknown): Decoder {
  if (config === null || config === undefined) return (tokens) => tokens;
  const json = config as Json;
  switch (json.type) {
    case 'WordPiece': {
      const prefix = typeof json.prefix === 'string' ? json.prefix : '##';
      const clean = json.cleanup !== false;
      return (tokens) =>
        tokens.map((token, i) => {
          let output = token;
          if (i > 0) output = token.startsWith(prefix) ? token.slice(prefix.length) : ` ${token}`;
          return clean ? cleanup(output) : output;
        });
    }
    case 'Metaspace': {
      const replacement = typeof json.replacement === 'string' ? json.replacement : '▁';
      const prepends = metaspaceScheme(json) !== 'never';
      return (tokens) =>
        tokens.map((token, i) => {
          const output = token.replaceAll(replacement, ' ');
          return i === 0 && prepends && output.startsWith(' ') ? output.slice(1) : output;
        });
    }
    case 'Sequence': {
      const steps = ((json.decoders as unknown[]) ?? []).map(buildDecoder);
      return (tokens) => steps.reduce((value, step) => step(value), tokens);
    }
    default:
      throw new UnsupportedTokenizerError(
        `decoder ${String(json.type)} is not supported (supported: ${SUPPORTED_DECODERS})`,
      );
  }
}
