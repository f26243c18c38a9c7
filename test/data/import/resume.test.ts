import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { generateDataset } from '../../../data/generate/index.js';
import { fromRanges, toRanges } from '../../../data/import/checkpoint.js';
import { importPath } from '../../../data/import/index.js';
import type { ImportOptions, ImportReport } from '../../../data/import/types.js';
import type { Database } from '../../../data/store/tables.js';
import { BACKENDS, type TestStore } from '../../support/stores.js';

/** Small thresholds so that the generated patents file (about 600 rows) is imported in chunks. */
const CHUNKING = { chunkedFileMinRows: 100, chunkRows: 150, progressEvery: 50 } as const;
const PATENTS_FILE = 'patents_kipris_plus.csv';
const INTERRUPT_AT = 400;

const TABLES: (keyof Database)[] = [
  'companies',
  'company_names',
  'company_keys',
  'patents',
  'patent_ipc',
  'patent_applicants',
  'financial_statements',
  'monthly_closes',
  'market_caps',
  'company_metrics',
  'market_index_values',
  'rate_series',
  'interactions',
  'import_runs',
  'import_checkpoints',
];

const VOLATILE = new Set(['id', 'updated_at', 'finished_at']);
const COMPANY_COLUMNS = new Set(['company_id', 'company_a', 'company_b']);

/**
 * Reads every row of every table with ids replaced by natural keys (a company by BRN, name and kind, a
 * patent by application number) and timestamps left out. MySQL does not reuse the auto-increment
 * values of a rolled-back chunk, so ids alone may differ between two stores with the same content.
 */
async function naturalSnapshot(store: TestStore): Promise<Record<string, string[]>> {
  const companies = new Map<number, string>();
  for (const row of await store.db.selectFrom('companies').select(['id', 'brn', 'name', 'kind']).execute()) {
    companies.set(row.id, `${row.brn ?? ''}|${row.name}|${row.kind}`);
  }
  const patents = new Map<number, string>();
  for (const row of await store.db.selectFrom('patents').select(['id', 'application_no']).execute()) {
    patents.set(row.id, row.application_no);
  }
  const result: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = (await store.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    result[table] = rows
      .map((row) => {
        const natural: Record<string, unknown> = {};
        for (const [column, value] of Object.entries(row)) {
          if (VOLATILE.has(column)) continue;
          if (COMPANY_COLUMNS.has(column) && typeof value === 'number')
            natural[column] = companies.get(value);
          else if (column === 'patent_id') natural[column] = patents.get(value as number);
          else natural[column] = value;
        }
        return JSON.stringify(natural);
      })
      .sort();
  }
  return result;
}

function patentsReport(report: ImportReport) {
  const file = report.files.find((item) => item.path === PATENTS_FILE);
  if (!file) throw new Error(`No report for ${PATENTS_FILE}`);
  return file;
}

describe('checkpoint id ranges', () => {
  it('round-trips sparse and consecutive ids', () => {
    const ids = [9, 1, 2, 3, 7, 8, 3, 20];
    expect(toRanges(ids)).toEqual([
      [1, 3],
      [7, 9],
      [20, 20],
    ]);
    expect([...fromRanges(toRanges(ids))].sort((a, b) => a - b)).toEqual([1, 2, 3, 7, 8, 9, 20]);
  });

  it('encodes no ids as no ranges', () => {
    expect(toRanges([])).toEqual([]);
  });
});

