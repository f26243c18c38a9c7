import type { ServerResponse } from 'node:http';
import { InteractionResponseType, MessageFlags, type REST, Routes } from 'discord.js';
import type { DiscordMessage } from './embeds.js';
import { restPayload } from './payload.js';
import type { InteractionResponder } from './responder.js';

/**
 * Responds to an interaction posted to the HTTP endpoint: the first response is the HTTP response
 * body, and later ones go to the interaction's webhook over REST. Webhook calls are authorised by the
 * interaction token, not the bot token.
 */
export class HttpResponder implements InteractionResponder {
  private responded = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly rest: REST,
    private readonly applicationId: string,
    private readonly token: string,
  ) {}

  /** True once the HTTP response was sent. */
  get acknowledged(): boolean {
    return this.responded;
  }

  private send(body: Record<string, unknown>): void {
    // Mirrors Discord's 40060, so a second first response is handled like an acknowledged interaction.
    if (this.responded) throw new Error('Interaction has already been acknowledged');
    this.responded = true;
    this.response.writeHead(200, { 'content-type': 'application/json' });
    this.response.end(JSON.stringify(body));
  }

  async defer(ephemeral: boolean): Promise<void> {
    this.send({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: ephemeral ? { flags: MessageFlags.Ephemeral } : {},
    });
  }

  async reply(message: DiscordMessage, ephemeral: boolean): Promise<void> {
    if (message.files.length > 0) {
      // Files need a multipart body, so the message is sent through the webhook after a deferral.
      await this.defer(ephemeral);
      await this.edit(message);
      return;
    }
    const { body } = restPayload(message);
    this.send({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { ...body, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) },
    });
  }

  async edit(message: DiscordMessage): Promise<string> {
    const { body, files } = restPayload(message);
    const edited = (await this.rest.patch(
      Routes.webhookMessage(this.applicationId, this.token, '@original'),
      {
        body,
        files,
        auth: false,
      },
    )) as { id: string };
    return edited.id;
  }

  async followUp(message: DiscordMessage): Promise<string> {
    const { body, files } = restPayload(message);
    const posted = (await this.rest.post(Routes.webhook(this.applicationId, this.token), {
      body,
      files,
      auth: false,
      query: new URLSearchParams({ wait: 'true' }),
    })) as { id: string };
    return posted.id;
  }

  /** Sends an ephemeral failure notice when the handler ended without any response. */
  respondIfSilent(text: string): void {
    if (this.responded) return;
    this.send({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: text, flags: MessageFlags.Ephemeral },
    });
  }
}
