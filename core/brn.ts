import { ExitError, quoteValue } from './errors.js';

/**
 * Korean business registration number (사업자등록번호, BRN): ten digits written NNN-NN-NNNNN.
 *
 * Check digit (National Tax Service rule): multiply the first nine digits by 1,3,7,1,3,7,1,3,5 and
 * sum; add floor(ninth digit * 5 / 10); the tenth digit equals (10 - sum mod 10) mod 10.
 */
const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

/** Dash-like characters that users paste into BRNs: hyphen-minus, full-width hyphen, en and em dashes, minus sign and others. */
const DASHES = /[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\u30FC]/g;

/** Computes the expected tenth digit for nine leading digits. */
export function brnCheckDigit(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (WEIGHTS[i] as number);
  sum += Math.floor((Number(firstNine[8]) * 5) / 10);
  return (10 - (sum % 10)) % 10;
}

function toAsciiDigits(text: string): string {
  // Full-width digits U+FF10..U+FF19 map to ASCII 0..9.
  return text.replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xff10 + 48));
}

export type BrnParseResult =
  | { ok: true; brn: string }
  | { ok: false; reason: 'format' | 'check_digit'; message: string };

/**
 * Parses a BRN written as NNN-NN-NNNNN, as ten digits, or with full-width digits or other dashes.
 * Returns the canonical form NNN-NN-NNNNN.
 */
export function parseBrn(input: string): BrnParseResult {
  const cleaned = toAsciiDigits(input.trim()).replace(DASHES, '-').replace(/\s+/g, '');
  const digits = cleaned.replace(/-/g, '');
  const dashedOk = /^\d{3}-\d{2}-\d{5}$/.test(cleaned) || /^\d{10}$/.test(cleaned);
  if (!dashedOk || digits.length !== 10) {
    return {
      ok: false,
      reason: 'format',
      message: `${quoteValue(input)} is not a business registration number: expected ten digits written NNN-NN-NNNNN, for example 124-81-00998.`,
    };
  }
  const expected = brnCheckDigit(digits.slice(0, 9));
  const canonical = `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
  if (Number(digits[9]) !== expected) {
    return {
      ok: false,
      reason: 'check_digit',
      message: `Business registration number ${canonical} is invalid: its check digit is ${digits[9]} but should be ${expected}. Check the number for a typing error.`,
    };
  }
  return { ok: true, brn: canonical };
}

/** True when the text looks like an attempt at a BRN (ten digits with optional dashes), valid or not. */
export function looksLikeBrn(input: string): boolean {
  const cleaned = toAsciiDigits(input.trim()).replace(DASHES, '-').replace(/\s+/g, '');
  return /^\d{3}-\d{2}-\d{5}$/.test(cleaned) || /^\d{10}$/.test(cleaned);
}

/** Parses a BRN or throws INVALID_BRN with the reason. */
export function requireBrn(input: string): string {
  const result = parseBrn(input);
  if (!result.ok) throw new ExitError('INVALID_BRN', result.message, { input, reason: result.reason });
  return result.brn;
}

/** Builds a valid BRN from nine leading digits, for generated data. */
export function brnFromNineDigits(firstNine: string): string {
  if (!/^\d{9}$/.test(firstNine))
    throw new Error(`brnFromNineDigits expects nine digits, got "${firstNine}"`);
  const digits = `${firstNine}${brnCheckDigit(firstNine)}`;
  return `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
}
