/**
 * Buffered CSV file writer with back-pressure, so that a million-row file streams to disk in bounded
 * memory. Quoting follows the tool that wrote each real file. `minimal` quotes only the fields that
 * need it, as Python's csv module, pandas and MySQL exports do. `r` quotes every string and leaves
 * numbers and NA bare, as R's write.csv does.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

export type CsvQuoting = 'minimal' | 'r';

export interface CsvFileOptions {
  quoting?: CsvQuoting;
  /** Record delimiter; each generated file uses the one its real counterpart uses. */
  eol?: '\n' | '\r\n';
}

/** A cell value: strings, finite numbers, or null for a missing value (written NA in R style, empty otherwise). */
export type Cell = string | number | null;

const ROWS_PER_CHUNK = 2000;

export class CsvFileWriter {
  private rows: Cell[][] = [];
  private readonly stream: WriteStream;
  private readonly options: Parameters<typeof stringify>[1];
  private rowCount = 0;

  private constructor(
    readonly path: string,
    options: CsvFileOptions,
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    const rStyle = options.quoting === 'r';
    this.options = {
      record_delimiter: options.eol === '\r\n' ? 'windows' : 'unix',
      quoted_string: rStyle,
      cast: {
        null: () => (rStyle ? { value: 'NA', quoted: false, quoted_string: false } : ''),
        number: (value: number) => {
          if (!Number.isFinite(value)) throw new Error(`Non-finite number ${value} written to ${path}`);
          return String(value);
        },
      },
    };
  }

  /** Opens the file and writes the header line. */
  static async open(
    path: string,
    header: readonly string[],
    options: CsvFileOptions = {},
  ): Promise<CsvFileWriter> {
    const writer = new CsvFileWriter(path, options);
    await once(writer.stream, 'open');
    writer.rows.push([...header]);
    return writer;
  }

  /** Data rows written so far, header excluded. */
  get rowsWritten(): number {
    return this.rowCount;
  }

  /** Queues one row, and returns a promise for the caller to await when the queued rows are being flushed. */
  write(row: Cell[]): Promise<void> | undefined {
    this.rows.push(row);
    this.rowCount++;
    if (this.rows.length >= ROWS_PER_CHUNK) return this.flush();
    return undefined;
  }

  private async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const text = stringify(this.rows, this.options);
    this.rows = [];
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  /** Flushes the remaining rows and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

/** Writes a whole small table at once. */
export async function writeCsv(
  path: string,
  header: readonly string[],
  rows: Iterable<Cell[]>,
  options: CsvFileOptions = {},
): Promise<number> {
  const writer = await CsvFileWriter.open(path, header, options);
  for (const row of rows) await writer.write(row);
  await writer.close();
  return writer.rowsWritten;
}

/** Formats a number with at most `digits` decimals and no trailing zeros (`483.4`, `466`). */
export function trimmedDecimal(value: number, digits: number): string {
  const rounded = Number(value.toFixed(digits));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
