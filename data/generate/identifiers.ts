/**
 * Identifier issuers for generated companies. Each issuer hands out values that are unique within one
 * dataset and have the shape of the real identifier, so importers exercise the same parsing.
 */
import { brnFromNineDigits } from '../../core/brn.js';
import type { Rng } from './prng.js';

/** Middle digits of a BRN for a for-profit corporation (법인), with their observed shares. */
const CORPORATE_BRN_KINDS = [81, 86, 87, 88] as const;
const CORPORATE_BRN_WEIGHTS = [34, 27, 20, 19] as const;

/** Registry-office prefixes of 법인등록번호 (the first four digits) and the 주식회사 type code 11. */
const REGISTRY_OFFICES = [
  '1101',
  '1201',
  '1801',
  '1601',
  '2001',
  '1701',
  '1311',
  '1348',
  '1501',
  '1358',
  '1346',
  '1345',
];

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Issues business registration numbers (NNN-NN-NNNNN) with a valid check digit. Corporations get
 * middle digits 81/86/87/88 and sole proprietors 01-79, as the National Tax Service assigns them.
 * The first three digits (the tax-office code) are 900-999, a range that none of the 23,000 BRNs
 * in the real KIPRIS and FnGuide extracts uses, so generated numbers do not collide with theirs.
 */
export class BrnIssuer {
  private readonly used = new Set<string>();

  next(rng: Rng, corporate: boolean): string {
    for (;;) {
      const office = 900 + rng.int(100);
      const kind = corporate
        ? (CORPORATE_BRN_KINDS[rng.weightedIndex(CORPORATE_BRN_WEIGHTS)] as number)
        : 1 + rng.int(79);
      const serial = 1 + rng.int(9999);
      const firstNine = `${pad(office, 3)}${pad(kind, 2)}${pad(serial, 4)}`;
      if (this.used.has(firstNine)) continue;
      this.used.add(firstNine);
      return brnFromNineDigits(firstNine);
    }
  }
}

/**
 * Computes the check digit of a corporate registration number (법인등록번호): weights 1,2,1,2,… over the first
 * twelve digits, then (10 - sum mod 10) mod 10.
 */
export function corporateNumberCheckDigit(firstTwelve: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(firstTwelve[i]) * (i % 2 === 0 ? 1 : 2);
  return (10 - (sum % 10)) % 10;
}

/** Issues corporate registration numbers written NNNNNN-NNNNNNN. */
export class CorporateNumberIssuer {
  private readonly used = new Set<string>();

  next(rng: Rng): string {
    for (;;) {
      const head = `${rng.pick(REGISTRY_OFFICES)}11`;
      const serial = pad(rng.int(1_000_000), 6);
      const firstTwelve = `${head}${serial}`;
      if (this.used.has(firstTwelve)) continue;
      this.used.add(firstTwelve);
      return `${head}-${serial}${corporateNumberCheckDigit(firstTwelve)}`;
    }
  }
}

/** Issues KIPRIS applicant numbers (특허고객번호): `1`, the registration year, then seven digits. */
export class ApplicantNumberIssuer {
  private readonly used = new Set<string>();

  next(rng: Rng, year: number): string {
    for (;;) {
      const value = `1${year}${pad(rng.int(10_000_000), 7)}`;
      if (this.used.has(value)) continue;
      this.used.add(value);
      return value;
    }
  }
}

/** Number of distinct tickers TickerIssuer can issue. */
export const TICKER_CAPACITY = 99_999;

/** Issues six-digit KRX tickers ending in 0, the usual form for common shares. */
export class TickerIssuer {
  private readonly used = new Set<string>();

  next(rng: Rng): string {
    // Above about 90 % use, random probing gets slow, and at capacity it would never end.
    if (this.used.size >= TICKER_CAPACITY * 0.9) {
      throw new Error(
        `Cannot issue more than ${Math.floor(TICKER_CAPACITY * 0.9)} tickers: generate fewer companies (30 % of them are listed)`,
      );
    }
    for (;;) {
      const value = `${pad(1 + rng.int(TICKER_CAPACITY), 5)}0`;
      if (this.used.has(value)) continue;
      this.used.add(value);
      return value;
    }
  }
}

/** Issues eight-digit DART corp codes (`00` and six digits). */
export class CorpCodeIssuer {
  private readonly used = new Set<string>();

  next(rng: Rng): string {
    for (;;) {
      const value = `00${pad(100_000 + rng.int(900_000), 6)}`;
      if (this.used.has(value)) continue;
      this.used.add(value);
      return value;
    }
  }
}
