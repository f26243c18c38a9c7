/**
 * Titles, abstracts and IPC lists of generated patents, composed from one technology area's
 * vocabulary. Abstracts follow the usual Korean patent-abstract shape (subject, prior-art problem,
 * structure, effect, keywords) and sometimes gloss a term in brackets, `미세유체 칩(microfluidic chip)`,
 * or number a part, `관통홈(110)`, as real abstracts do.
 */
import { fillTemplate } from './korean.js';
import type { Rng } from './prng.js';
import { GLOSSARY, type TechArea } from './vocabulary/index.js';

const PATENT_TITLES = [
  '{object} 및 그 제조방법',
  '{partA:을} 포함하는 {object}',
  '{method:을} 이용한 {object}',
  '{partA} 기반의 {object}',
  '{measure:이} 향상된 {object}',
  '{object}용 {partA}',
  '{object} 및 이의 제어 방법',
  '{partA:과} {partB:을} 구비한 {object}',
];

/** Utility models (실용신안) protect devices, so their titles never claim a method. */
const UTILITY_TITLES = [
  '{partA:을} 포함하는 {object}',
  '{object}용 {partA}',
  '{partA:과} {partB:을} 구비한 {object}',
];

const OPENINGS = [
  '본 {kind:은} {object}에 관한 것으로, 보다 상세하게는 {partA:과} {partB:을} 이용하여 {effect1} 수 있는 {object}에 관한 것이다.',
  '본 {kind:은} {method:을} 적용하여 {measure:을} 개선한 {object}에 관한 것이다.',
  '본 {kind:은} {partA:을} 포함하는 {object}에 관한 것으로, {effect1} 수 있는 구성을 제공한다.',
];
const PROBLEM = '종래의 {object:은} {problem} 문제가 있었다.';
const STRUCTURES = [
  '본 {kind:의} 일 실시예에 따른 {object:은} {partA}, 상기 {partA}에 결합되는 {partB} 및 {partC:을} 포함하는 것을 특징으로 한다.',
  '이를 위하여 본 {kind:은} {partA:과} 상기 {partA}의 일측에 배치되는 {partB:을} 포함하고, 상기 {partB:은} {partC:과} 연동된다.',
];
const DETAILS = [
  '상기 {partB:은} {method:으로} 형성될 수 있다.',
  '또한, 상기 {partC:은} {partA:의} {measure:을} 조절하도록 구성된다.',
  '상기 {partA:은} {method:을} 거쳐 제조되며, {partC:과} 함께 사용될 수 있다.',
  '바람직하게는, 상기 {partC:은} 상기 {partB:과} 이격되어 배치되며, 그 사이의 간격은 사용 조건에 따라 조절될 수 있다.',
  '이때 상기 {partA:의} {measure:은} 종래 대비 향상되며, 이는 {method:을} 적용한 실험예를 통하여 확인되었다.',
];
const EFFECTS = [
  '본 {kind:에} 따르면 {effect1} 수 있을 뿐만 아니라 {effect2} 수 있다.',
  '따라서 {effect1} 수 있으며, {effect2} 수 있는 효과가 있다.',
];

/** Per-term cache of where a glossary entry sits inside the term, or null when none does. */
const glossCache = new Map<string, { key: string; gloss: string } | null>();

function findGloss(term: string): { key: string; gloss: string } | null {
  const cached = glossCache.get(term);
  if (cached !== undefined) return cached;
  let found: { key: string; gloss: string } | null = null;
  for (const [key, gloss] of GLOSSARY) {
    if (term.includes(key) && (!found || key.length > found.key.length)) found = { key, gloss };
  }
  glossCache.set(term, found);
  return found;
}

export interface PatentText {
  title: string;
  abstract: string;
  /** IPC codes joined by `|`, the main area's codes first. */
  ipc: string;
}

/**
 * Composes one patent's title, abstract and IPC list. `secondary`, when given, lends one IPC code,
 * as patents spanning two fields carry codes of both.
 */
export function composePatentText(
  rng: Rng,
  area: TechArea,
  secondary: TechArea | undefined,
  utilityModel: boolean,
): PatentText {
  const [partA, partB, partC] = rng.sample(area.parts, 3) as [string, string, string];
  const [effect1, effect2] = rng.sample(area.effects, 2) as [string, string];
  const values: Record<string, string> = {
    kind: utilityModel ? '고안' : '발명',
    object: rng.pick(area.objects),
    partA,
    partB,
    partC,
    method: rng.pick(area.methods),
    measure: rng.pick(area.measures),
    effect1,
    effect2,
    problem: rng.pick(area.problems),
  };

  const title = fillTemplate(rng.pick(utilityModel ? UTILITY_TITLES : PATENT_TITLES), (name) => {
    const plain = values[name] ?? name;
    return { plain, written: plain };
  });

  // Glosses and reference numerals go on a term's first mention only.
  const glossRate = rng.chance(0.55) ? 0.6 : 0;
  const numbered = rng.chance(utilityModel ? 0.6 : 0.15);
  const mentioned = new Set<string>();
  const numerals: Record<string, string> = { partA: '(110)', partB: '(120)', partC: '(130)' };
  const slot = (name: string) => {
    const plain = values[name] ?? name;
    if (mentioned.has(name)) return { plain, written: plain };
    mentioned.add(name);
    let written = plain;
    const gloss = findGloss(plain);
    if (gloss && rng.chance(glossRate)) written = plain.replace(gloss.key, `${gloss.key}(${gloss.gloss})`);
    const numeral = numerals[name];
    if (numbered && numeral) written = `${written}${numeral}`;
    return { plain, written };
  };

  const sentences = [fillTemplate(rng.pick(OPENINGS), slot)];
  if (rng.chance(0.6)) sentences.push(fillTemplate(PROBLEM, slot));
  sentences.push(fillTemplate(rng.pick(STRUCTURES), slot));
  for (const detail of rng.sample(DETAILS, rng.intBetween(1, 3))) sentences.push(fillTemplate(detail, slot));
  sentences.push(fillTemplate(rng.pick(EFFECTS), slot));
  let abstract = sentences.join(' ');
  if (rng.chance(0.5)) abstract += `  ${[partA, partB, partC, values.method].join(', ')}`;

  const codes = rng.sample(area.ipc.slice(0, 4), 1);
  for (const code of rng.sample(area.ipc, rng.int(3))) if (!codes.includes(code)) codes.push(code);
  if (secondary && rng.chance(0.25)) {
    const extra = rng.pick(secondary.ipc);
    if (!codes.includes(extra)) codes.push(extra);
  }
  return { title, abstract, ipc: codes.join('|') };
}
