/**
 * Company tables: the KIPRIS company master and applicant-number map (same layout as the real
 * TB24_100 and TB24_200 exports) and EXIT's own company profiles.
 */
import { join } from 'node:path';
import type { Company, Timeline } from './companies.js';
import { mainProductsText, overviewText } from './overview-text.js';
import { Rng } from './prng.js';
import { type Cell, writeCsv } from './writers.js';

export const COMPANY_HEADER = ['company_seq', 'biz_no', 'corp_no', 'biz_type', 'company_name'];
export const APPLICANT_HEADER = ['applicant_id', 'applicant_no', 'company_seq', 'write_time', 'app_type'];
export const PROFILE_HEADER = ['brn', 'name_en', 'aliases', 'sector', 'main_products', 'overview', 'listed'];

/** Builds a company's overview paragraph, the same text for its profile and for company_overview.csv. */
export function companyOverview(seed: number, company: Company, timeline: Timeline): string {
  return overviewText(company, timeline, Rng.derive(seed, 'overview', company.index));
}

export async function writeCompanyFiles(
  outDir: string,
  seed: number,
  companies: readonly Company[],
  timeline: Timeline,
): Promise<string[]> {
  await writeCsv(
    join(outDir, 'companies_tb24_100.csv'),
    COMPANY_HEADER,
    companies.map((c): Cell[] => [
      String(c.seq),
      c.brn,
      c.corpNo,
      c.corporate ? '법인' : '개인',
      c.registered,
    ]),
    { eol: '\r\n' },
  );

  // The export records when each applicant number was collected; one fixed morning after the end year.
  const collectedAt = Date.UTC(timeline.endYear + 1, 0, 15, 9, 0, 0);
  let applicantId = 0;
  const applicantRows: Cell[][] = [];
  for (const c of companies) {
    if (!c.applicantNo) continue;
    applicantId++;
    const stamp = new Date(collectedAt + applicantId * 1000).toISOString().replace('T', ' ').slice(0, 19);
    applicantRows.push([String(applicantId), c.applicantNo, String(c.seq), stamp, 'company']);
  }
  await writeCsv(join(outDir, 'company_applicant_no_tb24_200.csv'), APPLICANT_HEADER, applicantRows, {
    eol: '\r\n',
  });

  await writeCsv(
    join(outDir, 'exit_company_profiles.csv'),
    PROFILE_HEADER,
    (function* () {
      for (const c of companies) {
        yield [
          c.brn,
          c.englishLegal,
          c.aliases.join('|'),
          c.profile.sector,
          mainProductsText(c),
          companyOverview(seed, c, timeline),
          c.listed ? 'true' : 'false',
        ];
      }
    })(),
  );
  return ['companies_tb24_100.csv', 'company_applicant_no_tb24_200.csv', 'exit_company_profiles.csv'];
}
