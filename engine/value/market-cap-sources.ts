/**
 * Which market capitalisation snapshot stands for a listed company's current value. Undated
 * snapshots are ranked by this source order; dated snapshots always win.
 */
export const MARKET_CAP_SOURCE_PREFERENCE = [
  'krx_market_snapshot',
  'krx_quant_kor_ticker',
  'krx_quant_krx_sector',
];
