import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from '../../core/logger.js';
import { CompanyResolver } from '../identity/resolver.js';
import type { Store } from '../store/connect.js';
import type { Database } from '../store/tables.js';
import { type FileScan, readCsvRows, scanFile } from './csv.js';
import { deriveSectors } from './derive-sectors.js';
import { type Detection, detectFormat } from './detect.js';
import { FileTally } from './report.js';
import type {
  CsvRow,
  FileReport,
  FormatImporter,
  ImportContext,
  ImportOptions,
  ImportReport,
  RunChanges,
} from './types.js';

const DEFAULT_PROGRESS_EVERY = 5_000;
const DEFAULT_BATCH_SIZE = 200;

/**
 * Lists the files under a folder, recursively, in name order; a file path lists itself. Links are
 * followed once (a link back to a folder already walked is skipped), and an entry that cannot be
 * inspected is listed so that its import reports why.
 */
async function listFiles(path: string, walked: Set<string> = new Set()): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const real = await realpath(path);
  if (walked.has(real)) return [];
  walked.add(real);
  const files: string[] = [];
  for (const name of (await readdir(path)).sort((a, b) => a.localeCompare(b))) {
    const child = join(path, name);
    try {
      files.push(...(await listFiles(child, walked)));
    } catch {
      files.push(child);
    }
  }
  return files;
}

/** Recognises a file, turning a read error (permissions, a broken link) into a skip reason. */
async function detect(path: string): Promise<Detection> {
  try {
    return await detectFormat(path);
  } catch (error) {
    return { ok: false, reason: `unreadable: ${(error as Error).message}` };
  }
}

function emptyReport(path: string, format: string | null, status: FileReport['status']): FileReport {
  return {
    path,
    format,
    status,
    encoding: null,
    rowsRead: 0,
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejections: [],
    warnings: [],
    durationMs: 0,
  };
}

/** Adds a committed file's changes to the run's, following merges so no merged-away id stays listed. */
function mergeChanges(run: RunChanges, file: RunChanges): void {
  for (const id of file.patentIds) run.patentIds.add(id);
  for (const id of file.profileCompanyIds) run.profileCompanyIds.add(id);
  for (const merge of file.merges) {
    run.merges.push(merge);
    if (run.profileCompanyIds.delete(merge.droppedId)) run.profileCompanyIds.add(merge.keptId);
  }
}

interface PlannedFile {
  path: string;
  shownPath: string;
  format: FormatImporter;
}

/** Reads a file's rows in batches through its format importer, reporting progress as it goes. */
async function importRows(context: ImportContext, plan: PlannedFile, scan: FileScan, options: ImportOptions) {
  const { tally } = context;
  const every = options.progressEvery ?? DEFAULT_PROGRESS_EVERY;
  const batchSize = plan.format.batchSize ?? DEFAULT_BATCH_SIZE;
  let bytesDone = 0;
  const progress = (rowsTotal: number) =>
    options.onProgress?.({
      file: plan.shownPath,
      rowsDone: tally.rowsRead,
      rowsTotal,
      bytesDone,
      bytesTotal: scan.bytes,
    });

  let batch: CsvRow[] = [];
  const onBytes = (bytes: number) => {
    bytesDone = bytes;
  };
  for await (const item of readCsvRows(plan.path, scan.encoding, onBytes)) {
    tally.read();
    if (item.kind === 'bad_width') {
      tally.reject(
        item.line,
        'wrong number of columns',
        `${item.found} columns, header has ${item.expected}`,
      );
    } else {
      batch.push(item.row);
    }
    if (batch.length >= batchSize) {
      await plan.format.importRows(context, batch);
      batch = [];
    }
    if (tally.rowsRead % every === 0) progress(Math.max(scan.linesAfterHeader, tally.rowsRead));
  }
  if (batch.length > 0) await plan.format.importRows(context, batch);
  progress(tally.rowsRead);

  const accounted = tally.imported + tally.updated + tally.unchanged + tally.rejected;
  if (accounted !== tally.rowsRead) {
    throw new Error(
      `Importer ${plan.format.name} accounted for ${accounted} of ${tally.rowsRead} rows (a bug)`,
    );
  }
}

