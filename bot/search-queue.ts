/**
 * Bounds how many searches run at once. A search holds the event loop for its CPU-bound steps, so
 * a burst of commands is served a few at a time instead of all slowing down together; the rest
 * wait in arrival order.
 */
export class SearchQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`SearchQueue limit must be a positive integer, got ${limit}`);
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
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next task, so `running` only drops when nobody waits.
      if (next) next();
      else this.running--;
    }
  }
}
