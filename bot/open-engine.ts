import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../data/store/connect.js';
import { Engine } from '../engine/engine.js';
import { HttpEngineClient } from './engine-api/http-client.js';
import { type EngineClient, InProcessEngineClient } from './engine-client.js';
import { WorkerEngineClient } from './worker-engine-client.js';

/**
 * Opens the engine a bot uses: the remote one at EXIT_ENGINE_URL when set, otherwise the engine
 * in this process, in a worker thread with its own store connection (EXIT_ENGINE_THREAD=worker) or
 * on the main thread over the given store (main).
 */
export async function openEngineClient(config: Config, store: Store, logger: Logger): Promise<EngineClient> {
  const { url, timeoutMs, token } = config.engineApi;
  if (url) {
    logger.info({ engine: new URL(url).origin, timeoutMs }, 'Using the remote engine');
    return new HttpEngineClient({ url, timeoutMs, token, logger });
  }
  if (config.engineThread === 'worker') {
    logger.info({ requestTimeoutMs: config.requestTimeoutMs }, 'Starting the engine in a worker thread');
    return WorkerEngineClient.open({ config, logger });
  }
  const engine = await Engine.open(store, config, logger);
  await engine.warmUp();
  return new InProcessEngineClient(engine);
}
