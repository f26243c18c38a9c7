import { sectorByCode } from '../../data/sectors.js';
import type { Company } from '../../data/store/tables.js';

/**
 * Builds the text that represents a company without patents: main products first, then the
 * business overview, themes, industry labels and sector names. An unlisted company is described by
 * its products; a listed one also by its sector and themes.
 */
export function profileText(company: Company): string {
  const parts: string[] = [];
  if (company.main_products) parts.push(company.main_products);
  if (company.overview) parts.push(company.overview);
  const themes = parseThemes(company.themes);
  if (themes.length > 0) parts.push(themes.join(', '));
  for (const label of [company.ksic_industry, company.krx_industry, company.wics_sector]) {
    if (label) parts.push(label);
  }
  const sector = sectorByCode(company.sector);
  if (sector && sector.code !== 'other') parts.push(`${sector.nameKo} ${sector.nameEn}`);
  return parts.join('. ').replace(/\s+/g, ' ').trim();
}

/** Themes are stored as a JSON array; anything else is treated as a single theme. */
export function parseThemes(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) return parsed.filter((item): item is string => typeof item === 'string');
  } catch {
    // Not JSON: fall through and keep the raw text.
  }
  return [raw];
}
