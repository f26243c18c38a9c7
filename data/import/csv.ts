import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { CsvRow, FileEncoding } from './types.js';

/** Bytes read to recognise a file: enough for a header and a first row with a long abstract. */
const SNIFF_BYTES = 256 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** The SHA-256 of a file and the encoding its whole content decodes with. */
export interface FileScan {
  sha256: string;
  encoding: FileEncoding;
  bytes: number;
  /** Lines after the header: the row count unless quoted fields span lines or lines are empty. */
  linesAfterHeader: number;
}

/**
 * Reads a file once to hash it and to check that all of it is valid UTF-8. A file that is not is
 * taken to be CP949, the Windows code page in which Korean Excel saves CSV files.
 */
export async function scanFile(path: string): Promise<FileScan> {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let valid = true;
  let first = true;
  let bom = false;
  let bytes = 0;
  let newlines = 0;
  let lastByte = -1;

  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    if (first) {
      bom = hasUtf8Bom(buffer);
      first = false;
    }
    hash.update(buffer);
    bytes += buffer.length;
    for (let index = buffer.indexOf(10); index !== -1; index = buffer.indexOf(10, index + 1)) newlines += 1;
    if (buffer.length > 0) lastByte = buffer[buffer.length - 1] as number;

    if (!valid) continue;
    try {
      decoder.decode(buffer, { stream: true });
    } catch {
      valid = false;
    }
  }

  if (valid) {
    try {
      decoder.decode();
    } catch {
      valid = false;
    }
  }

  let encoding: FileEncoding = 'cp949';
  if (valid) encoding = bom ? 'utf-8-bom' : 'utf-8';
  const lines = newlines + (lastByte !== -1 && lastByte !== 10 ? 1 : 0);
  return { sha256: hash.digest('hex'), encoding, bytes, linesAfterHeader: Math.max(0, lines - 1) };
}

/** Reads the first bytes of a file, decoded as UTF-8 when they are valid UTF-8 and as CP949 otherwise. */
async function readHead(path: string): Promise<{ text: string; binary: boolean; truncated: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const binary = head.includes(0);
    let text: string;
    try {
      // stream: true tolerates a multi-byte character cut at the end of the sample.
      text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    } catch {
      text = iconv.decode(head, 'cp949');
    }
    return { text: text.replace(/^\uFEFF/, ''), binary, truncated: bytesRead === SNIFF_BYTES };
  } finally {
    await handle.close();
  }
}

/** The header cells (trimmed) and the first data row of a file, or why it cannot be read as CSV. */
export type CsvHead =
  | { ok: true; header: string[]; firstRow: Record<string, string> | undefined }
  | { ok: false; reason: string };

/** Reads the header and first data row from the start of a file, for format recognition. */
export async function readCsvHead(path: string): Promise<CsvHead> {
  const { text, binary, truncated } = await readHead(path);
  if (binary) return { ok: false, reason: 'binary file (contains NUL bytes), not CSV' };
  if (text.trim() === '') return { ok: false, reason: 'empty file' };
  // Parse whole lines only, so a sample cut inside a quoted field does not look like a quoting error.
  const sample = truncated ? text.slice(0, Math.max(text.lastIndexOf('\n'), 0)) : text;
  const records: string[][] = [];
  // A first row cut inside a quoted field is dropped, so the file is still recognised by its header.
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    to: 2,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      parser.on('readable', () => {
        let record: string[] | null = parser.read();
        while (record !== null) {
          records.push(record);
          record = parser.read();
        }
      });
      parser.on('error', reject);
      parser.on('end', () => resolve());
      parser.end(sample);
    });
  } catch (error) {
    return { ok: false, reason: `not readable as CSV: ${(error as Error).message}` };
  }
  const [headerRecord, firstRecord] = records;
  if (!headerRecord) return { ok: false, reason: 'no header line' };
  const header = headerRecord.map((cell) => cell.trim());
  return { ok: true, header, firstRow: firstRecord ? toValues(header, firstRecord) : undefined };
}

function toValues(header: readonly string[], record: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  header.forEach((name, index) => {
    values[name] = record[index] ?? '';
  });
  return values;
}

function countLineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/**
 * A data row, a row whose column count differs from the header's, or a row the CSV parser could not
 * read (a quoted field still open at the end of the file, as in a file cut short).
 */
export type CsvItem =
  | { kind: 'row'; row: CsvRow }
  | { kind: 'bad_width'; line: number; found: number; expected: number }
  | { kind: 'unreadable'; line: number; reason: string };

/** Streams the data rows of a file after its header, with their starting line numbers. */
export async function* readCsvRows(
  path: string,
  encoding: FileEncoding,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<CsvItem> {
  const file = createReadStream(path);
  let bytesRead = 0;
  file.on('data', (chunk) => {
    bytesRead += chunk.length;
    onBytes?.(bytesRead);
  });
  // csv-parse works on bytes, so UTF-8 characters split across chunks are safe; CP949 is decoded first.
  const text: NodeJS.ReadableStream = encoding === 'cp949' ? file.pipe(iconv.decodeStream('cp949')) : file;
  // A parse error drops its record instead of failing the stream, so the rows before it are kept and
  // the broken one is reported after them. With relax_quotes and relax_column_count the only error
  // left is a quoted field still open at the end of the file (csv-parse 7.0).
  const parseErrors: { code: string; emptyLines: number }[] = [];
  const parser = text.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        const { code, empty_lines } = error as unknown as { code: string; empty_lines?: number };
        parseErrors.push({ code, emptyLines: empty_lines ?? 0 });
      },
    }),
  );
  let header: string[] | null = null;
  // csv-parse's info.lines counts a CRLF inside a quoted field as two lines (csv-parse 7.0), so line
  // numbers are counted here: each record takes one line plus the line breaks inside its fields.
  let nextLine = 1;
  let previousEmptyLines = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { empty_lines: number } }>) {
      const { record, info } = item;
      const line = nextLine + (info.empty_lines - previousEmptyLines);
      previousEmptyLines = info.empty_lines;
      nextLine = line + 1 + record.reduce((breaks, field) => breaks + countLineBreaks(field), 0);
      if (!header) {
        header = record.map((cell) => cell.trim());
        continue;
      }
      if (record.length !== header.length) {
        yield { kind: 'bad_width', line, found: record.length, expected: header.length };
        continue;
      }
      yield { kind: 'row', row: { line, values: toValues(header, record) } };
    }
    for (const error of parseErrors) {
      const line = nextLine + (error.emptyLines - previousEmptyLines);
      const reason =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'unclosed quoted field: the row runs to the end of the file (is the file cut short?)'
          : `unreadable CSV row (${error.code})`;
      yield { kind: 'unreadable', line, reason };
    }
  } finally {
    file.destroy();
  }
}
