/**
 * The result of one valuation step: a value with its details, or "not available" with the reason
 * in words an analyst can act on. Steps never return NaN, Infinity or a negative price.
 */

export interface NotAvailable {
  status: 'not_available';
  reason: string;
}

export type Outcome<T extends object> = ({ status: 'ok' } & T) | NotAvailable;

export function notAvailable(reason: string): NotAvailable {
  return { status: 'not_available', reason };
}

export function ok<T extends object>(details: T): { status: 'ok' } & T {
  return { status: 'ok', ...details };
}

export function isOk<T extends object>(outcome: Outcome<T>): outcome is { status: 'ok' } & T {
  return outcome.status === 'ok';
}

/** Formats KRW as 억원 with thousands separators, for reasons and notes. */
export function eok(valueKrw: number): string {
  return `${(valueKrw / 1e8).toLocaleString('en-US', { maximumFractionDigits: 1 })}억원`;
}

/** Formats a fraction as a percentage with two decimals. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}
