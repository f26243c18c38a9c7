import { describe, expect, it } from 'vitest';
import { matchFormat } from '../../../data/import/detect.js';

const ECOS = ['STAT_CODE', 'STAT_NAME', 'ITEM_CODE1', 'ITEM_NAME1', 'UNIT_NAME', 'TIME', 'DATA_VALUE'];

function formatOf(header: string[], firstRow?: Record<string, string>): string | null {
  const detection = matchFormat(header, firstRow);
  return detection.ok ? detection.format.name : null;
}

describe('matchFormat', () => {
  it('prefers the most specific KRX list', () => {
    const tickers = [
      '',
      '종목코드',
      '종목명',
      '종가',
      '대비',
      '등락률',
      '시장구분',
      '업종명',
      '시가총액',
      'EPS',
      'PER',
      'BPS',
      'PBR',
    ];
    expect(formatOf(tickers)).toBe('krx_tickers');
    expect(
      formatOf(['', '종목코드', '종목명', '시장구분', '업종명', '종가', '대비', '등락률', '시가총액']),
    ).toBe('krx_sector_snapshot');
    expect(formatOf(['', '종목코드', '종목명', '종가', '대비', '등락률', 'EPS', 'PER', 'BPS', 'PBR'])).toBe(
      'krx_valuation_snapshot',
    );
  });

  it('tells ECOS series by their first row', () => {
    expect(formatOf(ECOS, { ITEM_CODE1: '0001000', ITEM_NAME1: 'KOSPI지수' })).toBe('ecos_kospi_index');
    expect(formatOf(ECOS, { ITEM_CODE1: '0089000', ITEM_NAME1: 'KOSDAQ지수' })).toBe('ecos_kosdaq_index');
    expect(formatOf(ECOS, { ITEM_CODE1: '0101000', ITEM_NAME1: '한국은행 기준금리' })).toBe(
      'ecos_bok_base_rate',
    );
    expect(formatOf(ECOS, { ITEM_CODE1: '0002000', ITEM_NAME1: 'KOSPI200' })).toBeNull();
  });

  it('accepts extra columns', () => {
    expect(
      formatOf([
        '회사명',
        '종목코드',
        '업종',
        '주요제품',
        '상장일',
        '결산월',
        '대표자명',
        '홈페이지',
        '지역',
      ]),
    ).toBe('kind_listed_companies');
  });

  it('names the header it does not know', () => {
    expect(matchFormat(['a', 'b'], undefined)).toEqual({
      ok: false,
      reason: 'unrecognised header ("a", "b")',
    });
  });
});
