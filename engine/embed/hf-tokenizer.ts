import { readFileSync } from 'node:fs';
import { buildModel, type TokenModel } from './hf-tokenizer-models.js';
import {
  buildDecoder,
  buildNormalizer,
  buildPreTokenizer,
  type Decoder,
  type Normalizer,
  type PreTokenizer,
  UnsupportedTokenizerError,
} from './hf-tokenizer-text.js';

type Json = Record<string, unknown>;

interface AddedToken {
  id: number;
  content: string;
  special: boolean;
  lstrip: boolean;
  rstrip: boolean;
}

/** Special token ids placed around one sequence by the post-processor. */
interface Template {
  before: number[];
  after: number[];
}

export const SUPPORTED_POST_PROCESSORS = 'TemplateProcessing, BertProcessing, RobertaProcessing';

/**
 * A tokenizer read from a Hugging Face `tokenizer.json` (the `tokenizers` library's format), for one
 * sequence at a time. It supports the components a BERT, RoBERTa or SentencePiece-style BPE model
 * ships with, listed in the SUPPORTED_* constants, and throws on anything else, naming the
 * component, so that a tokenizer never silently gives ids the model was not trained on. Added
 * tokens are matched in the raw text before normalisation, regardless of their `normalized` flag.
 */
export class HfTokenizer {
  readonly maxLength: number | null;
  private readonly added: AddedToken[];
  private readonly idToToken = new Map<number, string>();
  private readonly specialIds = new Set<number>();

  private constructor(
    private readonly normalizer: Normalizer,
    private readonly preTokenizer: PreTokenizer,
    private readonly model: TokenModel,
    private readonly template: Template,
    private readonly decoder: Decoder,
    added: AddedToken[],
    maxLength: number | null,
    private readonly truncateLeft: boolean,
  ) {
    this.maxLength = maxLength;
    // Longest first, so that "[CLS]x" never matches a shorter token that is a prefix of it.
    this.added = [...added].sort((a, b) => b.content.length - a.content.length);
    for (const [token, id] of model.vocabulary) this.idToToken.set(id, token);
    for (const token of added) {
      this.idToToken.set(token.id, token.content);
      if (token.special) this.specialIds.add(token.id);
    }
  }

