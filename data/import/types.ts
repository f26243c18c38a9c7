import type { Kysely } from 'kysely';
import type { Logger } from '../../core/logger.js';
import type { CompanyResolver } from '../identity/resolver.js';
import type { Database } from '../store/tables.js';
import type { FileTally } from './report.js';

/** Text encoding a file was read with. CP949 is the fallback for files that are not valid UTF-8. */
export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'cp949';

/** Rejections or warnings that share one reason, with the first few file line numbers and values. */
export interface ReasonGroup {
  reason: string;
  count: number;
  /** File line numbers (1 is the header) of the first rows with this reason. */
  lines: number[];
  /** The first few distinct offending values, such as the ambiguous applicant name. */
  examples: string[];
}

/** Outcome of one file. rowsRead = imported + updated + unchanged + rejected for imported files. */
export interface FileReport {
  path: string;
  /** Recognised format name, or null when the file was skipped as unrecognised. */
  format: string | null;
  status: 'imported' | 'failed' | 'skipped';
  encoding: FileEncoding | null;
  rowsRead: number;
  /** Rows that created at least one new record. */
  imported: number;
  /** Rows that changed existing records only. */
  updated: number;
  unchanged: number;
  rejected: number;
  rejections: ReasonGroup[];
  /** Rows that were imported but carry something worth checking, such as an ambiguous applicant name. */
  warnings: ReasonGroup[];
  /** Reason the file was skipped. */
  skipReason?: string;
  /**
   * Error that failed the file. Its transaction was rolled back, so none of its rows are in the
   * store, except for a file imported in chunks: its committed chunks stay (see committedRows).
   */
  error?: string;
  /** For a large file imported in chunks that failed: rows committed before the error; a re-run continues after them. */
  committedRows?: number;
  /** For a large file whose earlier import was interrupted: rows that import had committed, skipped this time. */
  resumedFromRow?: number;
  durationMs: number;
}

/** A company that a row proved identical to an older one and that was merged into it. */
export interface CompanyMerge {
  keptId: number;
  droppedId: number;
}

export interface ImportReport {
  files: FileReport[];
  /** Patents created, or whose title or abstract changed: the ones to (re-)embed. */
  newOrChangedPatentIds: number[];
  /** Companies whose products, overview, themes or sector changed: the ones to re-embed. */
  changedProfileCompanyIds: number[];
  /** Companies merged away during the run; their ids no longer exist. */
  mergedCompanies: CompanyMerge[];
  /** Number of companies whose derived sector was set or changed after the files were imported. */
  sectorsDerived: number;
  durationMs: number;
}

export interface ImportProgress {
  file: string;
  rowsDone: number;
  /**
   * Estimated from the file's line count, which overcounts when quoted fields span lines, and exact
   * in the last call for a file.
   */
  rowsTotal?: number;
  /** Bytes of the file parsed so far and its size, for a progress bar. */
  bytesDone: number;
  bytesTotal: number;
}

export interface ImportOptions {
  logger: Logger;
  /** Called every `progressEvery` rows and at the end of each file. An error it throws fails the file. */
  onProgress?: (progress: ImportProgress) => void;
  /** Rows between progress calls; defaults to 5,000. */
  progressEvery?: number;
  /** Files with at least this many lines are imported in checkpointed chunks; defaults to 100,000. */
  chunkedFileMinRows?: number;
  /** Rows per committed chunk of a large file; defaults to 20,000. */
  chunkRows?: number;
  /**
   * Skip files whose content (sha256) and format were imported completely before, as recorded in
   * import_runs, so that a re-run after an interruption continues with the unfinished files
   * instead of reading the finished ones again. Off by default: a plain re-run re-applies every file.
   */
  skipImported?: boolean;
}

/** One parsed CSV record with its file line number. Values are keyed by the trimmed header cell. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/** State shared by the files of one run; each file's additions are merged in when its transaction commits. */
export interface RunChanges {
  patentIds: Set<number>;
  profileCompanyIds: Set<number>;
  merges: CompanyMerge[];
}

/**
 * State a format importer works with while one file's transaction is open. For a file imported in
 * chunks, `db`, `resolver` and `changes` are replaced for each chunk and `state` is kept.
 */
export interface ImportContext {
  /** The file's transaction: every query of the file goes through it. */
  db: Kysely<Database>;
  resolver: CompanyResolver;
  tally: FileTally;
  /** This file's changes, added to the run's when the file commits. */
  changes: RunChanges;
  logger: Logger;
  format: string;
  /** Per-file scratch space for formats that keep caches or duplicate checks across batches. */
  state: Map<string, unknown>;
}

/** A recognised file format: how to spot it and how to import its rows. */
export interface FormatImporter {
  name: string;
  /** Header cells that must all be present (trimmed; the empty string is an unnamed R row-name column). */
  columns: readonly string[];
  /** Extra check on the first data row, for formats that share a header. */
  matchesFirstRow?: (row: Record<string, string> | undefined) => boolean;
  /**
   * Position in the dependency order. Company lists (10-29) come before key maps (30-39), which come
   * before files that refer to companies (40-59). Series that depend on nothing come last (60+).
   */
  rank: number;
  /** Rows handed to importRows at once; larger batches mean fewer queries for big files. */
  batchSize?: number;
  importRows(context: ImportContext, rows: CsvRow[]): Promise<void>;
  /**
   * Rebuilds per-file state in `context.state` from rows an interrupted import already committed,
   * without writing or counting them, so that a resumed file checks later rows as an uninterrupted
   * import would (for example duplicate application numbers). Formats without such state omit it.
   */
  replayRows?(context: ImportContext, rows: CsvRow[]): void;
}
