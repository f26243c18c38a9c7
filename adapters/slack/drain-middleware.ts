import type { AllMiddlewareArgs, AnyMiddlewareArgs, App } from '@slack/bolt';
import { RESTARTING_TEXT, type ShutdownDrain } from '../../bot/shutdown-drain.js';
import type { Logger } from '../../core/logger.js';
import { ACTION_PREFIX } from './blocks.js';

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/** True for requests that start a search: `/exit` commands and the "pick" button after an ambiguous name. */
function startsSearch(args: Args): boolean {
  if ('command' in args) return true;
  if ('action' in args && args.action && 'action_id' in args.action)
    return args.action.action_id.startsWith(`${ACTION_PREFIX}pick_`);
  return false;
}

async function rejectWhileRestarting(args: Args, logger: Logger): Promise<void> {
  if ('command' in args) {
    await args.ack({ response_type: 'ephemeral', text: RESTARTING_TEXT });
    logger.info({ user: args.command.user_id }, 'Command received while shutting down; asked to retry');
    return;
  }
  if ('action' in args) {
    await args.ack();
    await args.respond({ response_type: 'ephemeral', replace_original: false, text: RESTARTING_TEXT });
    logger.info({ user: args.body.user.id }, 'Search button pressed while shutting down; asked to retry');
  }
}

/**
 * Adds global middleware that tracks every listener run in `drain`, so a shutdown waits for the
 * answers in flight. While draining, requests that would start a search get RESTARTING_TEXT, and
 * follow-ups and other buttons, which are answered from stored results, still run.
 */
export function useShutdownDrain(app: App, drain: ShutdownDrain, logger: Logger): void {
  app.use(async (args) => {
    if (drain.draining && startsSearch(args)) {
      await rejectWhileRestarting(args, logger);
      return;
    }
    await drain.track(() => args.next());
  });
}
