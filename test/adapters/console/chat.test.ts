import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleChat } from '../../../adapters/console/chat.js';
import { createChartRenderer } from '../../../bot/charts/renderer.js';
import { InProcessEngineClient } from '../../../bot/engine-client.js';
import { ExitBot } from '../../../bot/exit-bot.js';
import { ThreadStore } from '../../../bot/thread-store.js';
import { silentLogger } from '../../../core/logger.js';
import { openRealEngine, type RealEngineFixture } from '../../bot/support/real-engine.js';

let fixture: RealEngineFixture;
let chartsDir: string;

/** Runs a chat session over the given input lines and returns everything it printed. */
async function session(lines: string[], options: { charts?: boolean } = {}): Promise<string> {
  const logger = silentLogger();
  const bot = new ExitBot({
    engine: new InProcessEngineClient(fixture.engine),
    threads: new ThreadStore(fixture.store.db, logger),
    logger,
    defaultTopK: 5,
    maxSearches: 2,
    charts: options.charts ? createChartRenderer({ logger }) : null,
  });
  const input = new PassThrough();
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const chat = new ConsoleChat({ bot, input, output, logger, chartsDir: options.charts ? chartsDir : null });
  const running = chat.run();
  input.end(`${lines.join('\n')}\n`);
  await running;
  return chunks.join('');
}

/** Returns the text printed between the line containing `from` and the next occurrence of `to`. */
function section(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf(to, start + from.length);
  return text.slice(start, end === -1 ? undefined : end);
}

beforeAll(async () => {
  fixture = await openRealEngine(120, 14);
  chartsDir = mkdtempSync(join(tmpdir(), 'exit-console-charts-'));
});

afterAll(async () => {
  await fixture?.dispose();
  rmSync(chartsDir, { recursive: true, force: true });
});

describe('console chat', () => {
  it('searches, then answers follow-ups about the result', async () => {
    const brn = fixture.brns[0] as string;
    const text = await session([
      `${brn} top 3`,
      'details 2',
      '1번 3번 비교',
      'more',
      'exclude 1',
      '/quit',
      'why #2',
    ]);
    expect(text).toContain('EXIT chat');
    expect(text).toContain(`Searching partners for ${brn}`);
    const list = section(text, 'Partners for', 'Key figures');
    expect(list).toMatch(/Name\s+Sector\s+Hits\s+Best similarity\s+Valuation/);
    expect(list).toMatch(/#1 .+\n#2 .+\n#3 /);
    expect(text).toMatch(/^#2 .+$/m);
    expect(text).toContain('Key figures');
    expect(text).toContain('and #3 ');
    expect(text).toContain('Showing #4-#6');
    expect(text).toContain('Excluded #1');
    // Lines after /quit are not read.
    expect(text).not.toContain('Why #2');
  });

  it('writes charts to files', async () => {
    const text = await session([`${fixture.brns[1]} top 2`, 'valuation of 1'], { charts: true });
    const written = readdirSync(chartsDir);
    expect(written.some((name) => name.endsWith('-partner-valuations.png'))).toBe(true);
    expect(written.some((name) => name.endsWith('-valuation-1.png'))).toBe(true);
    const file = join(chartsDir, written[0] as string);
    expect(readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(text).toContain(`Chart written to ${chartsDir}`);
  });

  it('reports invalid input and keeps the session going', async () => {
    const text = await session([
      '124-81-00997',
      '/ask details 1',
      `/exit ${fixture.brns[2]} top 2`,
      'patents of 1',
      '/help',
    ]);
    expect(text).toContain('error: ');
    expect(text).toContain('check digit is 7 but should be 8');
    expect(text).toContain('No result yet');
    expect(text).toContain('Evidence for #1');
    expect(text).toContain('Usage: /exit <company> [sector] [top K]');
  });

  it('says when a follow-up is not understood', async () => {
    const text = await session([`${fixture.brns[3]} top 2`, 'hello there', 'hello again']);
    expect(text).toContain('I can answer these in this thread');
    expect(text).toContain('Not understood');
  });
});
