/**
 * Streams the patent table (patents_kipris_plus.csv) company by company, so memory stays bounded by
 * one company's patents. Filing dates spread over the company's active years, each patent's area is
 * drawn from the company's technology mix in its filing year, and planned co-applications put the
 * partner's name, in some spelling, after the lead applicant.
 */
import { join } from 'node:path';
import { type Company, mixAt, type Timeline } from './companies.js';
import type { CoApplicationPlan, InteractionPlan } from './interactions.js';
import { personName, spellingVariant } from './names.js';
import { composePatentText } from './patent-text.js';
import { Rng } from './prng.js';
import { AREA_COUNT, AREAS } from './vocabulary/index.js';
import { CsvFileWriter } from './writers.js';

export const PATENT_HEADER = [
  'applicant_no',
  'Applicant',
  'ApplicationNumber',
  'ApplicationDate',
  'InventionName',
  'InternationalpatentclassificationNumber',
  'Abstract',
  'OpeningNumber',
  'OpeningDate',
  'PublicNumber',
  'PublicDate',
  'RegistrationNumber',
  'RegistrationDate',
  'RegistrationStatus',
  'source_path',
];

const DAY_MS = 86_400_000;
const UTILITY_MODEL_AREAS = new Set(['robotics', 'environment', 'mobility', 'food_cosmetics']);

function toDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function ymd(day: number): string {
  const date = new Date(day * DAY_MS);
  return `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** Serial counters for application, opening and registration numbers, unique within the dataset. */
class NumberSeries {
  private readonly counters = new Map<string, number>();

  /** Registration serials come in one block per registration year, so they grow with the year. */
  private readonly registrationBlock: number;

  constructor(
    private readonly seed: number,
    private readonly timeline: Timeline,
  ) {
    this.registrationBlock = Math.floor(9_800_000 / (timeline.endYear - timeline.startYear + 1));
  }

  /**
   * Returns the next 7-digit serial under a key such as `102019` (kind and year). Serials rise by 1 to 4, like
   * numbers issued in order with other applicants' numbers in between.
   */
  next(key: string, rng: Rng): string {
    const last =
      this.counters.get(key) ?? Math.floor(Rng.derive(this.seed, 'serial-base', key).next() * 10_000);
    const value = last + 1 + rng.int(4);
    if (value > 9_999_999)
      throw new Error(`Serial numbers under ${key} ran out; generate fewer patents per year`);
    this.counters.set(key, value);
    return String(value).padStart(7, '0');
  }

  /** Issues a registration number, `PP` + 7-digit serial + `0000`, with the serial inside the year's block. */
  registration(prefix: string, year: number, rng: Rng): string {
    const base = 100_000 + (year - this.timeline.startYear) * this.registrationBlock;
    const key = `reg${prefix}${year}`;
    const value = (this.counters.get(key) ?? base) + 1 + rng.int(2);
    if (value >= base + this.registrationBlock) {
      throw new Error(
        `Registration numbers for ${year} ran out; generate fewer patents or a longer timeline`,
      );
    }
    this.counters.set(key, value);
    return `${prefix}${String(value).padStart(7, '0')}0000`;
  }
}

interface Prosecution {
  openingNumber: string;
  openingDate: string;
  publicDate: string;
  registrationNumber: string;
  registrationDate: string;
  status: string;
}

/** Simulates the publication, examination and maintenance of one application up to the end of the timeline. */
function prosecute(
  rng: Rng,
  prefix: string,
  filing: number,
  end: number,
  numbers: NumberSeries,
): Prosecution {
  const result: Prosecution = {
    openingNumber: '',
    openingDate: '',
    publicDate: '',
    registrationNumber: '',
    registrationDate: '',
    status: '공개',
  };
  const age = end - filing;
  let publication = filing + 548 + rng.int(20);
  if (publication > end) publication = Math.min(end, filing + 30 + rng.int(Math.max(1, age - 30)));
  const publish = () => {
    result.openingDate = ymd(publication);
    result.openingNumber = `${prefix}${result.openingDate.slice(0, 4)}${numbers.next(`open${prefix}${result.openingDate.slice(0, 4)}`, rng)}`;
  };
  // Outcome by roll: grant below 0.72, rejection to 0.87, withdrawal to 0.91, abandonment to 0.93,
  // and above that still pending, except that applications older than five years are granted instead.
  const roll = rng.next();
  const pendingAllowed = age < 5 * 365;
  if (age < 548 || (roll >= 0.93 && pendingAllowed)) {
    publish();
    return result;
  }
  if (roll < 0.72 || (roll >= 0.93 && !pendingAllowed)) {
    const registration = filing + Math.round(365 * rng.between(1, 3));
    if (registration > end) {
      publish();
      return result;
    }
    if (registration > publication) publish();
    result.registrationDate = ymd(registration);
    result.registrationNumber = numbers.registration(
      prefix,
      Number(result.registrationDate.slice(0, 4)),
      rng,
    );
    const gazette = registration + 7 + rng.int(34);
    if (gazette <= end) result.publicDate = ymd(gazette);
    const yearsInForce = (end - registration) / 365;
    result.status = rng.chance(Math.min(0.6, 0.05 * yearsInForce)) ? '소멸' : '등록';
    return result;
  }
  publish();
  if (roll < 0.87) result.status = '거절';
  else if (roll < 0.91) result.status = '취하';
  else result.status = '포기';
  return result;
}

/** Draws the filing days of a company's patents: ascending, on weekdays, denser in later years. */
function filingDays(rng: Rng, company: Company, timeline: Timeline): number[] {
  const first = toDay(company.firstYear, 1, 2);
  const last = toDay(timeline.endYear, 12, 30);
  const days: number[] = [];
  for (let k = 0; k < company.patentCount; k++) {
    let day = first + Math.floor((last - first) * rng.next() ** 0.8);
    // Saturdays move to Friday and Sundays to Monday. The window runs from 2 January to 30 December,
    // so a moved date stays inside its year.
    const weekday = new Date(day * DAY_MS).getUTCDay();
    if (weekday === 6) day -= 1;
    if (weekday === 0) day += 1;
    days.push(day);
  }
  return days.sort((a, b) => a - b);
}

/** Assigns each planned co-application to consecutive free patents near its year and returns the plan per patent. */
function assignCoApplications(
  days: number[],
  plans: readonly CoApplicationPlan[],
): (CoApplicationPlan | null)[] {
  const assigned: (CoApplicationPlan | null)[] = days.map(() => null);
  for (const plan of plans) {
    const target = toDay(plan.year, 1, 1);
    let start = days.findIndex((day) => day >= target);
    if (start < 0) start = days.length - 1;
    let placed = 0;
    for (let step = 0; step < days.length && placed < plan.count; step++) {
      const k = (start + step) % days.length;
      if (assigned[k] !== null) continue;
      assigned[k] = plan;
      placed++;
    }
  }
  return assigned;
}

/**
 * Writes every company's patents and returns the number written. Fills the date and reference of
 * each planned co-application from its first shared patent.
 */
export async function writePatents(
  outDir: string,
  seed: number,
  companies: readonly Company[],
  plan: InteractionPlan,
  timeline: Timeline,
  onCompany: (done: number) => void,
): Promise<number> {
  const writer = await CsvFileWriter.open(join(outDir, 'patents_kipris_plus.csv'), PATENT_HEADER, {
    eol: '\r\n',
  });
  const numbers = new NumberSeries(seed, timeline);
  const end = toDay(timeline.endYear, 12, 31);
  const mix = new Float64Array(AREA_COUNT);
  const partnerMix = new Float64Array(AREA_COUNT);
  for (const company of companies) {
    if (company.patentCount > 0) {
      const rng = Rng.derive(seed, 'patents', company.index);
      const days = filingDays(rng, company, timeline);
      const coApplications = assignCoApplications(days, plan.coApplicationsByLead.get(company.index) ?? []);
      const sourcePath = `generated/seed-${seed}/${company.applicantNo}.xml`;
      for (let k = 0; k < days.length; k++) {
        const filing = days[k] as number;
        const filingDate = ymd(filing);
        const year = Number(filingDate.slice(0, 4));
        mixAt(company, year, timeline, mix);
        const shared = coApplications[k] ?? null;
        let areaIndex: number;
        if (shared) {
          // A joint patent sits where both companies work: the area with the largest product of weights.
          mixAt(companies[shared.partner] as Company, year, timeline, partnerMix);
          for (let a = 0; a < AREA_COUNT; a++) partnerMix[a] = (partnerMix[a] as number) * (mix[a] as number);
          areaIndex = partnerMix.indexOf(Math.max(...partnerMix));
        } else {
          areaIndex = rng.weightedIndex(mix);
        }
        const area = AREAS[areaIndex] ?? AREAS[0];
        if (!area) throw new Error('No technology areas are defined');
        const utilityModel = rng.chance(UTILITY_MODEL_AREAS.has(area.code) ? 0.12 : 0.05);
        const prefix = utilityModel ? '20' : '10';
        const text = composePatentText(rng, area, AREAS[rng.weightedIndex(mix)], utilityModel);
        const applicationNumber = `${prefix}${year}${numbers.next(`${prefix}${year}`, rng)}`;
        const prosecution = prosecute(rng, prefix, filing, end, numbers);

        const applicants = [rng.chance(0.8) ? company.registered : spellingVariant(rng, company.core)];
        if (shared) {
          applicants.push(spellingVariant(rng, (companies[shared.partner] as Company).core));
          if (shared.interaction.date === '') {
            shared.interaction.date = filingDate;
            shared.interaction.reference = applicationNumber;
          }
        }
        if (rng.chance(0.015)) applicants.push(personName(rng));

        await writer.write([
          company.applicantNo,
          applicants.join('|'),
          applicationNumber,
          filingDate,
          text.title,
          text.ipc,
          text.abstract,
          prosecution.openingNumber,
          prosecution.openingDate,
          '',
          prosecution.publicDate,
          prosecution.registrationNumber,
          prosecution.registrationDate,
          prosecution.status,
          sourcePath,
        ]);
      }
    }
    onCompany(company.index + 1);
  }
  await writer.close();
  return writer.rowsWritten;
}
