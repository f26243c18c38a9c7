/**
 * Korean business-overview paragraphs (기업개요) for generated companies, in the clipped report style
 * of Korean company descriptions ("…을 영위함."). Listed companies' paragraphs go to
 * company_overview.csv; every company's goes to exit_company_profiles.csv.
 */
import { type Company, mixAt, type Timeline } from './companies.js';
import { withParticle } from './korean.js';
import type { Rng } from './prng.js';
import { AREAS, type TechArea } from './vocabulary/index.js';

function largestArea(mix: Float64Array): TechArea {
  let best = 0;
  for (let a = 1; a < mix.length; a++) if ((mix[a] as number) > (mix[best] as number)) best = a;
  return AREAS[best] as TechArea;
}

/** Joins the main products as KIND writes them: comma-separated phrases. */
export function mainProductsText(company: Company): string {
  return company.products.join(', ');
}

/** Composes the overview: founding and main products, listing or legal form, technology, revenue mix, drift. */
export function overviewText(company: Company, timeline: Timeline, rng: Rng): string {
  const primary = AREAS[company.primaryArea] as TechArea;
  const endArea = largestArea(mixAt(company, timeline.endYear, timeline));
  const [first, second, third] = company.products;
  const sentences: string[] = [];

  const productList = [first, second].filter(Boolean).join(', ');
  sentences.push(
    `동사는 ${company.foundedYear}년 설립된 ${primary.nameKo} 전문 기업으로, ${withParticle(productList, '을')} 주요 제품으로 영위함.`,
  );
  if (company.listed) {
    const listingYear = company.listingDate.slice(0, 4);
    sentences.push(
      `${listingYear}년 ${company.market === 'KOSPI' ? '유가증권시장' : '코스닥시장'}에 상장하였으며, 본사는 ${company.region}에 소재함.`,
    );
  } else if (company.corporate) {
    sentences.push(`본사는 ${company.region}에 소재한 비상장 법인임.`);
  } else {
    sentences.push(`${company.region}에서 개인사업자 형태로 운영되고 있음.`);
  }

  const [objectA, objectB] = rng.sample(primary.objects, 2);
  sentences.push(
    `${objectA} 및 ${objectB} 관련 기술을 바탕으로 국내외 고객사에 제품과 서비스를 공급하고 있음.`,
  );

  if (first && second) {
    const share = 45 + rng.int(40);
    const others = third ? `${second} 및 ${third} 등 기타` : second;
    sentences.push(`매출 구성은 ${first} ${share}%, ${others} ${100 - share}%로 이루어짐.`);
  }
  if (endArea.code !== primary.code) {
    sentences.push(`최근에는 ${endArea.nameKo} 분야로 사업 영역을 확대하고 있음.`);
  }
  return sentences.join(' ');
}
