import type { Logger } from '../../core/logger.js';
import { CompanyResolver } from '../identity/resolver.js';
import type { Store } from '../store/connect.js';
import { deleteCheckpoint, dropStaleCheckpoints, readCheckpoint, writeCheckpoint } from './checkpoint.js';
import type { FileScan } from './csv.js';
import type { FileOutcome } from './file-import.js';
import {
  checkAccounted,
  emptyReport,
  mergeChanges,
  newContext,
  recordRun,
  storedFileName,
} from './file-steps.js';
import { FileTally } from './report.js';
import { type PlannedFile, RowFeeder } from './row-feeder.js';
import type { FileReport, ImportOptions, RunChanges } from './types.js';

/** Rows committed per chunk: about ten seconds of patent rows on SQLite, so a kill loses little. */
export const DEFAULT_CHUNK_ROWS = 20_000;

function emptyChanges(): RunChanges {
  return { patentIds: new Set(), profileCompanyIds: new Set(), merges: [] };
}

/** The file's committed changes plus the open chunk's, without copying the large sets. */
function unionView(committed: RunChanges, chunk: RunChanges): RunChanges {
  const union = emptyChanges();
  mergeChanges(union, committed);
  mergeChanges(union, chunk);
  return union;
}

/**
 * Imports a large file in chunks of `options.chunkRows` rows. Each chunk commits in its own
 * transaction together with a checkpoint (rows read, counts, changed ids) keyed by the file's
 * sha256 and format. A re-run of the same content reads past the committed rows and continues, so
 * an interrupted import converges to the state of an uninterrupted one. An error rolls back the
 * open chunk only: the committed chunks stay, and the report says how many rows they hold.
 */
export async function importFileInChunks(
  store: Store,
  plan: PlannedFile,
  scan: FileScan,
  options: ImportOptions,
  logger: Logger,
): Promise<FileOutcome> {
  const started = performance.now();
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const key = { sha256: scan.sha256, format: plan.format.name, fileName: storedFileName(plan.path) };
  const stale = await dropStaleCheckpoints(store.db, key.fileName, key.sha256);
  if (stale > 0) {
    logger.warn(
      { checkpoints: stale },
      'The file changed since an interrupted import; importing the new content from its first row',
    );
  }
  const checkpoint = await readCheckpoint(store.db, key.sha256, key.format);
  const tally = checkpoint?.tally ?? new FileTally();
  const committed = checkpoint?.changes ?? emptyChanges();
  const resumedFromRow = checkpoint?.rowsRead ?? 0;
  logger.info(
    { bytes: scan.bytes, encoding: scan.encoding, chunkRows, resumedFromRow },
    checkpoint ? 'Import of file resumed after its checkpoint' : 'Import of file started in chunks',
  );

  const feeder = new RowFeeder(plan, scan, options);
  const context = newContext(store.db, plan, tally, emptyChanges(), logger);
  let committedRows = resumedFromRow;
  let committedTally = tally.snapshot();
  try {
    if (resumedFromRow > 0) await feeder.skip(context, resumedFromRow);
    do {
      context.changes = emptyChanges();
      await store.db.transaction().execute(async (trx) => {
        // Per-file caches in context.state stay valid across chunks: they hold committed rows only.
        context.db = trx;
        context.resolver = new CompanyResolver(trx);
        await feeder.feed(context, chunkRows);
        if (feeder.done) {
          checkAccounted(plan, tally);
          await recordRun(trx, plan, scan, tally);
          await deleteCheckpoint(trx, key.sha256, key.format);
        } else {
          await writeCheckpoint(trx, key, tally, unionView(committed, context.changes));
        }
      });
      mergeChanges(committed, context.changes);
      committedRows = tally.rowsRead;
      committedTally = tally.snapshot();
      logger.debug({ rowsCommitted: committedRows }, 'Chunk committed');
    } while (!feeder.done);
  } catch (error) {
    await feeder.close();
    const message = error instanceof Error ? error.message : String(error);
    logger.error(
      { err: error, rowsCommitted: committedRows },
      'Import of file failed; the open chunk was rolled back and the committed chunks stay',
    );
    const report: FileReport = {
      ...emptyReport(plan.shownPath, plan.format.name, 'failed'),
      encoding: scan.encoding,
      rowsRead: committedTally.rowsRead,
      error: message,
      committedRows,
      durationMs: performance.now() - started,
    };
    if (resumedFromRow > 0) report.resumedFromRow = resumedFromRow;
    return { report, changes: committed };
  }
  const report = tally.toReport({
    path: plan.shownPath,
    format: plan.format.name,
    encoding: scan.encoding,
    durationMs: performance.now() - started,
  });
  if (resumedFromRow > 0) report.resumedFromRow = resumedFromRow;
  logger.info(
    { rowsRead: report.rowsRead, imported: report.imported, updated: report.updated, resumedFromRow },
    'Import of file finished',
  );
  return { report, changes: committed };
}
