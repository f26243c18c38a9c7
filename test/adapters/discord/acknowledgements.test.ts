import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PendingAcknowledgements } from '../../../adapters/discord/acknowledgements.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PendingAcknowledgements', () => {
  it('resolves idle at once when nothing is in flight', async () => {
    await expect(new PendingAcknowledgements().idle()).resolves.toBeUndefined();
  });

  it('holds idle until every acknowledgement settles', async () => {
    const acknowledgements = new PendingAcknowledgements();
    const first = deferred();
    const second = deferred();
    void acknowledgements.track(first.promise);
    const failing = acknowledgements.track(second.promise.then(() => Promise.reject(new Error('10062'))));
    failing.catch(() => undefined);
    let idle = false;
    void acknowledgements.idle().then(() => {
      idle = true;
    });
    first.resolve();
    await nextTurn();
    expect(idle).toBe(false);
    second.resolve();
    await nextTurn();
    expect(idle).toBe(true);
  });

  it('stops waiting after two seconds', async () => {
    vi.useFakeTimers();
    const acknowledgements = new PendingAcknowledgements();
    void acknowledgements.track(new Promise(() => {}));
    let idle = false;
    void acknowledgements.idle().then(() => {
      idle = true;
    });
    await vi.advanceTimersByTimeAsync(1999);
    expect(idle).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(idle).toBe(true);
  });
});
