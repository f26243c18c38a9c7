import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Field,
  FixedSizeList,
  Float32,
  Int32,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import type { Logger } from '../../core/logger.js';
import type { Store } from '../../data/store/connect.js';
import { indexDir, PATENT_INDEX_NAME, readManifest } from '../indexing/artifacts.js';
import { VectorIndex } from '../retrieve/vector-index.js';

/**
 * Training data for the next-patent model: every company's indexed patent vectors in filing order,
 * written as one Apache Arrow IPC file that PyTorch training reads with pyarrow. The layout is
 * documented in models/README.md; bump the version whenever a column or its meaning changes.
 */
export const TRAINING_DATA_SCHEMA = 'exit.patent-sequences';
export const TRAINING_DATA_SCHEMA_VERSION = 1;
export const TRAINING_DATA_FILE = 'patent-sequences.arrow';

export interface TrainingDataSummary {
  path: string;
  companies: number;
  rows: number;
  spaceId: string;
  dimension: number;
}

interface OwnedPatent {
  companyId: number;
  patentId: number;
  applicationNo: string;
  filingDate: string | null;
}

/** Lists (company, patent) pairs ordered by company, then filing date, then application number. */
async function ownedPatentsInFilingOrder(store: Store): Promise<OwnedPatent[]> {
  const rows = await store.db
    .selectFrom('patent_applicants')
    .innerJoin('patents', 'patents.id', 'patent_applicants.patent_id')
    .select(['patent_applicants.company_id', 'patents.id', 'patents.application_no', 'patents.filing_date'])
    .where('patent_applicants.company_id', 'is not', null)
    .orderBy('patent_applicants.company_id')
    .orderBy('patents.filing_date')
    .orderBy('patents.application_no')
    .execute();
  const seen = new Set<string>();
  const result: OwnedPatent[] = [];
  for (const row of rows) {
    const key = `${row.company_id}:${row.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({
      companyId: row.company_id as number,
      patentId: row.id,
      applicationNo: row.application_no,
      filingDate: row.filing_date,
    });
  }
  return result;
}

/**
 * Writes `<outDir>/patent-sequences.arrow` from the store and the built index in `dataDir`.
 * Patents missing from the index are left out, so the vectors are exactly what the engine serves.
 * The file is written under a temporary name and renamed, so a reader never sees half a file.
 */
export async function exportTrainingData(
  store: Store,
  options: { dataDir: string; outDir: string; logger: Logger },
): Promise<TrainingDataSummary> {
  const dir = indexDir(options.dataDir);
  const manifest = readManifest(dir);
  const index = VectorIndex.load(dir, PATENT_INDEX_NAME, {
    expectedSpaceId: manifest.spaceId,
    expectedDimension: manifest.dimension,
  });
  const owned = (await ownedPatentsInFilingOrder(store)).filter((row) => index.has(row.patentId));
  const dimension = manifest.dimension;
  const vectors = new Float32Array(owned.length * dimension);
  const positions = new Int32Array(owned.length);
  let previousCompany = -1;
  let position = 0;
  owned.forEach((row, i) => {
    position = row.companyId === previousCompany ? position + 1 : 0;
    previousCompany = row.companyId;
    positions[i] = position;
    vectors.set(index.getVector(row.patentId), i * dimension);
  });

  const vectorType = new FixedSizeList(dimension, new Field('value', new Float32(), false));
  const fields = [
    new Field('company_id', new Int32(), false),
    new Field('position', new Int32(), false),
    new Field('patent_id', new Int32(), false),
    new Field('application_no', new Utf8(), false),
    new Field('filing_date', new Utf8(), true),
    new Field('vector', vectorType, false),
  ];
  const metadata = new Map([
    ['exit.schema', TRAINING_DATA_SCHEMA],
    ['exit.schema_version', String(TRAINING_DATA_SCHEMA_VERSION)],
    ['exit.space_id', manifest.spaceId],
    ['exit.dimension', String(dimension)],
    ['exit.embedder', `${manifest.embedder.id}@${manifest.embedder.version}`],
  ]);
  const schema = new Schema(fields, metadata);
  const columns = [
    makeVector(Int32Array.from(owned, (row) => row.companyId)),
    makeVector(positions),
    makeVector(Int32Array.from(owned, (row) => row.patentId)),
    vectorFromArray(
      owned.map((row) => row.applicationNo),
      new Utf8(),
    ),
    vectorFromArray(
      owned.map((row) => row.filingDate),
      new Utf8(),
    ),
    makeVector(
      makeData({
        type: vectorType,
        length: owned.length,
        nullCount: 0,
        child: makeData({ type: new Float32(), length: vectors.length, data: vectors }),
      }),
    ),
  ];
  const struct = makeData({
    type: new Struct(fields),
    length: owned.length,
    nullCount: 0,
    children: columns.map((column) => column.data[0] as never),
  });
  const table = new Table(schema, [new RecordBatch(schema, struct)]);

  mkdirSync(options.outDir, { recursive: true });
  const path = join(options.outDir, TRAINING_DATA_FILE);
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, tableToIPC(table, 'file'));
  renameSync(temporary, path);
  const companies = new Set(owned.map((row) => row.companyId)).size;
  options.logger.info(
    { path, companies, rows: owned.length, spaceId: manifest.spaceId },
    'Training data exported',
  );
  return { path, companies, rows: owned.length, spaceId: manifest.spaceId, dimension };
}
