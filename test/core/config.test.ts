import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.js';
import { ExitError } from '../../core/errors.js';

function configError(env: NodeJS.ProcessEnv): ExitError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('defaults to the embedded SQLite store', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('sqlite:var/exit.db');
    expect(config.topK).toBe(5);
    expect(config.valuationFilter).toBe(true);
  });

  it('names the variable and the accepted values', () => {
    const error = configError({ EXIT_LOG_LEVEL: 'loud' });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('EXIT_LOG_LEVEL');
    expect(error.message).toContain('fatal, error, warn, info, debug, trace, silent');
  });

  it('never echoes a rejected database URL, which may hold a password', () => {
    const error = configError({ EXIT_DATABASE_URL: 'postgres://admin:hunter2@db/x' });
    expect(error.message).toContain('EXIT_DATABASE_URL');
    expect(error.message).not.toContain('hunter2');
  });

  it('rejects an out-of-range top K', () => {
    expect(configError({ EXIT_TOP_K: '0' }).message).toContain('an integer from 1 to 50');
  });

  it('reads a JSON file and lets the environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exit-config-'));
    const file = join(dir, 'exit.json');
    writeFileSync(file, JSON.stringify({ EXIT_TOP_K: 9, EXIT_VALUATION_FILTER: 'off' }));
    const config = loadConfig({ EXIT_CONFIG_FILE: file, EXIT_TOP_K: '3' });
    expect(config.topK).toBe(3);
    expect(config.valuationFilter).toBe(false);
  });

  it('rejects unknown keys and invalid JSON in the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exit-config-'));
    const unknown = join(dir, 'unknown.json');
    writeFileSync(unknown, JSON.stringify({ EXIT_TOPK: 9 }));
    expect(configError({ EXIT_CONFIG_FILE: unknown }).message).toContain('unknown setting EXIT_TOPK');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"EXIT_TOP_K":');
    expect(configError({ EXIT_CONFIG_FILE: broken }).message).toContain('not valid JSON');
  });
});
