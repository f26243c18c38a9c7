import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const APPLICATION_ID = '1100000000000000001';
export const BOT_USER_ID = '1100000000000000002';
export const GUILD_ID = '1100000000000000003';
export const CHANNEL_ID = '1100000000000000004';
export const BOT_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.GfakeT.fake-discord-token-for-tests';

/** One REST call as the fake received it; `path` omits the /api/v10 prefix. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The JSON body, or the payload_json part of a multipart body. */
  body: Record<string, unknown> | unknown[] | null;
  files: { field: string; name: string; size: number; type: string }[];
  authorization: string | undefined;
  /** The fake's response body. */
  result: unknown;
  /** performance.now() when the call arrived, for latency measurements. */
  at: number;
}

export interface InjectedError {
  status: number;
  code: number;
  message: string;
}

export interface ThreadCreated {
  id: string;
  parentId: string;
  name: string;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A local stand-in for Discord's REST API on 127.0.0.1. It implements the routes EXIT and
 * discord.js call (gateway discovery, interaction callbacks and webhooks, threads, channel
 * messages, command registration), responds like Discord, records every call, and can fail chosen
 * calls with a Discord error code.
 */
export class FakeDiscordApi {
  readonly requests: RecordedRequest[] = [];
  /** Interaction callbacks fail with these errors, by interaction id. */
  readonly failingCallbacks = new Map<string, InjectedError>();
  /** Thread creation fails with these errors, by parent channel id. */
  readonly failingThreads = new Map<string, InjectedError>();
  /** Called after a thread is created, so the fake gateway can send THREAD_CREATE. */
  onThreadCreated: (thread: ThreadCreated) => void = () => {};
  gatewayUrl = 'ws://127.0.0.1:1';
  private readonly interactionChannels = new Map<string, string>();
  private readonly originals = new Map<string, string>();
  private server: Server | null = null;
  private baseUrl = '';
  private counter = 0;

  /** The REST base URL for discord.js's `rest.api` option. */
  get apiUrl(): string {
    return `${this.baseUrl}/api`;
  }

  /** Returns a new snowflake, larger than every one before it. */
  snowflake(): string {
    this.counter++;
    return String(1200000000000000000n + BigInt(this.counter));
  }

  /** Records the channel an interaction token belongs to, so its responses are posted there. */
  registerInteraction(token: string, channelId: string): void {
    this.interactionChannels.set(token, channelId);
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  requestsTo(method: string, pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && pattern.test(request.path));
  }

  /** Waits until `condition` holds, polling every 20 ms; fails after `timeoutMs` with `what`. */
  async waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private message(channelId: string, body: unknown, id = this.snowflake()): Record<string, unknown> {
    const fields = (body ?? {}) as Record<string, unknown>;
    return {
      id,
      channel_id: channelId,
      type: 0,
      content: fields.content ?? '',
      embeds: fields.embeds ?? [],
      components: fields.components ?? [],
      attachments: [],
      author: {
        id: BOT_USER_ID,
        username: 'EXIT',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
      },
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      flags: 0,
    };
  }

  private async parse(request: IncomingMessage): Promise<Pick<RecordedRequest, 'body' | 'files'>> {
    const raw = await readBody(request);
    const type = request.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      const files: RecordedRequest['files'] = [];
      let body: RecordedRequest['body'] = null;
      for (const [field, value] of form.entries()) {
        if (field === 'payload_json') body = JSON.parse(String(value));
        else if (typeof value !== 'string')
          files.push({ field, name: value.name, size: value.size, type: value.type });
      }
      return { body, files };
    }
    return { body: raw.length > 0 ? JSON.parse(raw.toString('utf8')) : null, files: [] };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = request.method ?? 'GET';
    const at = performance.now();
    const parsed = await this.parse(request);
    const recorded: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      ...parsed,
      authorization: request.headers.authorization,
      result: null,
      at,
    };
    this.requests.push(recorded);
    const send = (status: number, result?: unknown) => {
      recorded.result = result ?? null;
      if (result === undefined) {
        response.writeHead(status);
        response.end();
        return;
      }
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result));
    };
    const outcome = this.route(method, path, parsed, request.headers.authorization === `Bot ${BOT_TOKEN}`);
    send(outcome.status, outcome.body);
    outcome.after?.();
  }

  /** Builds Discord's response to one call: the status, the JSON body (none for 204) and what follows it. */
  private route(
    method: string,
    path: string,
    parsed: Pick<RecordedRequest, 'body' | 'files'>,
    botAuthorised: boolean,
  ): { status: number; body?: unknown; after?: () => void } {
    const fail = (error: InjectedError) => ({
      status: error.status,
      body: { code: error.code, message: error.message },
    });
    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (callback && method === 'POST') {
      const failure = this.failingCallbacks.get(callback[1] as string);
      return failure ? fail(failure) : { status: 204 };
    }
    const original = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path);
    if (original && method === 'PATCH') {
      const token = original[2] as string;
      const id = this.originals.get(token) ?? this.snowflake();
      this.originals.set(token, id);
      return {
        status: 200,
        body: this.message(this.interactionChannels.get(token) ?? CHANNEL_ID, parsed.body, id),
      };
    }
    const followUp = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path);
    if (followUp && method === 'POST') {
      const channelId = this.interactionChannels.get(followUp[2] as string) ?? CHANNEL_ID;
      return { status: 200, body: this.message(channelId, parsed.body) };
    }
    if (!botAuthorised) return { status: 401, body: { code: 0, message: '401: Unauthorized' } };
    if (path === '/gateway/bot' && method === 'GET')
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      };
    if (path === '/applications/@me' && method === 'GET')
      return { status: 200, body: { id: APPLICATION_ID, name: 'EXIT', bot: { id: BOT_USER_ID } } };
    if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path) && method === 'PUT') {
      const commands = (parsed.body as Record<string, unknown>[]) ?? [];
      const registered = commands.map((command) => ({
        ...command,
        id: this.snowflake(),
        application_id: APPLICATION_ID,
        version: '1',
      }));
      return { status: 200, body: registered };
    }
    const threads = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path);
    if (threads && method === 'POST') {
      const parentId = threads[1] as string;
      const failure = this.failingThreads.get(parentId);
      if (failure) return fail(failure);
      const thread = {
        id: threads[2] as string,
        parentId,
        name: String((parsed.body as { name?: unknown })?.name),
      };
      return {
        status: 201,
        body: { id: thread.id, type: 11, guild_id: GUILD_ID, parent_id: parentId, name: thread.name },
        after: () => this.onThreadCreated(thread),
      };
    }
    const messages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (messages && method === 'POST')
      return { status: 200, body: this.message(messages[1] as string, parsed.body) };
    return { status: 404, body: { code: 0, message: '404: Not Found' } };
  }
}
