import { parseBrn } from '../../core/brn.js';

/**
 * Field parsers shared by the importers. Each returns the parsed value, null for an empty cell,
 * or a Rejection whose reason is the group label shown in the import report.
 */
export interface Rejection {
  reason: string;
  value: string;
}

export function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && 'reason' in value && 'value' in value;
}

/** Cells that sources write for a missing number: R's NA, pandas' nan, a dash. */
const MISSING_NUMBERS = new Set(['', 'NA', 'NaN', 'nan', 'N/A', '-', '--']);

/** KRX ticker: six characters, digits except for the letters of newer and preferred-share codes (00104K). */
const TICKER = /^[0-9][0-9A-Z]{5}$/;

/** Parses a KRX ticker, dropping FnGuide's 'A' prefix (A005930 -> 005930). */
export function parseTicker(raw: string | undefined): string | null | Rejection {
  const text = (raw ?? '').trim().toUpperCase();
  if (text === '') return null;
  const ticker = text.length === 7 && text.startsWith('A') ? text.slice(1) : text;
  return TICKER.test(ticker) ? ticker : { reason: 'malformed ticker', value: text };
}

/**
 * Parses a business registration number. Numbers with the tax-office code 000 pass the check
 * digit in some exports but are placeholders (FnGuide gives them to foreign issuers), so they are
 * rejected too: stored, they would tie unrelated companies together.
 */
export function parseBrnField(raw: string | undefined): string | null | Rejection {
  const text = (raw ?? '').trim();
  if (text === '') return null;
  const parsed = parseBrn(text);
  if (!parsed.ok) {
    const reason = parsed.reason === 'check_digit' ? 'invalid BRN check digit' : 'malformed BRN';
    return { reason, value: text };
  }
  if (parsed.brn.startsWith('000-')) return { reason: 'placeholder BRN (tax office code 000)', value: text };
  return parsed.brn;
}

/**
 * Default bound on a number's magnitude: below the 10^20 that decimal(24, 4) holds and MySQL's signed
 * bigint maximum (about 9.2 * 10^18), and far above any amount in these sources (the largest KRX
 * market capitalisation is below 10^15 KRW). A larger value would fail the file's insert on MySQL.
 */
export const MAX_NUMBER_MAGNITUDE = 1e18;

export interface NumberBounds {
  /** Rejects values below zero, for prices, market capitalisations, share counts and index levels. */
  nonNegative?: boolean;
  /** Rejects values whose magnitude reaches this bound; defaults to MAX_NUMBER_MAGNITUDE. */
  maxMagnitude?: number;
}

/**
 * Parses a number written with optional thousands separators; NA and similar mean missing. Values
 * that overflow to Infinity or fall outside `bounds` are rejected, so they never reach a column.
 */
export function parseNumber(raw: string | undefined, bounds: NumberBounds = {}): number | null | Rejection {
  const text = (raw ?? '').trim();
  if (MISSING_NUMBERS.has(text)) return null;
  const cleaned = text.replace(/,/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned))
    return { reason: 'malformed number', value: text };
  const value = Number(cleaned);
  const maxMagnitude = bounds.maxMagnitude ?? MAX_NUMBER_MAGNITUDE;
  if (!Number.isFinite(value) || Math.abs(value) >= maxMagnitude) {
    return {
      reason: `number out of range (magnitude must stay below ${maxMagnitude.toExponential()})`,
      value: text,
    };
  }
  if (bounds.nonNegative && value < 0) return { reason: 'negative number (expected 0 or more)', value: text };
  return value;
}

/** Rounds to the four decimals of the decimal(24, 4) money columns, so a re-import compares equal. */
export function toMoneyScale(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Parses a date written YYYYMMDD, YYYY-MM-DD or YYYY.MM.DD into YYYY-MM-DD. */
export function parseDate(raw: string | undefined): string | null | Rejection {
  const text = (raw ?? '').trim();
  if (text === '') return null;
  const match = /^(\d{4})[-./]?(\d{2})[-./]?(\d{2})$/.exec(text);
  if (!match) return { reason: 'malformed date', value: text };
  const [, year, month, day] = match as unknown as [string, string, string, string];
  if (!isRealDate(Number(year), Number(month), Number(day))) return { reason: 'malformed date', value: text };
  return `${year}-${month}-${day}`;
}

/** Parses a month or fiscal period written YYYY-MM, YYYY.MM or YYYYMM into YYYY-MM. */
export function parseMonth(raw: string | undefined): string | null | Rejection {
  const text = (raw ?? '').trim();
  if (text === '') return null;
  const match = /^(\d{4})[-./]?(\d{2})$/.exec(text);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) return { reason: 'malformed month', value: text };
  return `${match[1]}-${match[2]}`;
}

/** Parses a fiscal year-end month written 12, 03 or 12월. */
export function parseFiscalMonth(raw: string | undefined): number | null | Rejection {
  const text = (raw ?? '').trim().replace(/월$/, '');
  if (text === '') return null;
  const month = Number(text);
  if (!/^\d{1,2}$/.test(text) || month < 1 || month > 12)
    return { reason: 'malformed fiscal month', value: raw ?? '' };
  return month;
}

/** Maps market labels to KOSPI, KOSDAQ or KONEX; KOSDAQ GLOBAL is a KOSDAQ segment. Others are null. */
export function normalizeMarket(raw: string | undefined): string | null {
  const text = (raw ?? '').trim().toUpperCase();
  if (text.startsWith('KOSDAQ') || text === '코스닥') return 'KOSDAQ';
  if (text === 'KOSPI' || text === '유가증권' || text === '코스피') return 'KOSPI';
  if (text === 'KONEX' || text === '코넥스') return 'KONEX';
  return null;
}

/** Returns the trimmed cell, or null when it is empty. */
export function text(raw: string | undefined): string | null {
  const trimmed = (raw ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Bytes that MySQL's `text` columns (patent titles and abstracts, company overviews) hold. SQLite has
 * no such limit, but both backends reject the same rows, and one long cell cannot fail a whole file.
 */
export const MAX_TEXT_BYTES = 65_535;

/** Rejects a text cell longer than its column holds, showing its start and its size. */
export function checkTextBytes(check: RowCheck, column: string, value: string | null): void {
  if (value === null) return;
  const bytes = Buffer.byteLength(value);
  if (bytes <= MAX_TEXT_BYTES) return;
  check.optional({
    reason: `${column} longer than ${MAX_TEXT_BYTES} bytes`,
    value: `${value.slice(0, 40)}… (${bytes} bytes)`,
  });
}

/**
 * Collects the first rejection of a row while its fields are parsed, so a format parses every field
 * in sequence and rejects the row once at the end.
 */
export class RowCheck {
  rejection: Rejection | null = null;

  /** Returns the parsed value, or null after recording the rejection. */
  optional<T>(result: T | null | Rejection): T | null {
    if (isRejection(result)) {
      this.rejection ??= result;
      return null;
    }
    return result;
  }

  /** Like optional, but an empty cell is rejected as a missing required field. */
  required<T>(result: T | null | Rejection, column: string): T | null {
    const value = this.optional(result);
    if (value === null) this.rejection ??= { reason: `missing ${column}`, value: '' };
    return value;
  }
}
