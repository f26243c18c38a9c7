import { sectorByCode } from '../../data/sectors.js';
import type { CompanyRef, Evidence, Partner, Valuation } from '../../engine/types.js';
import { formatKrw } from '../../engine/value/market-cap.js';
import type { ReplyAction, ReplyField } from '../reply.js';

/** Shared wording for the views: numbers, identifiers, sectors and valuations. */

/** Similarities are cosines in [-1, 1]; three decimals separate neighbours in practice. */
export function formatSimilarity(value: number): string {
  return value.toFixed(3);
}

export function sectorLabel(code: string | null): string {
  const sector = sectorByCode(code);
  return sector ? `${sector.nameKo} (${sector.code})` : 'unknown';
}

export function companyIds(company: Pick<CompanyRef, 'brn' | 'ticker'>): string {
  const ids = [company.brn ? `BRN ${company.brn}` : null, company.ticker ? `ticker ${company.ticker}` : null];
  return ids.filter(Boolean).join(', ');
}

const METHOD_LABELS: Record<string, string> = { market_cap: 'market capitalisation' };

export function methodLabel(method: string): string {
  return METHOD_LABELS[method] ?? method.replace(/_/g, ' ');
}

/** One line: value in 억원/조원 and the method, or "no valuation". */
export function valuationText(valuation: Valuation | null): string {
  if (!valuation) return 'no valuation';
  return `${formatKrw(valuation.value)} (${methodLabel(valuation.method)})`;
}

function primitiveText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  if (typeof value === 'string' && value.length <= 200) return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return null;
}

/**
 * Lists the valuation's audit fields: value, method, source and date. Further numeric or text
 * inputs at the valuation's top level or in an `inputs` object (beta, discount rate, growth,
 * comparables) follow, so richer valuation methods show their inputs without a change here.
 */
export function valuationFields(valuation: Valuation | null): ReplyField[] {
  if (!valuation)
    return [{ label: 'Valuation', value: 'none: no market capitalisation or statements in the data' }];
  const fields: ReplyField[] = [
    { label: 'Valuation', value: formatKrw(valuation.value) },
    { label: 'Method', value: methodLabel(valuation.method) },
    { label: 'Source', value: valuation.source },
    { label: 'As of', value: valuation.asOf ?? 'undated' },
  ];
  const known = new Set(['value', 'currency', 'method', 'source', 'asOf', 'inputs']);
  const extra = Object.entries(valuation as unknown as Record<string, unknown>).filter(
    ([key]) => !known.has(key),
  );
  const inputs = (valuation as unknown as { inputs?: unknown }).inputs;
  if (inputs !== null && typeof inputs === 'object') extra.push(...Object.entries(inputs));
  for (const [key, value] of extra) {
    const text = primitiveText(value);
    if (text !== null) fields.push({ label: key, value: text });
  }
  return fields;
}

/** Formats one evidence item as a line: the matched patent or profile text and its similarity. */
export function evidenceLine(evidence: Evidence): string {
  if (evidence.kind === 'profile') {
    return `Profile match, similarity ${formatSimilarity(evidence.similarity)}: ${evidence.text}`;
  }
  const date = evidence.filingDate ? `, filed ${evidence.filingDate}` : '';
  return `Patent ${evidence.applicationNo} "${evidence.title}"${date}, similarity ${formatSimilarity(evidence.similarity)}`;
}

/** Builds the buttons under each partner. Their values are ranks, which stay fixed for the thread. */
export function partnerActions(partner: Partner): ReplyAction[] {
  const value = String(partner.rank);
  return [
    { kind: 'details', label: 'Details', value },
    { kind: 'patents', label: 'Patents', value },
    { kind: 'valuation', label: 'Valuation', value },
    { kind: 'exclude', label: 'Exclude', value, style: 'danger' },
  ];
}

/** Shortens text to `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}
