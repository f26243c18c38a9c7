/**
 * Company name normalisation, so that spellings such as `삼성전자(주)`, `삼성전자주식회사`,
 * `(주)삼성전자`, `삼성전자 주식회사` and `Samsung Electronics Co., Ltd.` compare by their core name.
 */

/** Legal-form markers removed from Korean names. Longer forms first so that 주식회사 wins over 주. */
const KOREAN_LEGAL_FORMS = [
  '유한책임회사',
  '주식회사',
  '유한회사',
  '합자회사',
  '합명회사',
  '재단법인',
  '사단법인',
  '의료법인',
  '학교법인',
  '농업회사법인',
  '영농조합법인',
];

/** Bracketed legal-form abbreviations: (주), ㈜, (유), (사), (재), (합) and full-width variants. */
const BRACKETED_FORMS = /[(（]\s*(주|유|사|재|합|의|학)\s*[)）]|[㈜㈲]/g;

/** English legal-form suffixes and prefixes. */
const ENGLISH_LEGAL_FORMS =
  /\b(co\.?,?\s*ltd\.?|company\s+limited|co\.?\s*,?\s*limited|corporation|corp\.?|incorporated|inc\.?|ltd\.?|limited|llc|l\.l\.c\.|plc|gmbh|s\.a\.|co\.?)(?=\s|,|\.|$)/gi;

/**
 * Returns the comparable core of a company name: NFKC-normalised, legal forms removed,
 * lower-cased, with spaces and punctuation dropped. Returns '' when nothing is left.
 */
export function normalizeCompanyName(name: string): string {
  let text = name.normalize('NFKC');
  text = text.replace(BRACKETED_FORMS, ' ');
  for (const form of KOREAN_LEGAL_FORMS) text = text.split(form).join(' ');
  text = text.replace(ENGLISH_LEGAL_FORMS, ' ');
  text = text.toLowerCase();
  // Keep letters and digits of every script; drop spaces, punctuation and symbols.
  text = text.replace(/[^\p{L}\p{N}]+/gu, '');
  return text;
}

/** Returns the name with Unicode composed and runs of whitespace collapsed, for display. */
export function displayName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}
