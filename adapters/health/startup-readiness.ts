import { sql } from 'kysely';
import type { Store } from '../../data/store/connect.js';
import type { ComponentStatus, ReadinessReport } from './server.js';

/**
 * Readiness of a serve command while it starts. Each report probes the database with `select 1`,
 * and the index and models move from "starting" to "ok" or "failed" once the command has loaded the
 * engine. Any other `ReadinessSource` can replace it in the health server.
 */
export class StartupReadiness {
  private index: ComponentStatus = { state: 'starting', detail: 'loading the index' };
  private models: ComponentStatus = { state: 'starting', detail: 'loading the models' };

  constructor(private readonly store: Store) {}

  /** Records that the engine serves requests. `detail` describes what was loaded, without secrets. */
  engineReady(detail: { index: string; models: string }): void {
    this.index = { state: 'ok', detail: detail.index };
    this.models = { state: 'ok', detail: detail.models };
  }

  /** Records that loading the engine failed; the message goes to /readyz, so it must hold no secrets. */
  engineFailed(message: string): void {
    this.index = { state: 'failed', detail: message };
    this.models = { state: 'failed', detail: 'not loaded because the index failed' };
  }

  async report(): Promise<ReadinessReport> {
    return { database: await this.probeDatabase(), index: this.index, models: this.models };
  }

  private async probeDatabase(): Promise<ComponentStatus> {
    try {
      await sql`select 1`.execute(this.store.db);
      return { state: 'ok', detail: `${this.store.backend} answers` };
    } catch (error) {
      return { state: 'failed', detail: `${this.store.backend} query failed: ${(error as Error).message}` };
    }
  }
}
