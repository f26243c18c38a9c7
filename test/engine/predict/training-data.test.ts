import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { indexDir, PATENT_INDEX_NAME, readManifest } from '../../../engine/indexing/artifacts.js';
import {
  exportTrainingData,
  TRAINING_DATA_SCHEMA,
  TRAINING_DATA_SCHEMA_VERSION,
} from '../../../engine/predict/training-data.js';
import { VectorIndex } from '../../../engine/retrieve/vector-index.js';
import { createDemoFixture, type DemoFixture } from '../../support/demo-fixture.js';

describe('exportTrainingData', () => {
  let fixture: DemoFixture;
  let outDir: string;

  beforeAll(async () => {
    fixture = await createDemoFixture();
    outDir = mkdtempSync(join(tmpdir(), 'exit-training-'));
  }, 120_000);

  afterAll(async () => {
    await fixture?.dispose();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('writes sequences in filing order with the index vectors', async () => {
    const summary = await exportTrainingData(fixture.store, {
      dataDir: fixture.dataDir,
      outDir,
      logger: silentLogger(),
    });
    const table = tableFromIPC(readFileSync(summary.path));
    const manifest = readManifest(indexDir(fixture.dataDir));
    expect(table.schema.metadata.get('exit.schema')).toBe(TRAINING_DATA_SCHEMA);
    expect(table.schema.metadata.get('exit.schema_version')).toBe(String(TRAINING_DATA_SCHEMA_VERSION));
    expect(table.schema.metadata.get('exit.space_id')).toBe(manifest.spaceId);
    expect(table.schema.metadata.get('exit.dimension')).toBe(String(manifest.dimension));
    expect(table.numRows).toBe(summary.rows);
    expect(summary.rows).toBeGreaterThan(0);

    const companies = table.getChild('company_id')?.toArray() as Int32Array;
    const positions = table.getChild('position')?.toArray() as Int32Array;
    const patents = table.getChild('patent_id')?.toArray() as Int32Array;
    const dates = table.getChild('filing_date')?.toArray() as (string | null)[];
    const vectors = table.getChild('vector');
    const index = VectorIndex.load(indexDir(fixture.dataDir), PATENT_INDEX_NAME);
    for (let row = 1; row < table.numRows; row++) {
      const sameCompany = companies[row] === companies[row - 1];
      expect(companies[row] as number).toBeGreaterThanOrEqual(companies[row - 1] as number);
      expect(positions[row]).toBe(sameCompany ? (positions[row - 1] as number) + 1 : 0);
      if (sameCompany && dates[row] && dates[row - 1]) {
        expect((dates[row] as string) >= (dates[row - 1] as string)).toBe(true);
      }
    }
    expect(new Set(companies).size).toBe(summary.companies);
    for (const row of [0, Math.floor(table.numRows / 2), table.numRows - 1]) {
      const stored = Float32Array.from(vectors?.get(row) as Iterable<number>);
      expect(stored).toHaveLength(manifest.dimension);
      expect(Array.from(stored)).toEqual(Array.from(index.getVector(patents[row] as number)));
    }
  });
});
