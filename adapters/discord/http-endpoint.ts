import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIInteraction,
  InteractionResponseType,
  InteractionType,
  REST,
  type RESTOptions,
} from 'discord.js';
import type { ExitBot } from '../../bot/exit-bot.js';
import type { ShutdownDrain } from '../../bot/shutdown-drain.js';
import type { Logger } from '../../core/logger.js';
import { createHandlerContext } from './handlers/context.js';
import { handleInvocation } from './handlers/interaction.js';
import { HttpResponder } from './http-responder.js';
import { invocationFromPayload } from './invocation.js';
import { discordRestOptions } from './rest.js';
import type { DiscordSettings } from './settings.js';
import { checkDiscordSignature, discordPublicKey, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js';

/** The path to enter as the Interactions Endpoint URL in the Developer Portal. */
export const INTERACTIONS_PATH = '/discord/interactions';
export const HEALTH_PATH = '/health';

/** Interaction payloads are a few kilobytes; anything past this is rejected unread. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface DiscordHttpEndpointOptions {
  settings: Extract<DiscordSettings, { mode: 'http' }>;
  bot: ExitBot;
  logger: Logger;
  rest?: Partial<RESTOptions>;
  followUpsPerMinute?: number;
  /** Tracks answers in flight for a graceful shutdown; `exitbot serve discord` drains it on SIGTERM. */
  drain?: ShutdownDrain;
}

export interface DiscordHttpEndpoint {
  /** Starts listening; returns the interactions URL and the server. */
  start(): Promise<{ url: string; server: Server }>;
  stop(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain' });
  response.end(text);
}

/**
 * Builds the HTTP interactions endpoint, for deployments without a gateway connection. Every request
 * must carry a valid Ed25519 signature from the application's public key. A PING gets a PONG, and
 * commands and buttons go to the same handlers as on the gateway. Plain thread messages never reach
 * this endpoint, so follow-up questions come through `/ask`.
 */
export function createDiscordHttpEndpoint(options: DiscordHttpEndpointOptions): DiscordHttpEndpoint {
  const { settings, logger } = options;
  const publicKey = discordPublicKey(settings.publicKey);
  const rest = new REST({ ...discordRestOptions(settings.apiUrl), ...options.rest }).setToken(settings.token);
  const context = createHandlerContext({
    bot: options.bot,
    logger,
    rest,
    settings,
    followUpsPerMinute: options.followUpsPerMinute,
    drain: options.drain,
  });

  // Requests rejected for their signature since start; logged with each rejection, never the body.
  let rejectedSignatures = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'GET' && path === HEALTH_PATH) return sendText(response, 200, 'ok');
    if (path !== INTERACTIONS_PATH) return sendText(response, 404, 'not found');
    if (request.method !== 'POST') return sendText(response, 405, 'method not allowed');

    const body = await readBody(request);
    const check = checkDiscordSignature(
      publicKey,
      request.headers[SIGNATURE_HEADER] as string | undefined,
      request.headers[TIMESTAMP_HEADER] as string | undefined,
      body,
    );
    if (!check.ok) {
      rejectedSignatures++;
      logger.warn(
        { reason: check.reason, rejected: rejectedSignatures },
        'Rejected an interaction request without a valid signature',
      );
      return sendText(response, 401, 'invalid request signature');
    }

    let payload: APIInteraction;
    try {
      payload = JSON.parse(body.toString('utf8')) as APIInteraction;
    } catch {
      return sendText(response, 400, 'invalid JSON');
    }
    if (payload.type === InteractionType.Ping) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ type: InteractionResponseType.Pong }));
      return;
    }
    if (
      payload.type !== InteractionType.ApplicationCommand &&
      payload.type !== InteractionType.MessageComponent
    ) {
      logger.info({ type: payload.type }, 'Unsupported interaction type; rejected');
      return sendText(response, 400, 'unsupported interaction type');
    }

    const responder = new HttpResponder(response, rest, payload.application_id, payload.token);
    await handleInvocation(context, invocationFromPayload(payload), responder);
    responder.respondIfSilent('EXIT could not answer this interaction. Please try again.');
  }

  let server: Server | null = null;
  return {
    async start() {
      const listening = createServer((request, response) => {
        handle(request, response).catch((error: unknown) => {
          if (error instanceof BodyTooLarge) {
            if (!response.headersSent) sendText(response, 413, 'request body too large');
            return;
          }
          logger.error({ err: error }, 'Interaction request failed');
          if (!response.headersSent) sendText(response, 500, 'internal error');
        });
      });
      server = listening;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(settings.port, settings.host, resolve);
      });
      const address = listening.address() as AddressInfo;
      const url = `http://${address.address}:${address.port}${INTERACTIONS_PATH}`;
      logger.info({ url }, 'Discord interactions endpoint listening');
      return { url, server: listening };
    },
    async stop() {
      const listening = server;
      if (!listening) return;
      server = null;
      await new Promise<void>((resolve) => {
        listening.close(() => resolve());
        listening.closeAllConnections();
      });
      logger.info('Discord interactions endpoint stopped');
    },
  };
}