describe.each(BACKENDS)('chunked import resume ($name)', ({ open, skipReason }) => {
  let dir: string;
  const stores: TestStore[] = [];

  beforeAll(async () => {
    if (skipReason) return;
    dir = mkdtempSync(join(tmpdir(), 'exit-resume-'));
    await generateDataset({ companies: 60, seed: 3, outDir: dir });
    // A killed import stops every file after the interrupted one, but a failed file lets the run go
    // on. Interactions (ranked after patents) would then be imported before the rest of the
    // patents, and a co-application would keep its interactions-file source. Without that file the
    // two runs import the same files in the same order.
    rmSync(join(dir, 'exit_interactions.csv'));
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.dispose();
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const openStore = async () => {
    const store = await open();
    stores.push(store);
    return store;
  };

  it.skipIf(skipReason)('converges to the uninterrupted state', async () => {
    const options: ImportOptions = { logger: silentLogger(), ...CHUNKING };
    const reference = await openStore();
    const whole = await importPath(reference, dir, options);
    expect(patentsReport(whole).status).toBe('imported');

    const resumed = await openStore();
    const interrupted = await importPath(resumed, dir, {
      ...options,
      onProgress: (progress) => {
        if (progress.file === PATENTS_FILE && progress.rowsDone >= INTERRUPT_AT) {
          throw new Error('simulated interruption');
        }
      },
    });
    const failed = patentsReport(interrupted);
    expect(failed.status).toBe('failed');
    expect(failed.committedRows).toBe(300);
    const checkpoints = await resumed.db.selectFrom('import_checkpoints').selectAll().execute();
    expect(checkpoints.map((row) => row.rows_read)).toEqual([300]);

    const second = await importPath(resumed, dir, { ...options, skipImported: true });
    const finished = patentsReport(second);
    for (const file of second.files.filter((item) => item.format !== null && item.path !== PATENTS_FILE)) {
      expect(file.status, file.path).toBe('skipped');
      expect(file.skipReason, file.path).toMatch(/already imported/);
    }
    expect(finished.status).toBe('imported');
    expect(finished.resumedFromRow).toBe(300);
    expect(finished.rowsRead).toBe(patentsReport(whole).rowsRead);
    expect(finished.imported).toBe(patentsReport(whole).imported);
    expect(finished.rejected).toBe(patentsReport(whole).rejected);
    expect(second.newOrChangedPatentIds.length).toBeGreaterThanOrEqual(patentsReport(whole).imported);

    const expected = await naturalSnapshot(reference);
    const actual = await naturalSnapshot(resumed);
    // The resumed run skipped the files the interrupted one finished, so even import_runs match.
    for (const table of TABLES) expect(actual[table], table).toEqual(expected[table]);
  });

  it.skipIf(skipReason)('changes nothing when re-run after finishing', async () => {
    const options: ImportOptions = { logger: silentLogger(), ...CHUNKING };
    const store = await openStore();
    await importPath(store, dir, options);
    const before = await naturalSnapshot(store);
    const again = await importPath(store, dir, options);
    const file = patentsReport(again);
    expect(file.imported).toBe(0);
    expect(file.resumedFromRow).toBeUndefined();
    const after = await naturalSnapshot(store);
    // A re-run adds one import_runs row per file and changes nothing else.
    expect({ ...after, import_runs: [] }).toEqual({ ...before, import_runs: [] });
    expect(after.import_checkpoints).toEqual([]);
  });
});

const KIPRIS_HEADER =
  'applicant_no,Applicant,ApplicationNumber,ApplicationDate,InventionName,InternationalpatentclassificationNumber,Abstract,OpeningNumber,OpeningDate,PublicNumber,PublicDate,RegistrationNumber,RegistrationDate,RegistrationStatus,source_path';

describe.each(BACKENDS)('chunked import duplicate check ($name)', ({ open, skipReason }) => {
  it.skipIf(skipReason)('rejects a duplicate of a committed row after resuming', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exit-resume-dup-'));
    const store = await open();
    try {
      const rows = Array.from({ length: 250 }, (_, i) => {
        const number = 1020200000000 + (i === 219 ? 4 : i);
        const title = i === 219 ? '나중에 다시 나온 제목' : `시험 장치 ${i}`;
        return `,주식회사 시험${i % 7},${number},20200105,${title},G01N 33/00,,,,,,,,공개,test`;
      });
      const file = join(dir, 'patents.csv');
      writeFileSync(file, `${KIPRIS_HEADER}\n${rows.join('\n')}\n`);
      const options: ImportOptions = {
        logger: silentLogger(),
        chunkedFileMinRows: 100,
        chunkRows: 100,
        progressEvery: 50,
      };
      const interrupted = await importPath(store, file, {
        ...options,
        onProgress: (progress) => {
          if (progress.rowsDone >= 150) throw new Error('simulated interruption');
        },
      });
      expect(interrupted.files[0]?.committedRows).toBe(100);
      const resumed = await importPath(store, file, options);
      const report = resumed.files[0];
      expect(report?.resumedFromRow).toBe(100);
      expect(report?.rejected).toBe(1);
      expect(report?.rejections[0]?.reason).toBe('duplicate application number in file');
      expect(report?.rejections[0]?.lines).toEqual([221]);
      const stored = await store.db
        .selectFrom('patents')
        .select('title')
        .where('application_no', '=', '1020200000004')
        .executeTakeFirstOrThrow();
      expect(stored.title).toBe('시험 장치 4');
    } finally {
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
