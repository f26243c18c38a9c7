import { parseBrn } from '../core/brn.js';
import { ExitError, quoteValue } from '../core/errors.js';
import { describeSectors, resolveSector, type Sector } from '../data/sectors.js';
import { cleanCompanyQuery } from '../engine/resolve/company-query.js';

/**
 * The `/exit` command grammar, the same on every platform:
 *
 *   /exit <company> [sector] [top K] [--no-valuation-filter]
 *   /exit help
 *
 * The company is a BRN, a ticker, `id:<n>` or a name (quote a name that ends in a sector word).
 * The sector is a code or an English or Korean alias (`bio`, `바이오`); it may also be written
 * `sector:bio`. Top K is written `top 5`, `top5`, `top=5`, `k=5`, `상위 5` or `5개`.
 */

export const MAX_TOP_K = 50;

export type Command =
  | { kind: 'help' }
  | {
      kind: 'recommend';
      company: string;
      sector: Sector | null;
      topK: number | null;
      /** false when the user asked to keep partners without a valuation or valued below the requester. */
      valuationFilter: boolean | null;
    };

const HELP_WORDS = new Set(['help', '-h', '--help', '?', '도움말', '도움', '사용법']);
const NO_FILTER_WORDS = new Set(['--no-valuation-filter', 'unfiltered', '필터없이']);
const TOP_WORDS = new Set(['top', '--top', '-k', 'k', '상위']);
const SECTOR_WORDS = new Set(['sector', '--sector', '-s', '섹터', '업종']);
/** Quote characters users type or their keyboards substitute, paired open to close. */
const QUOTES: Record<string, string> = { '"': '"', '“': '”', "'": "'", '‘': '’', '「': '」' };

interface Token {
  text: string;
  quoted: boolean;
}

/** Splits on whitespace, keeping quoted names whole. An unclosed quote runs to the end. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const close = QUOTES[ch];
    if (close !== undefined) {
      const end = input.indexOf(close, i + 1);
      const stop = end === -1 ? input.length : end;
      tokens.push({ text: input.slice(i + 1, stop).trim(), quoted: true });
      i = stop + 1;
      continue;
    }
    let end = i;
    while (end < input.length && !/\s/.test(input[end] as string)) end++;
    tokens.push({ text: input.slice(i, end), quoted: false });
    i = end;
  }
  return tokens.filter((token) => token.text !== '');
}

function parseTopK(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > MAX_TOP_K) {
    throw new ExitError(
      'INVALID_INPUT',
      `Top K must be an integer from 1 to ${MAX_TOP_K}, got ${quoteValue(text)}.`,
      {
        input: text,
      },
    );
  }
  return value;
}

function requireSector(text: string): Sector {
  const sector = resolveSector(text);
  if (!sector) {
    throw new ExitError(
      'UNKNOWN_SECTOR',
      `Unknown sector ${quoteValue(text)}. Known sectors: ${describeSectors()}.`,
      {
        input: text,
      },
    );
  }
  return sector;
}

/**
 * True for company text that can only be meant as a BRN: digits and dashes other than a six-digit
 * ticker. Such text is checked here, so a typo gets the check-digit message instead of "not found".
 */
function isBrnAttempt(text: string): boolean {
  const normalized = text.normalize('NFKC');
  if (!/^[\d\-‐-―−]+$/.test(normalized)) return false;
  const digits = normalized.replace(/\D/g, '');
  return digits.length >= 7 && !/^\d{6}$/.test(normalized);
}

/** Parses one `/exit` command line (without the `/exit`). Throws ExitError with a user-facing message. */
export function parseCommand(input: string): Command {
  const tokens = tokenize(input.normalize('NFC'));
  if (tokens.length === 0) return { kind: 'help' };
  if (tokens.length === 1 && HELP_WORDS.has((tokens[0] as Token).text.toLowerCase())) return { kind: 'help' };

  let topK: number | null = null;
  let sector: Sector | null = null;
  let valuationFilter: boolean | null = null;
  const rest: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const lower = token.text.toLowerCase();
    const next = tokens[i + 1];
    if (token.quoted) {
      rest.push(token);
      continue;
    }
    if (NO_FILTER_WORDS.has(lower)) {
      valuationFilter = false;
      continue;
    }
    const inlineTop = /^(?:top|k|상위)[=:]?(\d+)$/i.exec(token.text) ?? /^(\d+)개$/.exec(token.text);
    const inlineTopValue = inlineTop?.[1];
    if (inlineTopValue !== undefined) {
      topK = parseTopK(inlineTopValue);
      continue;
    }
    if (TOP_WORDS.has(lower) && next !== undefined && /^\d+$/.test(next.text)) {
      topK = parseTopK(next.text);
      i++;
      continue;
    }
    const inlineSector = /^(?:sector|섹터|업종)[=:](.+)$/i.exec(token.text)?.[1];
    if (inlineSector !== undefined) {
      sector = requireSector(inlineSector);
      continue;
    }
    if (SECTOR_WORDS.has(lower) && next !== undefined) {
      sector = requireSector(next.text);
      i++;
      continue;
    }
    rest.push(token);
  }

  if (rest.length === 0) {
    throw new ExitError(
      'INVALID_INPUT',
      'No company given: type a business registration number, a ticker or a name, for example /exit 124-81-00998 bio.',
    );
  }
  // With two or more words left and no explicit sector, the last word is the sector when it names one.
  const last = rest[rest.length - 1] as Token;
  if (sector === null && rest.length >= 2 && !last.quoted) {
    const trailing = resolveSector(last.text);
    const first = rest[0] as Token;
    if (trailing) {
      sector = trailing;
      rest.pop();
    } else if (
      first.quoted ||
      isBrnAttempt(first.text) ||
      /^A?\d{6}$/i.test(first.text) ||
      /^id:\d+$/i.test(first.text)
    ) {
      // A BRN, ticker, id or quoted name is one word, so what follows it can only be a sector.
      requireSector(
        rest
          .slice(1)
          .map((token) => token.text)
          .join(' '),
      );
    }
  }
  // The engine checks the company the same way. Checking it here too keeps a pasted document or a
  // null byte out of the "Searching partners for …" reply, which is posted before the search runs.
  const company = cleanCompanyQuery(rest.map((token) => token.text).join(' '));
  if (isBrnAttempt(company)) {
    const parsed = parseBrn(company);
    if (!parsed.ok)
      throw new ExitError('INVALID_BRN', parsed.message, { input: company, reason: parsed.reason });
  }
  return { kind: 'recommend', company, sector, topK, valuationFilter };
}

/** Writes a command back as text that parseCommand reads, for "pick one of these" buttons. */
export function formatCommand(command: Extract<Command, { kind: 'recommend' }>): string {
  const parts = [/\s/.test(command.company) ? `"${command.company}"` : command.company];
  if (command.sector) parts.push(`sector:${command.sector.code}`);
  if (command.topK !== null) parts.push(`top ${command.topK}`);
  if (command.valuationFilter === false) parts.push('--no-valuation-filter');
  return parts.join(' ');
}
