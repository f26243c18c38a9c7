/**
 * One technology area of the generated patent corpus: the words its titles and abstracts are built
 * from, its IPC groups, and the market vocabulary (products, themes) of companies active in it.
 */
export interface TechArea {
  /** Stable English code used in ground-truth files, e.g. `battery`. */
  code: string;
  nameKo: string;
  nameEn: string;
  /** IPC groups of this field as KIPRIS writes them (`H01M 10/052`); the first ones are the most common. */
  ipc: readonly string[];
  /** Subjects of inventions, used as the head noun of titles ("… 및 그 제조방법"). */
  objects: readonly string[];
  /** Components and technical terms that claims and abstracts enumerate. */
  parts: readonly string[];
  /** Processes and techniques ("원자층 증착"). */
  methods: readonly string[];
  /** Properties an invention improves ("수율", "내구성"). */
  measures: readonly string[];
  /** Effect clauses that end before "수 있다" ("공정 수율을 높일"). */
  effects: readonly string[];
  /** Problem clauses of the prior art that end before "문제" ("정제 공정이 복잡한"). */
  problems: readonly string[];
  /** English glosses written in brackets after a term, as Korean abstracts do: `미세유체 칩(microfluidic chip)`. */
  glossary: Readonly<Record<string, string>>;
  /** Main-products phrases for company profiles and the KIND 주요제품 column. */
  products: readonly string[];
  /** Market theme labels in the style of Naver Finance themes. */
  themes: readonly string[];
  /** Codes of neighbouring areas that a company's later patents drift toward. */
  neighbours: readonly string[];
}

/** Splits a block of comma- or newline-separated terms into a list. */
export function words(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((term) => term.trim())
    .filter((term) => term.length > 0);
}

/** Parses `한국어=English; …` pairs into a glossary. */
export function glossary(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of text.split(';')) {
    const [korean, english] = pair.split('=').map((part) => part.trim());
    if (korean && english) result[korean] = english;
  }
  return result;
}
