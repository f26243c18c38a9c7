import { describe, expect, it } from 'vitest';
import { ShutdownDrain } from '../../bot/shutdown-drain.js';

function deferred(): { promise: Promise<string>; resolve: (value: string) => void } {
  let resolve: (value: string) => void = () => undefined;
  const promise = new Promise<string>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('ShutdownDrain', () => {
  it('passes results and errors through', async () => {
    const drain = new ShutdownDrain();
    await expect(drain.track(async () => 'answer')).resolves.toBe('answer');
    await expect(drain.track(async () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(drain.activeCount).toBe(0);
  });

  it('waits for tracked work', async () => {
    const drain = new ShutdownDrain();
    const work = deferred();
    const tracked = drain.track(() => work.promise);
    expect(drain.activeCount).toBe(1);
    const drained = drain.drain(10_000);
    expect(drain.draining).toBe(true);
    setTimeout(() => work.resolve('done'), 20);
    await expect(drained).resolves.toEqual({ completed: true, remaining: 0 });
    await expect(tracked).resolves.toBe('done');
  });

  it('waits for work tracked during the drain', async () => {
    const drain = new ShutdownDrain();
    const first = deferred();
    const second = deferred();
    drain.track(() => first.promise);
    const drained = drain.drain(10_000);
    drain.track(() => second.promise);
    first.resolve('first');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(drain.activeCount).toBe(1);
    second.resolve('second');
    await expect(drained).resolves.toEqual({ completed: true, remaining: 0 });
  });

  it('stops waiting after the grace time', async () => {
    const drain = new ShutdownDrain();
    drain.track(() => new Promise<never>(() => undefined));
    await expect(drain.drain(30)).resolves.toEqual({ completed: false, remaining: 1 });
  });

  it('returns at once with nothing in flight', async () => {
    const drain = new ShutdownDrain();
    await expect(drain.drain(10_000)).resolves.toEqual({ completed: true, remaining: 0 });
  });
});
