import { type CsvItem, type FileScan, readCsvRows } from './csv.js';
import type { CsvRow, FormatImporter, ImportContext, ImportOptions } from './types.js';

const DEFAULT_PROGRESS_EVERY = 5_000;
const DEFAULT_BATCH_SIZE = 200;

/** A file to import: where it is, how reports name it, and the format its header matched. */
export interface PlannedFile {
  path: string;
  shownPath: string;
  format: FormatImporter;
}

/**
 * Streams one file's rows into its format importer in batches. `feed` can be called several times
 * with a row limit, so a large file can be imported in chunks, each in its own transaction; every
 * call flushes its last partial batch, so the rows it counted are all written when it returns.
 */
export class RowFeeder {
  private readonly items: AsyncIterator<CsvItem>;
  private bytesDone = 0;
  private finished = false;

  constructor(
    private readonly plan: PlannedFile,
    private readonly scan: FileScan,
    private readonly options: ImportOptions,
  ) {
    this.items = readCsvRows(plan.path, scan.encoding, (bytes) => {
      this.bytesDone = bytes;
    });
  }

  /** True once the last row of the file has been read. */
  get done(): boolean {
    return this.finished;
  }

  /**
   * Reads past the first `count` rows (rejected ones included), which an earlier run committed.
   * Parsed rows go to the format's `replayRows`, so per-file state such as duplicate checks is the
   * same as in an uninterrupted run; nothing is written and nothing is counted.
   */
  async skip(context: ImportContext, count: number): Promise<void> {
    const replay = this.plan.format.replayRows;
    let skipped = 0;
    let batch: CsvRow[] = [];
    while (skipped < count) {
      const next = await this.items.next();
      if (next.done) {
        this.finished = true;
        break;
      }
      skipped += 1;
      if (next.value.kind === 'row' && replay) batch.push(next.value.row);
      if (batch.length >= 5_000 && replay) {
        replay(context, batch);
        batch = [];
      }
    }
    if (batch.length > 0 && replay) replay(context, batch);
  }

  /**
   * Reads up to `limit` rows and imports them through the format, counting each in the tally.
   * Returns the number of rows read; fewer than `limit` means the file has ended.
   */
  async feed(context: ImportContext, limit: number): Promise<number> {
    const { tally } = context;
    const every = this.options.progressEvery ?? DEFAULT_PROGRESS_EVERY;
    const batchSize = this.plan.format.batchSize ?? DEFAULT_BATCH_SIZE;
    let read = 0;
    let batch: CsvRow[] = [];
    while (read < limit) {
      const next = await this.items.next();
      if (next.done) {
        this.finished = true;
        break;
      }
      const item = next.value;
      read += 1;
      tally.read();
      if (item.kind === 'bad_width') {
        tally.reject(
          item.line,
          'wrong number of columns',
          `${item.found} columns, header has ${item.expected}`,
        );
      } else if (item.kind === 'unreadable') {
        tally.reject(item.line, item.reason);
      } else {
        batch.push(item.row);
      }
      if (batch.length >= batchSize) {
        await this.plan.format.importRows(context, batch);
        batch = [];
      }
      if (tally.rowsRead % every === 0) this.progress(tally.rowsRead, false);
    }
    if (batch.length > 0) await this.plan.format.importRows(context, batch);
    if (this.finished) this.progress(tally.rowsRead, true);
    return read;
  }

  /** Stops reading the file and closes it, for a file that failed part-way. */
  async close(): Promise<void> {
    await this.items.return?.(undefined);
  }

  private progress(rowsRead: number, last: boolean): void {
    this.options.onProgress?.({
      file: this.plan.shownPath,
      rowsDone: rowsRead,
      rowsTotal: last ? rowsRead : Math.max(this.scan.linesAfterHeader, rowsRead),
      bytesDone: this.bytesDone,
      bytesTotal: this.scan.bytes,
    });
  }
}
