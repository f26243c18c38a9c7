import { describe, expect, it } from 'vitest';
import { SECTOR_PROFILES, WICS_SECTORS } from '../../../data/generate/sector-profiles.js';
import { AREAS, areaIndex, GLOSSARY } from '../../../data/generate/vocabulary/index.js';
import { classifySector, SECTORS } from '../../../data/sectors.js';

describe('sector profiles', () => {
  it('cover every canonical sector once', () => {
    expect(SECTOR_PROFILES.map((p) => p.sector).sort()).toEqual(SECTORS.map((s) => s.code).sort());
  });

  it.each(SECTOR_PROFILES.flatMap((p) => p.ksic.map((label) => [label, p.sector])))(
    'KSIC label %s classifies as %s',
    (label, sector) => {
      expect(classifySector([label])).toBe(sector);
    },
  );

  it('use known areas and WICS codes', () => {
    for (const profile of SECTOR_PROFILES) {
      for (const code of Object.keys(profile.areas)) expect(() => areaIndex(code)).not.toThrow();
      expect(WICS_SECTORS[profile.wics]).toBeDefined();
      expect(profile.suffixes.length).toBeGreaterThan(0);
    }
  });
});

describe('technology vocabulary', () => {
  it('has at least 12 areas with enough words each', () => {
    expect(AREAS.length).toBeGreaterThanOrEqual(12);
    for (const area of AREAS) {
      expect(area.parts.length, area.code).toBeGreaterThanOrEqual(15);
      expect(area.objects.length, area.code).toBeGreaterThanOrEqual(8);
      expect(area.methods.length, area.code).toBeGreaterThanOrEqual(6);
      expect(area.effects.length, area.code).toBeGreaterThanOrEqual(5);
      expect(area.ipc.length, area.code).toBeGreaterThanOrEqual(5);
      expect(area.products.length, area.code).toBeGreaterThanOrEqual(5);
    }
  });

  it('writes IPC codes as KIPRIS does and gives each code one area', () => {
    const owner = new Map<string, string>();
    for (const area of AREAS) {
      for (const code of area.ipc) {
        expect(code).toMatch(/^[A-H]\d{2}[A-Z] \d{1,4}\/\d{2,6}$/);
        expect(owner.get(code), `${code} in ${area.code}`).toBeUndefined();
        owner.set(code, area.code);
      }
    }
  });

  it('glosses terms that the areas use', () => {
    const terms = AREAS.flatMap((area) => [...area.parts, ...area.methods, ...area.objects]);
    for (const key of GLOSSARY.keys()) {
      expect(
        terms.some((term) => term.includes(key)),
        key,
      ).toBe(true);
    }
  });

  it('links neighbours to existing areas, never to themselves', () => {
    for (const area of AREAS) {
      for (const neighbour of area.neighbours) {
        expect(() => areaIndex(neighbour)).not.toThrow();
        expect(neighbour).not.toBe(area.code);
      }
    }
  });
});
