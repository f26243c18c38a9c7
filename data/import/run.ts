import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { Store } from '../store/connect.js';
import { deriveSectors } from './derive-sectors.js';
import { type Detection, detectFormat } from './detect.js';
import { importFile } from './file-import.js';
import { emptyReport, mergeChanges } from './file-steps.js';
import type { PlannedFile } from './row-feeder.js';
import type { FileReport, ImportOptions, ImportReport, RunChanges } from './types.js';

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

/**
 * Recognises a file, turning a read error (permissions, a broken link) into a skip reason. A FIFO,
 * socket or device is skipped unread, because reading a FIFO with no writer blocks forever.
 */
async function detect(path: string): Promise<Detection> {
  try {
    if (!(await stat(path)).isFile()) return { ok: false, reason: 'not a regular file' };
    return await detectFormat(path);
  } catch (error) {
    return { ok: false, reason: `unreadable: ${(error as Error).message}` };
  }
}

/**
 * Imports a CSV file, or every recognised file under a folder, into the store. Files are recognised
 * by their header and run in dependency order (company lists, then applicant-number maps, then
 * files that refer to companies, then patents), each in its own transaction, or in checkpointed
 * chunks when it is large (see importFile). Afterwards every company without an explicit sector
 * gets one derived from its industry labels.
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
  for (const plan of planned) {
    const outcome = await importFile(store, plan, options);
    reports.push(outcome.report);
    if (outcome.changes) mergeChanges(run, outcome.changes);
  }
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
