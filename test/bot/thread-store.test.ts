import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadState } from '../../bot/thread-state.js';
import { ThreadStore } from '../../bot/thread-store.js';
import { silentLogger } from '../../core/logger.js';
import { BACKENDS, type TestStore } from '../support/stores.js';
import { fixtureResult } from './support/result-fixture.js';

function newState(threadId: string, partners = 6): ThreadState {
  const now = new Date().toISOString();
  return {
    key: { platform: 'slack', channelId: 'C1', threadId },
    userId: 'U1',
    request: { company: '124-81-00998', topK: 15 },
    result: fixtureResult(partners),
    displayCount: 3,
    shownCount: 3,
    excludedIds: [],
    createdAt: now,
    updatedAt: now,
  };
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`ThreadStore on ${backend.name}`, () => {
    let store: TestStore;

    beforeAll(async () => {
      store = await backend.open();
    });

    afterAll(async () => {
      await store?.dispose();
    });

    it('returns undefined for a thread it does not hold', async () => {
      const threads = new ThreadStore(store.db, silentLogger());
      expect(await threads.get({ platform: 'slack', channelId: 'C1', threadId: 'none' })).toBeUndefined();
    });

    it('keeps state across a restart', async () => {
      const first = new ThreadStore(store.db, silentLogger());
      const state = newState('1.0001');
      await first.create(state);
      await first.update({ ...state, shownCount: 6, excludedIds: [102] });

      const restarted = new ThreadStore(store.db, silentLogger());
      const loaded = await restarted.get(state.key);
      expect(loaded?.shownCount).toBe(6);
      expect(loaded?.excludedIds).toEqual([102]);
      expect(loaded?.result).toEqual(state.result);
      expect(loaded?.request).toEqual(state.request);
      expect(loaded?.displayCount).toBe(3);
    });

    it('sees a thread created after a miss was cached', async () => {
      const threads = new ThreadStore(store.db, silentLogger());
      const state = newState('1.0002');
      expect(await threads.get(state.key)).toBeUndefined();
      await threads.create(state);
      expect((await threads.get(state.key))?.userId).toBe('U1');
    });

    it('stores a result larger than 64 KiB', async () => {
      const threads = new ThreadStore(store.db, silentLogger());
      const state = newState('1.0003', 50);
      for (const partner of state.result.partners) {
        partner.evidence = Array.from({ length: 6 }, (_, i) => ({
          kind: 'profile' as const,
          similarity: 0.5,
          text: `${'긴 설명 '.repeat(60)}${i}`,
        }));
      }
      expect(JSON.stringify(state.result).length).toBeGreaterThan(65_536);
      await threads.create(state);
      threads.clearCache();
      const loaded = await threads.get(state.key);
      expect(loaded?.result.partners).toHaveLength(50);
      expect(loaded?.result).toEqual(state.result);
    });

    it('prunes threads not touched since a date', async () => {
      const threads = new ThreadStore(store.db, silentLogger());
      const old = { ...newState('1.0004'), updatedAt: '2020-01-01T00:00:00.000Z' };
      await threads.create(old);
      const deleted = await threads.prune(new Date('2021-01-01T00:00:00.000Z'));
      expect(deleted).toBe(1);
      expect(await threads.get(old.key)).toBeUndefined();
      expect(await threads.get(newState('1.0001').key)).toBeDefined();
    });
  });
}
