/**
 * Ground truth of the generated dataset, written under truth/ and never loaded by the importer:
 * each company's technology mix per year, the pairwise interaction probabilities, the area list and
 * the true market betas. Evaluations compare what EXIT infers with these.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Company, mixAt, type Timeline } from './companies.js';
import type { InteractionPlan } from './interactions.js';
import type { ListedRecord } from './listed-market.js';
import { AREA_COUNT, AREAS } from './vocabulary/index.js';
import { CsvFileWriter, trimmedDecimal, writeCsv } from './writers.js';

/** Mix weights below this are left out of tech_mix.csv to keep it small. */
const MIN_WEIGHT = 0.005;

const README = `# Ground truth of the generated dataset

These files record how the dataset was generated. EXIT's importer does not load them; evaluations
compare what EXIT infers with them.

- \`areas.csv\` (area, name_ko, name_en, ipc): the technology areas; \`ipc\` lists the IPC groups
  the area's patents draw from, separated by \`|\`.
- \`tech_mix.csv\` (brn, year, area, weight): each company's technology mix for every year from its
  first active year to the end year. Weights of one company and year sum to 1; weights below
  ${MIN_WEIGHT} are left out. A patent filed in a year takes its area from that year's mix, except
  co-applied patents, which take the area where both companies' weights have the largest product.
- \`affinity.csv\` (brn_a, brn_b, affinity): for each company (brn_a), its most likely partners, at
  most 50, with the probability that the pair interacts. Interactions were drawn only among these
  pairs, each unordered pair once, with this probability; a pair may be listed under both
  companies with the same value. The kind (co_application, partnership, m_and_a) was drawn after.
- \`market_beta.csv\` (ticker, brn, market, beta, residual_sd_monthly): the beta and residual
  standard deviation each listed company's monthly simple returns were drawn with:
  R = Rf + beta * (R_market - Rf) + e, with Rf the base rate / 12 and R_market from the
  company's own index (KOSPI or KOSDAQ).
`;

export async function writeTruthFiles(
  truthDir: string,
  companies: readonly Company[],
  plan: InteractionPlan,
  records: readonly ListedRecord[],
  timeline: Timeline,
): Promise<string[]> {
  await writeFile(join(truthDir, 'README.md'), README, 'utf8');

  await writeCsv(
    join(truthDir, 'areas.csv'),
    ['area', 'name_ko', 'name_en', 'ipc'],
    AREAS.map((area) => [area.code, area.nameKo, area.nameEn, area.ipc.join('|')]),
  );

  const mixFile = await CsvFileWriter.open(join(truthDir, 'tech_mix.csv'), ['brn', 'year', 'area', 'weight']);
  const mix = new Float64Array(AREA_COUNT);
  for (const company of companies) {
    for (let year = company.firstYear; year <= timeline.endYear; year++) {
      mixAt(company, year, timeline, mix);
      for (let a = 0; a < AREA_COUNT; a++) {
        const weight = mix[a] as number;
        if (weight < MIN_WEIGHT) continue;
        await mixFile.write([
          company.brn,
          String(year),
          (AREAS[a] as (typeof AREAS)[number]).code,
          trimmedDecimal(weight, 4),
        ]);
      }
    }
  }
  await mixFile.close();

  const affinityFile = await CsvFileWriter.open(join(truthDir, 'affinity.csv'), [
    'brn_a',
    'brn_b',
    'affinity',
  ]);
  for (const company of companies) {
    for (let r = 0; r < plan.width; r++) {
      const partner = plan.partners[company.index * plan.width + r] as number;
      if (partner < 0) break;
      const value = plan.affinity[company.index * plan.width + r] as number;
      await affinityFile.write([company.brn, (companies[partner] as Company).brn, trimmedDecimal(value, 6)]);
    }
  }
  await affinityFile.close();

  await writeCsv(
    join(truthDir, 'market_beta.csv'),
    ['ticker', 'brn', 'market', 'beta', 'residual_sd_monthly'],
    records.map(({ company, quote }) => [
      company.ticker,
      company.brn,
      company.market,
      trimmedDecimal(quote.beta, 4),
      trimmedDecimal(quote.residualSd, 4),
    ]),
  );
  return [
    'truth/README.md',
    'truth/areas.csv',
    'truth/tech_mix.csv',
    'truth/affinity.csv',
    'truth/market_beta.csv',
  ];
}
