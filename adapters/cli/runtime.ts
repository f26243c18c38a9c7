import { type Config, loadConfig } from '../../core/config.js';
import { createLogger, type Logger } from '../../core/logger.js';
import { openStore, type Store } from '../../data/store/connect.js';

/** What every command gets: validated configuration, the logger and an open store. */
export interface Runtime {
  config: Config;
  logger: Logger;
  store: Store;
}

/** Loads and validates configuration and creates the logger, for services that open the store themselves. */
export function loadServiceRuntime(env = process.env): Omit<Runtime, 'store'> {
  const config = loadConfig(env);
  return { config, logger: createLogger({ level: config.logLevel }) };
}

/** Loads configuration, opens the store, runs `action`, and always closes the store. */
export async function withRuntime<T>(
  action: (runtime: Runtime) => Promise<T>,
  env = process.env,
): Promise<T> {
  const { config, logger } = loadServiceRuntime(env);
  const store = await openStore(config.databaseUrl, logger);
  try {
    return await action({ config, logger, store });
  } finally {
    await store.close();
  }
}
