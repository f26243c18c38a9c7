/** The reply to a new command that arrives while the bot drains before a restart. */
export const RESTARTING_TEXT = 'EXIT is restarting. Please try again in a minute.';

/** Outcome of a drain: whether all tracked work settled in time, and how much was still running. */
export interface DrainResult {
  completed: boolean;
  remaining: number;
}

/**
 * Tracks in-flight chat work (a command's search and the posting of its answer) so that a shutdown
 * can wait for it. After `drain` starts, `draining` is true and adapters answer new commands with
 * RESTARTING_TEXT instead of starting work that the process would cut off.
 */
export class ShutdownDrain {
  private readonly active = new Set<Promise<unknown>>();
  private isDraining = false;

  get draining(): boolean {
    return this.isDraining;
  }

  /** Tracked work that has not settled yet. */
  get activeCount(): number {
    return this.active.size;
  }

  /** Runs `work` and tracks it until it settles; its result or error passes through unchanged. */
  track<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.active.add(settled);
    void settled.then(() => this.active.delete(settled));
    return running;
  }

  /**
   * Stops new work (`draining` becomes true) and waits until the tracked work settles or `graceMs`
   * pass, whichever comes first. Work tracked during the drain is waited for too.
   */
  async drain(graceMs: number): Promise<DrainResult> {
    this.isDraining = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    try {
      while (this.active.size > 0) {
        const outcome = await Promise.race([Promise.all([...this.active]), deadline]);
        if (outcome === 'timeout') return { completed: false, remaining: this.active.size };
      }
      return { completed: true, remaining: 0 };
    } finally {
      clearTimeout(timer);
    }
  }
}
