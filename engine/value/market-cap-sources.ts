/**
 * Source order for the snapshot that gives a listed company's current market capitalisation.
 * Dated snapshots always win, and undated ones are ranked in this order.
 */
export const MARKET_CAP_SOURCE_PREFERENCE = [
  'krx_market_snapshot',
  'krx_quant_kor_ticker',
  'krx_quant_krx_sector',
];
