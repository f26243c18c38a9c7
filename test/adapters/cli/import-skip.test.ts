import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate/index.js';
import { runCli } from '../../support/run-cli.js';

interface FileEntry {
  path: string;
  status: string;
  skipReason?: string;
}

describe('exitbot import --skip-imported', () => {
  let dir: string;
  let env: Record<string, string>;
  let generatedDir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'exit-import-skip-'));
    generatedDir = join(dir, 'generated');
    await generateDataset({ companies: 40, seed: 5, outDir: generatedDir });
    env = {
      EXIT_DATABASE_URL: `sqlite:${join(dir, 'exit.db')}`,
      EXIT_DATA_DIR: join(dir, 'var'),
      EXIT_LOG_LEVEL: 'silent',
    };
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function importFiles(extra: string[]): Promise<FileEntry[]> {
    const run = await runCli(
      ['import', generatedDir, '--no-index-update', '--format', 'json', ...extra],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { files: FileEntry[] }).files;
  }

  it('skips files imported before', async () => {
    const first = await importFiles([]);
    const imported = first.filter((file) => file.status !== 'skipped').map((file) => file.path);
    expect(imported.length).toBeGreaterThan(5);

    const skipping = await importFiles(['--skip-imported']);
    for (const path of imported) {
      const entry = skipping.find((file) => file.path === path);
      expect(entry?.status, path).toBe('skipped');
      expect(entry?.skipReason, path).toMatch(/^already imported/);
    }
  }, 120_000);

  it('re-applies every file without the flag', async () => {
    const again = await importFiles([]);
    const reapplied = again.filter((file) => file.status !== 'skipped');
    expect(reapplied.length).toBeGreaterThan(5);
    expect(again.some((file) => file.skipReason?.startsWith('already imported'))).toBe(false);
  }, 120_000);
});
