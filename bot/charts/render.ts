import { type Canvas, createCanvas } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration, type ChartType, type Plugin } from 'chart.js';
import type { Logger } from '../../core/logger.js';
import { ensureChartSetup } from './setup.js';

/** Renders Chart.js configurations to PNG on the server with @napi-rs/canvas (no browser, no DOM). */

export interface RenderOptions {
  width?: number;
  height?: number;
  logger?: Logger;
  /** A font file with Hangul glyphs, tried before the installed candidates. */
  fontPath?: string;
}

const DEFAULT_WIDTH = 960;
const DEFAULT_HEIGHT = 540;

/**
 * Paints the canvas white before each draw: PNGs with a transparent background read badly in dark-mode chat
 * clients.
 */
const whiteBackground: Plugin = {
  id: 'exitWhiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/**
 * Draws a chart on a new canvas, hands the canvas to `read`, and destroys the chart afterwards
 * (destroying clears the canvas and unregisters the chart, so reading must happen first).
 */
export async function withRenderedChart<T extends ChartType, R>(
  config: ChartConfiguration<T>,
  options: RenderOptions,
  read: (canvas: Canvas) => R | Promise<R>,
): Promise<R> {
  ensureChartSetup({
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.fontPath ? { fontPath: options.fontPath } : {}),
  });
  const canvas = createCanvas(options.width ?? DEFAULT_WIDTH, options.height ?? DEFAULT_HEIGHT);
  const chart = new Chart(
    canvas as unknown as ConstructorParameters<typeof Chart>[0],
    {
      ...config,
      plugins: [whiteBackground, ...(config.plugins ?? [])],
      options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 },
    } as ChartConfiguration,
  );
  try {
    return await read(canvas);
  } finally {
    chart.destroy();
  }
}

/** Renders a chart to PNG bytes. */
export function renderChartPng<T extends ChartType>(
  config: ChartConfiguration<T>,
  options: RenderOptions = {},
): Promise<Buffer> {
  return withRenderedChart(config, options, (canvas) => canvas.encode('png'));
}
