import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from '../../core/logger.js';
import { CompanyResolver } from '../identity/resolver.js';
import { bumpDataVersion } from '../store/data-version.js';
import type { Database } from '../store/tables.js';
import type { FileScan } from './csv.js';
import type { FileTally } from './report.js';
import type { PlannedFile } from './row-feeder.js';
import type { FileReport, ImportContext, RunChanges } from './types.js';

/** Steps shared by files imported in one transaction and files imported in chunks. */

export function emptyReport(path: string, format: string | null, status: FileReport['status']): FileReport {
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

/** Name of a file as stored in import_runs and import_checkpoints (varchar(500)). */
export function storedFileName(path: string): string {
  // A longer path keeps its end, which names the file.
  return resolve(path).slice(-500);
}

/**
 * Records a finished file in import_runs and increments the store's data version. Call it inside
 * the transaction that commits the file's (last) rows.
 */
export async function recordRun(db: Kysely<Database>, plan: PlannedFile, scan: FileScan, tally: FileTally) {
  await bumpDataVersion(db);
  await db
    .insertInto('import_runs')
    .values({
      file_name: storedFileName(plan.path),
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

/** Throws when the format importer left rows without an outcome, which is a bug in the format. */
export function checkAccounted(plan: PlannedFile, tally: FileTally): void {
  const accounted = tally.imported + tally.updated + tally.unchanged + tally.rejected;
  if (accounted !== tally.rowsRead) {
    throw new Error(
      `Importer ${plan.format.name} accounted for ${accounted} of ${tally.rowsRead} rows (a bug)`,
    );
  }
}

export function newContext(
  db: Kysely<Database>,
  plan: PlannedFile,
  tally: FileTally,
  changes: RunChanges,
  logger: Logger,
): ImportContext {
  return {
    db,
    resolver: new CompanyResolver(db),
    tally,
    changes,
    logger,
    format: plan.format.name,
    state: new Map(),
  };
}

/** Adds a committed file's changes to the run's, following merges so no merged-away id stays listed. */
export function mergeChanges(run: RunChanges, file: RunChanges): void {
  for (const id of file.patentIds) run.patentIds.add(id);
  for (const id of file.profileCompanyIds) run.profileCompanyIds.add(id);
  for (const merge of file.merges) {
    run.merges.push(merge);
    if (run.profileCompanyIds.delete(merge.droppedId)) run.profileCompanyIds.add(merge.keptId);
  }
}
