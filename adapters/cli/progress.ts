import { Presets, SingleBar } from 'cli-progress';

/**
 * A progress bar on stderr for long jobs (import, index build, generate), so stdout stays clean for
 * results. When stderr is not a terminal it prints a plain line every few seconds instead.
 */
export class StageProgress {
  private bar: SingleBar | null = null;
  private stage = '';
  private lastPlainLine = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(stage: string, done: number, total: number): void {
    if (!this.stream.isTTY) {
      const now = Date.now();
      if (stage !== this.stage || now - this.lastPlainLine > 5000 || done === total) {
        this.stream.write(
          `${stage}: ${done.toLocaleString('en-US')}${total ? ` / ${total.toLocaleString('en-US')}` : ''}\n`,
        );
        this.lastPlainLine = now;
        this.stage = stage;
      }
      return;
    }
    if (stage !== this.stage) {
      this.stop();
      this.stage = stage;
      this.bar = new SingleBar(
        {
          format: `${stage.padEnd(16)} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
          stream: this.stream,
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      this.bar.start(Math.max(total, 1), done);
      return;
    }
    this.bar?.setTotal(Math.max(total, 1));
    this.bar?.update(done);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
