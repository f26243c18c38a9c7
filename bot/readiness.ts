import { ExitError, isExitError } from '../core/errors.js';

/**
 * What a chat bot depends on, and whether each part works: the database, the search index and the
 * models that rank partners. Health endpoints read `status()`, and requests that arrive while a
 * part is down get `unavailableError()`.
 */

export type ComponentName = 'database' | 'index' | 'models';
export type ComponentState = 'ok' | 'starting' | 'failed';

export interface ComponentStatus {
  state: ComponentState;
  /** One line for operators: the location, the index size or the failure. Never a password. */
  detail: string;
  /** ISO time of the last state change. */
  since: string;
}

export interface ReadinessStatus {
  /** True when every component is ok. */
  ready: boolean;
  components: Record<ComponentName, ComponentStatus>;
}

const COMPONENTS: ComponentName[] = ['database', 'index', 'models'];

export class Readiness {
  private readonly components = new Map<ComponentName, ComponentStatus>();
  /** The error behind each failed component, passed on to requests. */
  private readonly errors = new Map<ComponentName, unknown>();

  constructor(private readonly now: () => Date = () => new Date()) {
    for (const name of COMPONENTS) this.components.set(name, this.entry('starting', 'not checked yet'));
  }

  /** Records a component's state. Detail strings must not contain secrets. */
  set(name: ComponentName, state: ComponentState, detail: string, error?: unknown): void {
    const current = this.components.get(name);
    const since = current && current.state === state ? current.since : this.now().toISOString();
    this.components.set(name, { state, detail, since });
    if (state === 'failed') this.errors.set(name, error);
    else this.errors.delete(name);
  }

  get(name: ComponentName): ComponentStatus {
    return this.components.get(name) as ComponentStatus;
  }

  status(): ReadinessStatus {
    const components = Object.fromEntries(COMPONENTS.map((name) => [name, { ...this.get(name) }])) as Record<
      ComponentName,
      ComponentStatus
    >;
    return { ready: COMPONENTS.every((name) => components[name].state === 'ok'), components };
  }

  /**
   * Returns the error a request gets while the bot cannot serve it, or null when it can.
   * A database that is down gives DATA_STORE_UNAVAILABLE, an index or model still loading gives
   * ENGINE_UNAVAILABLE with reason 'engine_starting', and an index that failed to load gives its
   * own error (INDEX_MISSING, for example), which names what the operator must rebuild.
   */
  unavailableError(): ExitError | null {
    const database = this.get('database');
    if (database.state !== 'ok') {
      const cause = this.errors.get('database');
      if (isExitError(cause) && cause.code === 'DATA_STORE_UNAVAILABLE') return cause;
      return new ExitError(
        'DATA_STORE_UNAVAILABLE',
        `The data store is not connected yet: ${database.detail}`,
        { reason: database.state },
        cause === undefined ? undefined : { cause },
      );
    }
    for (const name of ['index', 'models'] as const) {
      const component = this.get(name);
      if (component.state === 'ok') continue;
      const cause = this.errors.get(name);
      if (component.state === 'failed' && isExitError(cause)) return cause;
      return new ExitError(
        'ENGINE_UNAVAILABLE',
        `The ${name} is not loaded yet: ${component.detail}`,
        { reason: 'engine_starting' },
        cause === undefined ? undefined : { cause },
      );
    }
    return null;
  }

  private entry(state: ComponentState, detail: string): ComponentStatus {
    return { state, detail, since: this.now().toISOString() };
  }
}
