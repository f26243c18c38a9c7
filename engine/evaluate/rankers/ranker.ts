/** A way to rank candidate partners for a company, evaluated on the same split as every other. */
export interface PartnerRanker {
  /** Stable id used in the JSON report, e.g. 'ipc-overlap'. */
  readonly id: string;
  /** One line for the table: what the method ranks by. */
  readonly label: string;
  /** Candidate company ids, best first, at most `limit`, never `companyId` or one in `exclude`. */
  rank(companyId: number, limit: number, exclude: ReadonlySet<number>): Promise<number[]>;
}

/** Appends ids from `source` to `out` until it holds `limit`, skipping excluded and repeated ids. */
export function fillRanking(
  out: number[],
  source: Iterable<number>,
  limit: number,
  skip: (id: number) => boolean,
): void {
  for (const id of source) {
    if (out.length >= limit) return;
    if (skip(id) || out.includes(id)) continue;
    out.push(id);
  }
}
