import { ExitError, quoteValue } from '../../../core/errors.js';

export type OutputFormat = 'text' | 'json';

export function parseFormat(value: string): OutputFormat {
  if (value === 'text' || value === 'json') return value;
  throw new ExitError('INVALID_INPUT', `--format must be text or json, got ${quoteValue(value)}.`);
}

export function parseTopK(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || parsed < 1 || parsed > 50) {
    throw new ExitError('INVALID_INPUT', `--top must be an integer from 1 to 50, got ${quoteValue(value)}.`);
  }
  return parsed;
}

export function parsePositiveInt(name: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || parsed < 1 || parsed > max) {
    throw new ExitError(
      'INVALID_INPUT',
      `${name} must be an integer from 1 to ${max.toLocaleString('en-US')}, got ${quoteValue(value)}.`,
    );
  }
  return parsed;
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
