import type { DiscordMessage } from './embeds.js';
import type { InteractionResponder } from './responder.js';

/** Maximum wait of a search for acknowledgements in flight, so a steady stream of commands cannot starve it. */
const MAX_WAIT_MS = 2000;

/**
 * Counts first responses (deferrals and immediate replies) still on their way to Discord. A search
 * blocks the event loop while it runs, so a search that starts while acknowledgements are in
 * flight can push them past Discord's 3-second window. Searches therefore wait for `idle` first.
 */
export class PendingAcknowledgements {
  private pending = 0;
  private waiters: (() => void)[] = [];

  /** Counts `acknowledgement` as in flight until it settles. */
  async track<T>(acknowledgement: Promise<T>): Promise<T> {
    this.pending++;
    try {
      return await acknowledgement;
    } finally {
      this.pending--;
      if (this.pending === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
      }
    }
  }

  /** Resolves when no acknowledgement is in flight, or after 2 seconds at most. */
  async idle(): Promise<void> {
    if (this.pending === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.waiters.push(resolve)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, MAX_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  /** Wraps a responder so its first responses are counted. */
  tracking(responder: InteractionResponder): InteractionResponder {
    return {
      defer: (ephemeral: boolean) => this.track(responder.defer(ephemeral)),
      reply: (message: DiscordMessage, ephemeral: boolean) => this.track(responder.reply(message, ephemeral)),
      edit: (message: DiscordMessage) => responder.edit(message),
      followUp: (message: DiscordMessage) => responder.followUp(message),
    };
  }
}
