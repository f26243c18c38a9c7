/**
 * Bounds how many searches run at once; the rest wait in arrival order. A search blocks the event
 * loop during its CPU-bound steps, and with better-sqlite3 its queries are synchronous too, so each
 * search starts only after the event loop has polled for I/O. That lets the acknowledgements of
 * newly arrived commands go out between searches instead of after the whole burst.
 */
export class SearchQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`SearchQueue limit must be a positive integer, got ${limit}`);
  }

  /** Searches waiting for a free slot. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Runs `task` when a slot is free. `onQueued` gets the position when it has to wait. */
  async run<T>(task: () => Promise<T>, onQueued?: (position: number) => void): Promise<T> {
    if (this.running >= this.limit) {
      const position = this.waiting.length + 1;
      const turn = new Promise<void>((resolve) => this.waiting.push(resolve));
      onQueued?.(position);
      await turn;
    } else {
      this.running++;
    }
    try {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next task, so `running` only drops when no task waits.
      if (next) next();
      else this.running--;
    }
  }
}
