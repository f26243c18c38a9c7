import type { Kysely } from 'kysely';
import { looksLikeBrn, requireBrn } from '../../core/brn.js';
import { ExitError, quoteValue } from '../../core/errors.js';
import { normalizeCompanyName } from '../../data/identity/names.js';
import {
  findCompaniesByExactName,
  findCompanyByBrn,
  findCompanyByTicker,
  getCompany,
  searchCompaniesByName,
} from '../../data/store/company-queries.js';
import type { Company, Database } from '../../data/store/tables.js';

/**
 * Turns what a user typed into one company: a BRN (check digit verified), a KRX ticker (`005930` or
 * FnGuide's `A005930`), `id:<n>` for an internal id, or a name in any spelling. Ambiguous names
 * raise AMBIGUOUS_COMPANY with candidates; unknown ones COMPANY_NOT_FOUND with the closest names.
 */

const MAX_CANDIDATES = 8;
/** Maximum length of a company query, in characters. */
export const MAX_COMPANY_QUERY_LENGTH = 200;

export interface CompanyCandidate {
  id: number;
  name: string;
  brn: string | null;
  ticker: string | null;
}

function candidate(company: Company): CompanyCandidate {
  return { id: company.id, name: company.name, brn: company.brn, ticker: company.ticker };
}

/**
 * Normalises a company query (NFKC, runs of whitespace made one space). Rejects one that is empty,
 * longer than MAX_COMPANY_QUERY_LENGTH or contains a control character such as a null byte. Name
 * matching drops such characters, so "a\u0000b" would otherwise match names containing "ab".
 */
export function cleanCompanyQuery(input: string): string {
  const text = input.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (!text) {
    throw new ExitError(
      'INVALID_INPUT',
      'No company given: type a business registration number, a ticker or a name.',
    );
  }
  if (text.length > MAX_COMPANY_QUERY_LENGTH) {
    throw new ExitError(
      'INVALID_INPUT',
      `The company query is ${text.length} characters long; the limit is ${MAX_COMPANY_QUERY_LENGTH}. Type a shorter name, or the BRN or ticker.`,
    );
  }
  const control = /[\p{Cc}\p{Cs}]/u.exec(text)?.[0];
  if (control !== undefined) {
    const code = (control.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
    throw new ExitError(
      'INVALID_INPUT',
      `The company query ${quoteValue(text)} contains the control character U+${code}. Type the name, BRN or ticker without it.`,
      { input: text },
    );
  }
  return text;
}

export async function resolveCompanyQuery(db: Kysely<Database>, input: string): Promise<Company> {
  const text = cleanCompanyQuery(input);

  const idMatch = /^id:(\d{1,9})$/i.exec(text);
  if (idMatch) {
    const company = await getCompany(db, Number(idMatch[1]));
    if (!company)
      throw new ExitError('COMPANY_NOT_FOUND', `No company has id ${idMatch[1]}.`, {
        query: text,
        closest: [],
      });
    return company;
  }

  if (looksLikeBrn(text)) {
    const brn = requireBrn(text);
    const company = await findCompanyByBrn(db, brn);
    if (!company) {
      throw new ExitError(
        'COMPANY_NOT_FOUND',
        `No company with business registration number ${brn} is in the data. Check the number, or search by name with \`exitbot companies --query <name>\`.`,
        { query: text, closest: [] },
      );
    }
    return company;
  }

  const tickerMatch = /^A?([0-9][0-9A-Z]{5})$/.exec(text.toUpperCase());
  if (tickerMatch) {
    const company = await findCompanyByTicker(db, tickerMatch[1] as string);
    if (company) return company;
  }

  const exact = await findCompaniesByExactName(db, text);
  if (exact.length === 1) return exact[0] as Company;
  if (exact.length > 1) throw ambiguous(text, exact);

  const partial = await searchCompaniesByName(db, text, MAX_CANDIDATES + 1);
  if (partial.length === 1) return partial[0] as Company;
  if (partial.length > 1) throw ambiguous(text, partial);

  const closest = await closestNames(db, text);
  const suggestion = closest.length > 0 ? ` Closest names: ${closest.map((c) => c.name).join(', ')}.` : '';
  throw new ExitError(
    'COMPANY_NOT_FOUND',
    `No company matches ${quoteValue(text)}.${suggestion} Check the spelling, or search with \`exitbot companies --query <text>\`.`,
    {
      query: text,
      closest,
    },
  );
}

function ambiguous(query: string, companies: readonly Company[]): ExitError {
  const candidates = companies.slice(0, MAX_CANDIDATES).map(candidate);
  const list = candidates
    .map(
      (c) =>
        `${c.name} (${[c.brn ? `BRN ${c.brn}` : null, c.ticker ? `ticker ${c.ticker}` : null, `id:${c.id}`].filter(Boolean).join(', ')})`,
    )
    .join('; ');
  const more = companies.length > MAX_CANDIDATES ? ' and more' : '';
  return new ExitError(
    'AMBIGUOUS_COMPANY',
    `${quoteValue(query)} matches several companies: ${list}${more}. Ask again with the BRN, ticker or id of the one you mean.`,
    { query, candidates },
  );
}

/** Names sharing the query's first syllables, ordered by edit distance to the query. */
async function closestNames(db: Kysely<Database>, query: string): Promise<CompanyCandidate[]> {
  const normalized = normalizeCompanyName(query);
  if (normalized.length < 2) return [];
  const pool = new Map<number, Company>();
  for (const prefix of [normalized.slice(0, 2), normalized.slice(-2)]) {
    for (const company of await searchCompaniesByName(db, prefix, 50)) pool.set(company.id, company);
  }
  return [...pool.values()]
    .map((company) => ({ company, distance: editDistance(normalized, normalizeCompanyName(company.name)) }))
    .sort((a, b) => a.distance - b.distance || a.company.id - b.company.id)
    .slice(0, 5)
    .map(({ company }) => candidate(company));
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = (previous[j - 1] as number) + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] as number;
}
