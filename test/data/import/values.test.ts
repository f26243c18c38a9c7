import { describe, expect, it } from 'vitest';
import {
  normalizeMarket,
  parseBrnField,
  parseDate,
  parseFiscalMonth,
  parseMonth,
  parseNumber,
  parseTicker,
  RowCheck,
} from '../../../data/import/values.js';

describe('parseTicker', () => {
  it('drops the FnGuide A prefix', () => {
    expect(parseTicker('A005930')).toBe('005930');
    expect(parseTicker(' 005930 ')).toBe('005930');
  });
  it('accepts letter codes', () => {
    expect(parseTicker('00104K')).toBe('00104K');
    expect(parseTicker('0037T0')).toBe('0037T0');
  });
  it('rejects malformed tickers', () => {
    expect(parseTicker('12345')).toEqual({ reason: 'malformed ticker', value: '12345' });
    expect(parseTicker('B005930')).toEqual({ reason: 'malformed ticker', value: 'B005930' });
  });
  it('returns null for empty cells', () => {
    expect(parseTicker('')).toBeNull();
  });
});

describe('parseBrnField', () => {
  it('accepts valid numbers', () => {
    expect(parseBrnField('1248100998')).toBe('124-81-00998');
  });
  it('separates check digit and format errors', () => {
    expect(parseBrnField('124-81-00999')).toEqual({
      reason: 'invalid BRN check digit',
      value: '124-81-00999',
    });
    expect(parseBrnField('124-81-0099')).toEqual({ reason: 'malformed BRN', value: '124-81-0099' });
  });
  it('rejects the 000 placeholder', () => {
    // 000-81-20024 passes the check digit but names no tax office.
    expect(parseBrnField('000-81-20024')).toEqual({
      reason: 'placeholder BRN (tax office code 000)',
      value: '000-81-20024',
    });
  });
});

describe('parseNumber', () => {
  it('reads separators and signs', () => {
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('-0.14')).toBe(-0.14);
    expect(parseNumber('301752090000 ')).toBe(301752090000);
  });
  it('treats NA as missing', () => {
    expect(parseNumber('NA')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });
  it('rejects text', () => {
    expect(parseNumber('abc')).toEqual({ reason: 'malformed number', value: 'abc' });
  });
  it('rejects values outside the bounds', () => {
    const outOfRange = 'number out of range (magnitude must stay below 1e+18)';
    expect(parseNumber('1e400')).toEqual({ reason: outOfRange, value: '1e400' });
    expect(parseNumber('-1e18')).toEqual({ reason: outOfRange, value: '-1e18' });
    expect(parseNumber('9.99e17')).toBe(9.99e17);
    expect(parseNumber('1e6', { maxMagnitude: 1e6 })).toMatchObject({ reason: /below 1e\+6/ });
    expect(parseNumber('-5', { nonNegative: true })).toEqual({
      reason: 'negative number (expected 0 or more)',
      value: '-5',
    });
    expect(parseNumber('-0', { nonNegative: true })).toBe(-0);
  });
});

describe('dates and months', () => {
  it('normalises dates', () => {
    expect(parseDate('19840509')).toBe('1984-05-09');
    expect(parseDate('2020-02-29')).toBe('2020-02-29');
  });
  it('rejects impossible dates', () => {
    expect(parseDate('20190229')).toEqual({ reason: 'malformed date', value: '20190229' });
    expect(parseDate('2020-1-5')).toEqual({ reason: 'malformed date', value: '2020-1-5' });
  });
  it('normalises months', () => {
    expect(parseMonth('2018.12')).toBe('2018-12');
    expect(parseMonth('2018-13')).toEqual({ reason: 'malformed month', value: '2018-13' });
  });
  it('reads fiscal months', () => {
    expect(parseFiscalMonth('12월')).toBe(12);
    expect(parseFiscalMonth('03')).toBe(3);
    expect(parseFiscalMonth('13')).toEqual({ reason: 'malformed fiscal month', value: '13' });
  });
});

describe('normalizeMarket', () => {
  it('maps KRX labels', () => {
    expect(normalizeMarket('KOSDAQ GLOBAL')).toBe('KOSDAQ');
    expect(normalizeMarket('KOSPI')).toBe('KOSPI');
    expect(normalizeMarket('KONEX')).toBe('KONEX');
    expect(normalizeMarket('UNKNOWN')).toBeNull();
  });
});

describe('RowCheck', () => {
  it('keeps the first rejection', () => {
    const check = new RowCheck();
    expect(check.required(null, 'name')).toBeNull();
    check.optional({ reason: 'malformed date', value: 'x' });
    expect(check.rejection).toEqual({ reason: 'missing name', value: '' });
  });
});
