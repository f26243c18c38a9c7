import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoFixture, type DemoFixture } from '../../support/demo-fixture.js';
import { type CliRun, runCli } from '../../support/run-cli.js';

/**
 * Garbage arguments and broken environments: each run must end with the documented exit code and an
 * `error:` line that names the bad value, and never with a stack trace (EXIT_DEBUG is unset).
 */

/** Returns a loopback port with nothing listening: the port is bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function expectCleanError(run: CliRun, code: number, ...fragments: string[]): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr).toMatch(/^error: /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  for (const fragment of fragments) expect(run.stderr).toContain(fragment);
}

describe('exitbot with bad input', () => {
  let fixture: DemoFixture;
  let scratch: string;
  let env: Record<string, string>;
  const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { ...env, ...extra });

  beforeAll(async () => {
    fixture = await createDemoFixture({ companies: 60 });
    scratch = mkdtempSync(join(tmpdir(), 'exit-cli-bad-'));
    env = { ...fixture.env, EXIT_DEBUG: '' };
  });
  afterAll(async () => {
    await fixture?.dispose();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it.each<[string, string[], number, string[]]>([
    ['no company', ['recommend'], 2, ["missing required argument 'company'"]],
    ['two companies', ['recommend', 'a', 'b'], 2, ['too many arguments']],
    ['top abc', ['recommend', 'x', '--top', 'abc'], 2, ['--top', '"abc"']],
    ['top 1e3', ['recommend', 'x', '--top', '1e3'], 2, ['--top', '"1e3"']],
    ['format JSON', ['recommend', 'x', '--format', 'JSON'], 2, ['--format', '"JSON"']],
    ['unknown sector', ['recommend', 'x', '--sector', '우주'], 2, ['"우주"', 'Known sectors']],
    ['long name', ['recommend', '가'.repeat(10_000)], 2, ['10000 characters', 'limit is 200']],
    ['null byte', ['recommend', 'a\u0000b'], 2, ['"a\\u0000b"', 'U+0000']],
    ['emoji', ['recommend', '🚀🏢'], 3, ['"🚀🏢"', 'exitbot companies --query']],
    ['SQL text', ['recommend', "' OR 1=1 --"], 3, ['"\' OR 1=1 --"']],
    ['percent', ['recommend', '%'], 3, ['"%"']],
    ['underscore', ['recommend', '_'], 3, ['"_"']],
    ['limit abc', ['companies', '--limit', 'abc'], 2, ['--limit', '"abc"']],
    ['query null byte', ['companies', '--query', 'x\u0000'], 2, ['U+0000']],
    ['import nothing', ['import'], 2, ["missing required argument 'path'"]],
  ])('rejects %s', async (_name, args, code, fragments) => {
    expectCleanError(await cli(args), code, ...fragments);
  });

  it('keeps the message short for a huge value', async () => {
    const run = await cli(['recommend', 'x', '--top', '9'.repeat(10_000)]);
    expectCleanError(run, 2, '(10000 characters)');
    expect(run.stderr.length).toBeLessThan(300);
  });

  it('prints JSON errors with --format json', async () => {
    const run = await cli(['recommend', 'a\u0000b', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error.code).toBe('INVALID_INPUT');
  });

  it.each(['%', '_', '!!'])('lists no companies for %j', async (query) => {
    const run = await cli(['companies', '--query', query]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`No company matches ${JSON.stringify(query)}.\n`);
  });

  it('rejects import paths that do not exist', async () => {
    const link = join(scratch, 'broken.csv');
    symlinkSync(join(scratch, 'missing.csv'), link);
    expectCleanError(await cli(['import', link]), 2, link, 'does not exist');
    expectCleanError(await cli(['import', 'a\u0000b']), 2, 'a\\u0000b');
  });

  it('imports an empty folder named like a file', async () => {
    const folder = join(scratch, 'folder.csv');
    mkdirSync(folder);
    const run = await cli(['import', folder, '--no-index-update']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^0 files \(0 failed\)/);
  });

  it('reports a SQLite path it cannot open', async () => {
    writeFileSync(join(scratch, 'plain-file'), 'x');
    const underFile = join(scratch, 'plain-file', 'exit.db');
    expectCleanError(await cli(['companies'], { EXIT_DATABASE_URL: `sqlite:${underFile}` }), 69, underFile);
    const run = await cli(['companies'], { EXIT_DATABASE_URL: `sqlite:${scratch}` });
    expectCleanError(run, 69, scratch, 'EXIT_DATABASE_URL');
    writeFileSync(join(scratch, 'not-a-db.db'), Buffer.alloc(8192, 0x41));
    const notDb = await cli(['companies'], { EXIT_DATABASE_URL: `sqlite:${join(scratch, 'not-a-db.db')}` });
    expectCleanError(notDb, 69, 'not-a-db.db', 'file is not a database');
  });

  it('reports a MySQL server that is down', async () => {
    const port = await closedPort();
    const url = `mysql://exit:secret@127.0.0.1:${port}/exit`;
    const run = await cli(['companies'], { EXIT_DATABASE_URL: url });
    expectCleanError(run, 69, `127.0.0.1:${port}`, 'EXIT_DATABASE_URL');
    expect(run.stderr).not.toContain('secret');
    const badPort = await cli(['companies'], { EXIT_DATABASE_URL: 'mysql://exit@127.0.0.1:99999/exit' });
    expectCleanError(badPort, 78, 'EXIT_DATABASE_URL', '127.0.0.1:99999');
  });

  it('reports a corrupt index file', async () => {
    const manifest = join(fixture.dataDir, 'index', 'manifest.json');
    writeFileSync(manifest, '{ not json');
    expectCleanError(await cli(['recommend', 'id:1']), 4, manifest, 'exitbot index build');
  });
});
