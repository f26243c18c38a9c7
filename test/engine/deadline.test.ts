import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitError } from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import { Deadline, describeTimeLimit } from '../../engine/deadline.js';
import { Engine } from '../../engine/engine.js';
import { valueCompanies } from '../../engine/value/market-cap.js';
import { createDemoFixture, type DemoFixture } from '../support/demo-fixture.js';

async function rejection(promise: Promise<unknown>): Promise<ExitError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('describeTimeLimit', () => {
  it.each([
    [0, '0 ms'],
    [250, '250 ms'],
    [1000, '1 second'],
    [1500, '1.5 seconds'],
    [9960, '10 seconds'],
    [30_000, '30 seconds'],
    [30_400, '30 seconds'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(describeTimeLimit(ms)).toBe(text);
  });
});

describe('Deadline', () => {
  it('is absent without deadlineMs', () => {
    expect(Deadline.from(undefined)).toBeNull();
    expect(Deadline.from({ timeLimitMs: 1000 })).toBeNull();
  });

  it('rejects a deadline that is not a number', () => {
    expect(() => Deadline.from({ deadlineMs: Number.NaN })).toThrow(/deadlineMs must be a finite number/);
  });

  it('quotes the time left when no limit is given', () => {
    const deadline = Deadline.from({ deadlineMs: 5000 }, 2000);
    expect(deadline?.timeLimitMs).toBe(3000);
  });

  it('throws REQUEST_TIMEOUT once passed', () => {
    const future = Deadline.from({ deadlineMs: Date.now() + 60_000, timeLimitMs: 60_000 });
    expect(() => future?.check('value')).not.toThrow();
    const passed = Deadline.from({ deadlineMs: Date.now() - 1, timeLimitMs: 30_000 });
    let error: unknown;
    try {
      passed?.check('value');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).code).toBe('REQUEST_TIMEOUT');
    expect((error as ExitError).details).toEqual({ timeLimitMs: 30_000, stage: 'value' });
    expect((error as ExitError).exitCode).toBe(75);
  });
});

describe('search deadline on the demo data', () => {
  let fixture: DemoFixture;
  let engine: Engine;

  beforeAll(async () => {
    fixture = await createDemoFixture();
    engine = await Engine.open(fixture.store, fixture.config, silentLogger());
    await engine.warmUp();
  });

  afterAll(async () => {
    await fixture?.dispose();
  });

  it('stops a search before its first stage', async () => {
    const error = await rejection(
      engine.recommend({ company: 'id:1' }, { deadlineMs: Date.now(), timeLimitMs: 20_000 }),
    );
    expect(error.code).toBe('REQUEST_TIMEOUT');
    expect(error.details.stage).toBe('resolve');
    expect(error.message).toContain('took longer than 20 seconds');
  });

  it('answers when the deadline is far', async () => {
    const result = await engine.recommend({ company: 'id:1' }, { deadlineMs: Date.now() + 600_000 });
    expect(result.requester.id).toBe(1);
  });

  it('stops inside the valuation loop', async () => {
    const unlisted = await fixture.store.db
      .selectFrom('companies')
      .selectAll()
      .where('listed', '=', 0)
      .execute();
    const values = await valueCompanies(fixture.store.db, unlisted, engine.context);
    // The loop runs only for unlisted companies with statements, so some must get a value.
    expect([...values.values()].some((value) => value !== null)).toBe(true);

    const passed = Deadline.from({ deadlineMs: Date.now() - 1, timeLimitMs: 1000 });
    const error = await rejection(valueCompanies(fixture.store.db, unlisted, engine.context, {}, passed));
    expect(error.code).toBe('REQUEST_TIMEOUT');
    expect(error.details.stage).toBe('value');
  });
});
