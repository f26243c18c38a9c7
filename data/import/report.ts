import type { FileReport, ImportReport, ReasonGroup } from './types.js';

/** Line numbers and example values kept per reason; the count keeps growing past them. */
const MAX_LINES = 5;
const MAX_EXAMPLES = 3;

/** The outcome of one row: it created something, changed something, or matched what was stored. */
export type RowOutcome = 'imported' | 'updated' | 'unchanged';

class ReasonCounter {
  private readonly groups = new Map<string, ReasonGroup>();

  add(line: number, reason: string, example?: string): void {
    let group = this.groups.get(reason);
    if (!group) {
      group = { reason, count: 0, lines: [], examples: [] };
      this.groups.set(reason, group);
    }
    group.count += 1;
    if (group.lines.length < MAX_LINES) group.lines.push(line);
    if (example !== undefined && group.examples.length < MAX_EXAMPLES && !group.examples.includes(example)) {
      group.examples.push(example);
    }
  }

  list(): ReasonGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count);
  }

  restore(groups: readonly ReasonGroup[]): void {
    for (const group of groups) this.groups.set(group.reason, structuredClone(group));
  }
}

/** A FileTally as plain data, stored in an import checkpoint between chunks of a large file. */
export interface TallySnapshot {
  rowsRead: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejections: ReasonGroup[];
  warnings: ReasonGroup[];
}

/** Counts the rows of one file by outcome and groups rejections and warnings by reason. */
export class FileTally {
  rowsRead = 0;
  imported = 0;
  updated = 0;
  unchanged = 0;
  rejected = 0;
  private readonly rejections = new ReasonCounter();
  private readonly warnings = new ReasonCounter();

  /** Counts a row that was read; every read row must then get exactly one outcome or rejection. */
  read(): void {
    this.rowsRead += 1;
  }

  record(outcome: RowOutcome): void {
    this[outcome] += 1;
  }

  /** Rejects a row; `reason` is the group label, `example` the offending value. */
  reject(line: number, reason: string, example?: string): void {
    this.rejected += 1;
    this.rejections.add(line, reason, example);
  }

  /** Notes something about a row that was still imported. */
  warn(line: number, reason: string, example?: string): void {
    this.warnings.add(line, reason, example);
  }

  snapshot(): TallySnapshot {
    return {
      rowsRead: this.rowsRead,
      imported: this.imported,
      updated: this.updated,
      unchanged: this.unchanged,
      rejected: this.rejected,
      rejections: this.rejections.list(),
      warnings: this.warnings.list(),
    };
  }

  /** Rebuilds a tally from a snapshot, to continue counting a file imported in chunks. */
  static fromSnapshot(snapshot: TallySnapshot): FileTally {
    const tally = new FileTally();
    tally.rowsRead = snapshot.rowsRead;
    tally.imported = snapshot.imported;
    tally.updated = snapshot.updated;
    tally.unchanged = snapshot.unchanged;
    tally.rejected = snapshot.rejected;
    tally.rejections.restore(snapshot.rejections);
    tally.warnings.restore(snapshot.warnings);
    return tally;
  }

  toReport(base: Pick<FileReport, 'path' | 'format' | 'encoding' | 'durationMs'>): FileReport {
    return {
      ...base,
      status: 'imported',
      rowsRead: this.rowsRead,
      imported: this.imported,
      updated: this.updated,
      unchanged: this.unchanged,
      rejected: this.rejected,
      rejections: this.rejections.list(),
      warnings: this.warnings.list(),
    };
  }
}

function formatGroup(kind: string, group: ReasonGroup): string {
  const examples =
    group.examples.length > 0 ? ` e.g. ${group.examples.map((v) => JSON.stringify(v)).join(', ')}` : '';
  const more = group.count > group.lines.length ? ', ...' : '';
  return `    ${kind} ${group.count} x ${group.reason} (lines ${group.lines.join(', ')}${more})${examples}`;
}

/** Renders a report as plain text for the terminal: one block per file, then the run totals. */
export function formatImportReport(report: ImportReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.status === 'skipped') {
      lines.push(`skipped   ${file.path}: ${file.skipReason ?? 'not recognised'}`);
      continue;
    }
    const encoding = file.encoding && file.encoding !== 'utf-8' ? `, read as ${file.encoding}` : '';
    const seconds = (file.durationMs / 1000).toFixed(1);
    if (file.status === 'failed' && file.committedRows) {
      lines.push(
        `FAILED    ${file.path} [${file.format}${encoding}] after ${seconds} s; the first ${file.committedRows} rows ` +
          `were committed in chunks, the rest rolled back (re-run the import to continue): ${file.error}`,
      );
      continue;
    }
    if (file.status === 'failed') {
      lines.push(
        `FAILED    ${file.path} [${file.format}${encoding}] after ${seconds} s, rolled back: ${file.error}`,
      );
      continue;
    }
    const resumed = file.resumedFromRow ? `, resumed after row ${file.resumedFromRow}` : '';
    lines.push(
      `imported  ${file.path} [${file.format}${encoding}] ${file.rowsRead} rows: ${file.imported} new, ` +
        `${file.updated} updated, ${file.unchanged} unchanged, ${file.rejected} rejected (${seconds} s${resumed})`,
    );
    for (const group of file.rejections) lines.push(formatGroup('rejected', group));
    for (const group of file.warnings) lines.push(formatGroup('warning ', group));
  }
  const failed = report.files.filter((file) => file.status === 'failed').length;
  lines.push(
    `${report.files.length} files (${failed} failed) in ${(report.durationMs / 1000).toFixed(1)} s; ` +
      `${report.newOrChangedPatentIds.length} patents and ${report.changedProfileCompanyIds.length} company ` +
      `profiles to re-embed; ${report.mergedCompanies.length} companies merged; ${report.sectorsDerived} sectors derived.`,
  );
  return lines.join('\n');
}
