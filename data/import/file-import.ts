import type { Logger } from '../../core/logger.js';
import type { Store } from '../store/connect.js';
import { importFileInChunks } from './chunked.js';
import { scanFile } from './csv.js';
import { checkAccounted, emptyReport, newContext, recordRun } from './file-steps.js';
import { FileTally } from './report.js';
import { type PlannedFile, RowFeeder } from './row-feeder.js';
import type { FileReport, ImportOptions, RunChanges } from './types.js';

/**
 * Files with at least this many lines are imported in chunks with a checkpoint (see chunked.ts);
 * smaller files keep the one-transaction rule. At about 2,000 patent rows a second on SQLite, a
 * file below it takes under a minute to redo after an interruption.
 */
export const CHUNKED_FILE_MIN_ROWS = 100_000;

/** The result of one file: its report and, when rows were committed, the ids they changed. */
export interface FileOutcome {
  report: FileReport;
  changes: RunChanges | null;
}

/**
 * Imports one file. Files below CHUNKED_FILE_MIN_ROWS lines (or `options.chunkedFileMinRows`) run
 * in one transaction: any error (a failing query, a lost connection, a bug, an error thrown by
 * onProgress) rolls the whole file back and is returned in the report. Larger files run in chunks
 * that each commit with a checkpoint, so a re-run continues after the last committed chunk.
 */
export async function importFile(
  store: Store,
  plan: PlannedFile,
  options: ImportOptions,
): Promise<FileOutcome> {
  const started = performance.now();
  const { format } = plan;
  const logger: Logger = options.logger.child({ file: plan.shownPath, format: format.name });
  const scan = await scanFile(plan.path);
  if (scan.encoding === 'cp949') logger.warn('File is not valid UTF-8; reading it as CP949');
  if (options.skipImported) {
    const done = await store.db
      .selectFrom('import_runs')
      .select('finished_at')
      .where('sha256', '=', scan.sha256)
      .where('format', '=', format.name)
      .orderBy('finished_at', 'desc')
      .executeTakeFirst();
    if (done) {
      logger.info({ sha256: scan.sha256, finishedAt: done.finished_at }, 'File skipped: already imported');
      const skipReason = `already imported: the same content was imported at ${done.finished_at}`;
      return {
        report: { ...emptyReport(plan.shownPath, format.name, 'skipped'), skipReason },
        changes: null,
      };
    }
  }
  if (scan.linesAfterHeader >= (options.chunkedFileMinRows ?? CHUNKED_FILE_MIN_ROWS)) {
    return importFileInChunks(store, plan, scan, options, logger);
  }
  const tally = new FileTally();
  const changes: RunChanges = { patentIds: new Set(), profileCompanyIds: new Set(), merges: [] };
  logger.info({ bytes: scan.bytes, encoding: scan.encoding }, 'Import of file started');

  const feeder = new RowFeeder(plan, scan, options);
  try {
    await store.db.transaction().execute(async (trx) => {
      const context = newContext(trx, plan, tally, changes, logger);
      await feeder.feed(context, Number.POSITIVE_INFINITY);
      checkAccounted(plan, tally);
      await recordRun(trx, plan, scan, tally);
    });
  } catch (error) {
    await feeder.close();
    const message = error instanceof Error ? error.message : String(error);
    logger.error(
      { err: error, rowsRead: tally.rowsRead },
      'Import of file failed; its transaction was rolled back',
    );
    const report: FileReport = {
      ...emptyReport(plan.shownPath, format.name, 'failed'),
      encoding: scan.encoding,
      rowsRead: tally.rowsRead,
      error: message,
      durationMs: performance.now() - started,
    };
    return { report, changes: null };
  }
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
  return { report, changes };
}
