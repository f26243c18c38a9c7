import { DUPLICATE_KEY_REASON, duplicateExample, keyLedger } from '../duplicates.js';
import type { FormatImporter } from '../types.js';
import { upsertRows } from '../upsert.js';
import { type NumberBounds, parseDate, parseNumber, RowCheck, toMoneyScale } from '../values.js';

/**
 * Bank of Korea ECOS daily series exports (columns STAT_CODE, STAT_NAME, ITEM_CODE1, ITEM_NAME1,
 * UNIT_NAME, TIME as YYYYMMDD, DATA_VALUE). All series share the header, so the first row's item
 * identifies the series: table 802Y001 items 0001000 (KOSPI) and 0089000 (KOSDAQ) are index closes, table
 * 722Y001 item 0101000 is the BOK base rate in percent a year.
 */

const ECOS_COLUMNS = ['STAT_CODE', 'ITEM_CODE1', 'ITEM_NAME1', 'TIME', 'DATA_VALUE'];

/** Index levels are never negative; rates go into rate_series.rate_pct, a decimal(10, 4). */
const VALUE_BOUNDS: Record<EcosSeries['target']['table'], NumberBounds> = {
  market_index_values: { nonNegative: true },
  rate_series: { maxMagnitude: 1e6 },
};

interface EcosSeries {
  format: string;
  itemCode: string;
  itemName: string;
  rank: number;
  /** Destination of the values: an index close series or a rate series. */
  target: { table: 'market_index_values'; indexCode: string } | { table: 'rate_series'; seriesCode: string };
}

function ecosFormat(series: EcosSeries): FormatImporter {
  return {
    name: series.format,
    columns: ECOS_COLUMNS,
    matchesFirstRow: (row) =>
      row !== undefined &&
      (row.ITEM_CODE1?.trim() === series.itemCode || row.ITEM_NAME1?.trim() === series.itemName),
    rank: series.rank,
    batchSize: 1000,
    async importRows(context, rows) {
      const parsed: { date: string; value: number }[] = [];
      for (const row of rows) {
        const check = new RowCheck();
        const item = row.values.ITEM_CODE1?.trim() ?? '';
        if (item !== series.itemCode && row.values.ITEM_NAME1?.trim() !== series.itemName) {
          check.optional({
            reason: `row of another ECOS series (expected item ${series.itemCode})`,
            value: item,
          });
        }
        const date = check.required(parseDate(row.values.TIME), 'TIME');
        const value = check.required(
          parseNumber(row.values.DATA_VALUE, VALUE_BOUNDS[series.target.table]),
          'DATA_VALUE',
        );
        if (check.rejection || date === null || value === null) {
          context.tally.reject(row.line, check.rejection?.reason ?? 'invalid row', check.rejection?.value);
          continue;
        }
        const firstLine = keyLedger(context).claim(date, value, row.line);
        if (firstLine !== null) {
          context.tally.reject(row.line, DUPLICATE_KEY_REASON, duplicateExample(`TIME ${date}`, firstLine));
          continue;
        }
        parsed.push({ date, value });
      }
      const target = series.target;
      const outcomes =
        target.table === 'market_index_values'
          ? await upsertRows(
              context.db,
              {
                table: 'market_index_values',
                keyColumns: ['index_code', 'kind', 'date'],
                selectBy: 'date',
                fixed: { index_code: target.indexCode, kind: 'close' },
              },
              parsed.map(({ date, value }) => ({ index_code: target.indexCode, kind: 'close', date, value })),
            )
          : await upsertRows(
              context.db,
              {
                table: 'rate_series',
                keyColumns: ['series_code', 'date'],
                selectBy: 'date',
                fixed: { series_code: target.seriesCode },
              },
              parsed.map(({ date, value }) => ({
                series_code: target.seriesCode,
                date,
                rate_pct: toMoneyScale(value),
              })),
            );
      for (const outcome of outcomes) context.tally.record(outcome);
    },
  };
}

export const ecosKospi = ecosFormat({
  format: 'ecos_kospi_index',
  itemCode: '0001000',
  itemName: 'KOSPI지수',
  rank: 60,
  target: { table: 'market_index_values', indexCode: 'KOSPI' },
});

export const ecosKosdaq = ecosFormat({
  format: 'ecos_kosdaq_index',
  itemCode: '0089000',
  itemName: 'KOSDAQ지수',
  rank: 61,
  target: { table: 'market_index_values', indexCode: 'KOSDAQ' },
});

export const ecosBaseRate = ecosFormat({
  format: 'ecos_bok_base_rate',
  itemCode: '0101000',
  itemName: '한국은행 기준금리',
  rank: 62,
  target: { table: 'rate_series', seriesCode: 'BOK_BASE_RATE' },
});
