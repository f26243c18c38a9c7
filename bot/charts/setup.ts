import { existsSync } from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import type { Logger } from '../../core/logger.js';

/**
 * One-time set-up for server-side Chart.js: registers the chart types and a font that has Hangul
 * glyphs, and makes it Chart.js's default font. Without such a font Korean labels render as empty
 * boxes, so a missing font is logged as a warning and reported to the caller.
 */

/**
 * Font files tried in order: Nanum Gothic from the Debian/Ubuntu `fonts-nanum` package, then Noto Sans CJK.
 */
export const HANGUL_FONT_CANDIDATES = [
  { path: '/usr/share/fonts/truetype/nanum/NanumGothic.ttf', family: 'NanumGothic' },
  { path: '/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf', family: 'NanumBarunGothic' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK KR' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK KR' },
];

export interface ChartFont {
  family: string;
  /** The registered font file, or null when no Hangul font was found. */
  path: string | null;
}

let setup: ChartFont | null = null;

/**
 * Registers Chart.js components and a Hangul font once per process. `fontPath` overrides the
 * candidates; its family name is taken from the file name.
 */
export function ensureChartSetup(options: { logger?: Logger; fontPath?: string } = {}): ChartFont {
  if (setup) return setup;
  Chart.register(...registerables);
  const candidates = options.fontPath
    ? [
        { path: options.fontPath, family: options.fontPath.replace(/^.*\//, '').replace(/\.[^.]+$/, '') },
        ...HANGUL_FONT_CANDIDATES,
      ]
    : HANGUL_FONT_CANDIDATES;
  for (const candidate of candidates) {
    if (!existsSync(candidate.path)) continue;
    if (GlobalFonts.registerFromPath(candidate.path, candidate.family)) {
      setup = { family: candidate.family, path: candidate.path };
      break;
    }
    options.logger?.warn({ path: candidate.path }, 'Font file exists but could not be registered for charts');
  }
  if (!setup) {
    options.logger?.warn(
      { tried: candidates.map((candidate) => candidate.path) },
      'No Hangul font found for charts: Korean labels will render as boxes. Install fonts-nanum.',
    );
    setup = { family: 'sans-serif', path: null };
  }
  Chart.defaults.font.family = `${setup.family}, sans-serif`;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = '#222222';
  return setup;
}
