import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { importPath } from '../../../data/import/index.js';
import { bumpDataVersion, readDataVersion } from '../../../data/store/data-version.js';
import { BACKENDS, type TestStore } from '../../support/stores.js';

describe.each(BACKENDS)('data version on $name', ({ open, skipReason }) => {
  let store: TestStore;
  let dir: string | undefined;

  beforeEach(async (context) => {
    if (skipReason) context.skip(skipReason);
    store = await open();
    dir = mkdtempSync(join(tmpdir(), 'exit-data-version-'));
  });
  afterEach(async () => {
    await store?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts at 0 and counts bumps', async () => {
    expect(await readDataVersion(store.db)).toBe(0);
    await bumpDataVersion(store.db);
    await store.db.transaction().execute((trx) => bumpDataVersion(trx));
    expect(await readDataVersion(store.db)).toBe(2);
  });

  it('keeps a rolled-back bump out', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await bumpDataVersion(trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await readDataVersion(store.db)).toBe(0);
  });

  it('increases with every imported file', async () => {
    const file = join(dir as string, 'snapshot.csv');
    writeFileSync(
      file,
      '종목코드,종목명,시장구분,소속부,종가,시가총액,상장주식수\n005930,삼성전자,KOSPI,,70000,400000000000000,5969782550\n',
    );
    const before = await readDataVersion(store.db);
    await importPath(store, file, { logger: silentLogger() });
    const afterFirst = await readDataVersion(store.db);
    expect(afterFirst).toBeGreaterThan(before);
    await importPath(store, file, { logger: silentLogger() });
    expect(await readDataVersion(store.db)).toBeGreaterThan(afterFirst);
  });
});
