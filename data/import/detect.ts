import { readCsvHead } from './csv.js';
import { ecosBaseRate, ecosKosdaq, ecosKospi } from './formats/ecos.js';
import { fnguideCodeList, fnguideCompanies, fnguideKospiReturns } from './formats/fnguide.js';
import { kindListedCompanies, krxMarketSnapshot } from './formats/kind.js';
import {
  neojuneCompanies,
  neojuneCompanyApplicants,
  neojuneUniversities,
  neojuneUniversityApplicants,
} from './formats/kipris.js';
import {
  dartCorpCodes,
  krxSectorSnapshot,
  krxTickers,
  krxValuationSnapshot,
  wicsSectors,
} from './formats/krx-companies.js';
import { krxMonthlyCloses, krxStatements, krxValuationRatios } from './formats/krx-data.js';
import { exitCompanyProfiles, exitFinancialStatements, exitInteractions } from './formats/native.js';
import { naverOverview, naverThemes } from './formats/naver.js';
import { kiprisPatents } from './formats/patents.js';
import type { FormatImporter } from './types.js';

/** Every format the importer recognises. */
export const FORMATS: readonly FormatImporter[] = [
  fnguideCompanies,
  krxTickers,
  krxMarketSnapshot,
  kindListedCompanies,
  fnguideCodeList,
  krxSectorSnapshot,
  krxValuationSnapshot,
  wicsSectors,
  dartCorpCodes,
  naverThemes,
  neojuneCompanies,
  neojuneUniversities,
  exitCompanyProfiles,
  neojuneCompanyApplicants,
  neojuneUniversityApplicants,
  krxValuationRatios,
  krxStatements,
  krxMonthlyCloses,
  naverOverview,
  exitFinancialStatements,
  kiprisPatents,
  exitInteractions,
  ecosKospi,
  ecosKosdaq,
  ecosBaseRate,
  fnguideKospiReturns,
];

export type Detection = { ok: true; format: FormatImporter } | { ok: false; reason: string };

/**
 * Picks the format whose required columns all appear in the header and whose first-row check
 * passes. When several match (the KRX snapshots' columns are subsets of the ticker list's), the one
 * requiring the most columns wins.
 */
export function matchFormat(
  header: readonly string[],
  firstRow: Record<string, string> | undefined,
): Detection {
  const cells = new Set(header);
  const candidates = FORMATS.filter((format) => format.columns.every((column) => cells.has(column)));
  const matching = candidates.filter((format) => format.matchesFirstRow?.(firstRow) ?? true);
  if (matching.length > 0) {
    const best = matching.reduce((a, b) => (b.columns.length > a.columns.length ? b : a));
    return { ok: true, format: best };
  }
  if (candidates.length > 0) {
    const names = candidates.map((format) => format.name).join(', ');
    const item = firstRow?.ITEM_CODE1
      ? ` (ITEM_CODE1 ${firstRow.ITEM_CODE1}, ${firstRow.ITEM_NAME1 ?? ''})`
      : '';
    return { ok: false, reason: `header of ${names}, but the first row matches none of them${item}` };
  }
  const preview = header
    .slice(0, 5)
    .map((cell) => JSON.stringify(cell))
    .join(', ');
  return { ok: false, reason: `unrecognised header (${preview}${header.length > 5 ? ', ...' : ''})` };
}

/** Recognises a file by its header and first data row. */
export async function detectFormat(path: string): Promise<Detection> {
  const head = await readCsvHead(path);
  if (!head.ok) return { ok: false, reason: head.reason };
  return matchFormat(head.header, head.firstRow);
}
