import { describe, expect, it } from 'vitest';
import { brnCheckDigit, brnFromNineDigits, looksLikeBrn, parseBrn, requireBrn } from '../../core/brn.js';
import { ExitError } from '../../core/errors.js';

describe('parseBrn', () => {
  it.each([
    ['124-81-00998', '124-81-00998'],
    ['1248100998', '124-81-00998'],
    ['１２４－８１－００９９８', '124-81-00998'],
    ['124–81–00998', '124-81-00998'],
    ['124—81—00998', '124-81-00998'],
    ['124−81−00998', '124-81-00998'],
    [' 617-81-56000 ', '617-81-56000'],
  ])('accepts %s', (input, expected) => {
    expect(parseBrn(input)).toEqual({ ok: true, brn: expected });
  });

  it('rejects a wrong check digit and names the expected digit', () => {
    const result = parseBrn('124-81-00997');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('check_digit');
    expect(result.message).toContain('should be 8');
  });

  it.each(['124-81-0099', '12-481-00998', 'abc', '', '124810099812'])('rejects malformed %s', (input) => {
    const result = parseBrn(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe('format');
  });

  it('computes the check digit from the ninth-digit rule', () => {
    // 124-81-00998: weighted sum 1+6+28+8+3+0+0+27+45 = 118, plus floor(9*5/10) = 4 -> 122; (10 - 2) % 10 = 8.
    expect(brnCheckDigit('124810099')).toBe(8);
  });

  it('builds valid numbers for generated data', () => {
    for (const nine of ['000000000', '123456789', '999999999', '617815600']) {
      expect(parseBrn(brnFromNineDigits(nine)).ok).toBe(true);
    }
  });

  it('throws a typed user error', () => {
    expect(() => requireBrn('124-81-00997')).toThrowError(ExitError);
    try {
      requireBrn('124-81-00997');
    } catch (error) {
      expect((error as ExitError).code).toBe('INVALID_BRN');
      expect((error as ExitError).exitCode).toBe(2);
    }
  });

  it('tells a BRN attempt from a ticker or name', () => {
    expect(looksLikeBrn('124-81-00997')).toBe(true);
    expect(looksLikeBrn('005930')).toBe(false);
    expect(looksLikeBrn('삼성전자')).toBe(false);
  });
});