async function recordRun(db: Kysely<Database>, plan: PlannedFile, scan: FileScan, tally: FileTally) {
  await db
    .insertInto('import_runs')
    .values({
      // The column is varchar(500); a longer path keeps its end, which names the file.
      file_name: resolve(plan.path).slice(-500),
      format: plan.format.name,
      sha256: scan.sha256,
      rows_read: tally.rowsRead,
      rows_imported: tally.imported,
      rows_updated: tally.updated,
      rows_rejected: tally.rejected,
      finished_at: new Date().toISOString(),
    })
    .execute();
}

/**
 * Imports one file in one transaction. Any error (a failing query, a lost connection, a bug, an
 * error thrown by onProgress) rolls the whole file back and is returned in the report.
 */
async function importFile(
  store: Store,
  plan: PlannedFile,
  options: ImportOptions,
  run: RunChanges,
): Promise<FileReport> {
  const started = performance.now();
  const { format } = plan;
  const logger: Logger = options.logger.child({ file: plan.shownPath, format: format.name });
  const scan = await scanFile(plan.path);
  if (scan.encoding === 'cp949') logger.warn('File is not valid UTF-8; reading it as CP949');
  const tally = new FileTally();
  const changes: RunChanges = { patentIds: new Set(), profileCompanyIds: new Set(), merges: [] };
  logger.info({ bytes: scan.bytes, encoding: scan.encoding }, 'Import of file started');

  try {
    await store.db.transaction().execute(async (trx) => {
      const context: ImportContext = {
        db: trx,
        resolver: new CompanyResolver(trx),
        tally,
        changes,
        logger,
        format: format.name,
        state: new Map(),
      };
      await importRows(context, plan, scan, options);
      await recordRun(trx, plan, scan, tally);
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error(
      { err: error, rowsRead: tally.rowsRead },
      'Import of file failed; its transaction was rolled back',
    );
    return {
      ...emptyReport(plan.shownPath, format.name, 'failed'),
      encoding: scan.encoding,
      rowsRead: tally.rowsRead,
      error: message,
      durationMs: performance.now() - started,
    };
  }
  mergeChanges(run, changes);
  const report = tally.toReport({
    path: plan.shownPath,
    format: format.name,
    encoding: scan.encoding,
    durationMs: performance.now() - started,
  });
  logger.info(
    {
      rowsRead: report.rowsRead,
      imported: report.imported,
      updated: report.updated,
      rejected: report.rejected,
    },
    'Import of file finished',
  );
  return report;
}

/**
 * Imports a CSV file, or every recognised file under a folder, into the store. Files are recognised
 * by their header and run in dependency order (company lists, then applicant-number maps, then
 * files that refer to companies, then patents), each in its own transaction. Afterwards every
 * company without an explicit sector gets one derived from its industry labels.
 */
export async function importPath(store: Store, path: string, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const root = (await stat(path)).isDirectory() ? path : null;
  const reports: FileReport[] = [];
  const planned: PlannedFile[] = [];
  for (const file of await listFiles(path)) {
    const shownPath = root ? relative(root, file) : basename(file);
    const detection = await detect(file);
    if (detection.ok) planned.push({ path: file, shownPath, format: detection.format });
    else reports.push({ ...emptyReport(shownPath, null, 'skipped'), skipReason: detection.reason });
  }
  planned.sort((a, b) => a.format.rank - b.format.rank || a.path.localeCompare(b.path));
  options.logger.info({ path, files: planned.length, skipped: reports.length }, 'Import started');

  const run: RunChanges = { patentIds: new Set(), profileCompanyIds: new Set(), merges: [] };
  for (const plan of planned) reports.push(await importFile(store, plan, options, run));
  const sectorsDerived = await deriveSectors(store.db, run);
  const report: ImportReport = {
    files: [
      ...reports.filter((r) => r.status !== 'skipped'),
      ...reports.filter((r) => r.status === 'skipped'),
    ],
    newOrChangedPatentIds: [...run.patentIds].sort((a, b) => a - b),
    changedProfileCompanyIds: [...run.profileCompanyIds].sort((a, b) => a - b),
    mergedCompanies: run.merges,
    sectorsDerived,
    durationMs: performance.now() - started,
  };
  options.logger.info(
    {
      files: planned.length,
      failed: report.files.filter((f) => f.status === 'failed').length,
      ms: report.durationMs,
    },
    'Import finished',
  );
  return report;
}
