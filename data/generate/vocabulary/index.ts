import { DIGITAL_AREAS } from './areas-digital.js';
import { ELECTRONICS_AREAS } from './areas-electronics.js';
import { INDUSTRY_AREAS } from './areas-industry.js';
import { LIFE_AREAS } from './areas-life.js';
import type { TechArea } from './types.js';

export type { TechArea } from './types.js';

/** Every technology area, in a fixed order; a company's technology mix is a vector over this list. */
export const AREAS: readonly TechArea[] = [
  ...LIFE_AREAS,
  ...ELECTRONICS_AREAS,
  ...DIGITAL_AREAS,
  ...INDUSTRY_AREAS,
];

export const AREA_COUNT = AREAS.length;

const INDEX_BY_CODE = new Map(AREAS.map((area, index) => [area.code, index]));

/** Returns the position of an area in AREAS, and throws on an unknown code so that a vocabulary typo fails early. */
export function areaIndex(code: string): number {
  const index = INDEX_BY_CODE.get(code);
  if (index === undefined) throw new Error(`Unknown technology area "${code}"`);
  return index;
}

/** Neighbour indexes per area, resolved once. */
export const AREA_NEIGHBOURS: readonly (readonly number[])[] = AREAS.map((area) =>
  area.neighbours.map(areaIndex),
);

/** Every glossed term of every area, so a term used outside its own area can still carry its gloss. */
export const GLOSSARY: ReadonlyMap<string, string> = new Map(
  AREAS.flatMap((area) => Object.entries(area.glossary)),
);