  /** Reads `path`, throwing an Error that names the file and the unsupported component when it cannot. */
  static fromFile(path: string): HfTokenizer {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`Cannot read tokenizer ${path}: ${(error as Error).message}`);
    }
    try {
      return HfTokenizer.fromJson(json);
    } catch (error) {
      if (error instanceof UnsupportedTokenizerError) {
        throw new Error(
          `Tokenizer ${path} is not supported: ${error.message}. Export a tokenizer built from supported components.`,
        );
      }
      throw error;
    }
  }

  /** Builds a tokenizer from parsed tokenizer.json content; throws UnsupportedTokenizerError. */
  static fromJson(json: unknown): HfTokenizer {
    const config = json as Json;
    if (config === null || typeof config !== 'object' || typeof config.model !== 'object') {
      throw new UnsupportedTokenizerError('the file has no "model" object, so it is not a tokenizer.json');
    }
    const model = buildModel(config.model);
    const added = readAddedTokens(config.added_tokens);
    const truncation = (config.truncation ?? null) as Json | null;
    let maxLength: number | null = null;
    let truncateLeft = false;
    if (truncation !== null) {
      if (typeof truncation.max_length !== 'number' || truncation.max_length < 1) {
        throw new UnsupportedTokenizerError('truncation.max_length must be a positive number');
      }
      maxLength = truncation.max_length;
      truncateLeft = truncation.direction === 'Left';
    }
    return new HfTokenizer(
      buildNormalizer(config.normalizer),
      buildPreTokenizer(config.pre_tokenizer),
      model,
      readTemplate(config.post_processor),
      buildDecoder(config.decoder),
      added,
      maxLength,
      truncateLeft,
    );
  }

  /** Returns the id of `token` in the vocabulary or the added tokens, or undefined. */
  tokenToId(token: string): number | undefined {
    return this.added.find((item) => item.content === token)?.id ?? this.model.vocabulary.get(token);
  }

  /**
   * Encodes one text with the post-processor's special tokens, cut to `maxLength` ids in all
   * (the tokenizer's truncation length unless given) from the end the tokenizer's truncation names.
   */
  encode(text: string, maxLength: number | null = this.maxLength): number[] {
    let ids: number[] = [];
    for (const segment of this.splitOnAddedTokens(text)) {
      if (typeof segment === 'number') {
        ids.push(segment);
        continue;
      }
      const normalized = this.normalizer(segment);
      for (const word of this.preTokenizer(normalized)) ids.push(...this.model.tokenize(word));
    }
    const { before, after } = this.template;
    if (maxLength !== null) {
      const room = maxLength - before.length - after.length;
      if (room < 0) {
        throw new RangeError(
          `maxLength ${maxLength} leaves no room beside ${before.length + after.length} special tokens`,
        );
      }
      if (ids.length > room) ids = this.truncateLeft ? ids.slice(ids.length - room) : ids.slice(0, room);
    }
    return [...before, ...ids, ...after];
  }

  /** Turns ids back into text with the tokenizer's decoder, leaving out special tokens when asked. */
  decode(ids: readonly number[], skipSpecialTokens = true): string {
    const tokens: string[] = [];
    for (const id of ids) {
      if (skipSpecialTokens && this.specialIds.has(id)) continue;
      const token = this.idToToken.get(id);
      if (token === undefined) throw new RangeError(`Token id ${id} is not in the tokenizer's vocabulary`);
      tokens.push(token);
    }
    return this.decoder(tokens).join('');
  }

  /** Splits `text` into plain segments and the ids of added tokens found in it. */
  private splitOnAddedTokens(text: string): (string | number)[] {
    if (this.added.length === 0) return text ? [text] : [];
    const parts: (string | number)[] = [];
    let plain = '';
    let i = 0;
    while (i < text.length) {
      const match = this.added.find((token) => token.content && text.startsWith(token.content, i));
      if (match === undefined) {
        plain += text[i];
        i += 1;
        continue;
      }
      if (match.lstrip) plain = plain.replace(/\p{White_Space}+$/u, '');
      if (plain) parts.push(plain);
      plain = '';
      parts.push(match.id);
      i += match.content.length;
      if (match.rstrip) {
        while (i < text.length && /\p{White_Space}/u.test(text[i] as string)) i += 1;
      }
    }
    if (plain) parts.push(plain);
    return parts;
  }
}

function readAddedTokens(value: unknown): AddedToken[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: Json) => {
    if (item.single_word === true) {
      throw new UnsupportedTokenizerError(
        `added token ${String(item.content)} with single_word is not supported`,
      );
    }
    return {
      id: item.id as number,
      content: String(item.content),
      special: item.special === true,
      lstrip: item.lstrip === true,
      rstrip: item.rstrip === true,
    };
  });
}

function readTemplate(config: unknown): Template {
  if (config === null || config === undefined) return { before: [], after: [] };
  const json = config as Json;
  switch (json.type) {
    case 'BertProcessing':
    case 'RobertaProcessing': {
      const cls = json.cls as [string, number];
      const sep = json.sep as [string, number];
      return { before: [cls[1]], after: [sep[1]] };
    }
    case 'TemplateProcessing': {
      const specials = (json.special_tokens ?? {}) as Record<string, { ids: number[] }>;
      const template: Template = { before: [], after: [] };
      let seenSequence = false;
      for (const piece of (json.single ?? []) as Json[]) {
        if ('Sequence' in piece) {
          const sequence = piece.Sequence as Json;
          if (sequence.id !== 'A' || seenSequence) {
            throw new UnsupportedTokenizerError(
              'post_processor TemplateProcessing must hold sequence A once in "single"',
            );
          }
          seenSequence = true;
          continue;
        }
        const name = (piece.SpecialToken as Json).id as string;
        const ids = specials[name]?.ids;
        if (ids === undefined) {
          throw new UnsupportedTokenizerError(
            `post_processor TemplateProcessing names ${name} without its ids`,
          );
        }
        (seenSequence ? template.after : template.before).push(...ids);
      }
      return template;
    }
    default:
      throw new UnsupportedTokenizerError(
        `post_processor ${String(json.type)} is not supported (supported: ${SUPPORTED_POST_PROCESSORS})`,
      );
  }
}
