import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call as the fake received it. */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  authorization: string | undefined;
  /** The fake's response body, e.g. with the ts it gave a posted message. */
  result: Record<string, unknown>;
  /** performance.now() when the call arrived, for the benchmark. */
  at: number;
}

/** A message posted to a slash command's or a button's response_url. */
export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
}

const JSON_PARAMS = new Set(['blocks', 'attachments', 'files', 'file_uploads']);

function parseParams(type: string, raw: Buffer): Record<string, unknown> {
  if (type.startsWith('application/json')) return JSON.parse(raw.toString('utf8') || '{}');
  if (!type.startsWith('application/x-www-form-urlencoded')) return { rawBytes: raw.length };
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) {
    params[key] = JSON_PARAMS.has(key) ? JSON.parse(value) : value;
  }
  return params;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A local stand-in for the Slack Web API on 127.0.0.1: it implements the methods EXIT calls
 * (auth.test, chat.postMessage, chat.update, chat.postEphemeral and the three steps of
 * files.uploadV2), accepts response_url posts, and records everything for assertions.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly uploads = new Map<string, Buffer>();
  /** chat.postMessage fails with this Slack error code in these channels. */
  readonly failingChannels = new Map<string, string>();
  private server: Server | null = null;
  private baseUrl = '';
  private counter = 0;

  /** The Web API base URL to give the WebClient as `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.baseUrl}/response/${id}`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    this.server = null;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Waits until `condition` holds, polling every 20 ms; fails after `timeoutMs` with `what`. */
  async waitFor(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private nextTs(): string {
    this.counter++;
    return `1700000000.${String(this.counter).padStart(6, '0')}`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = performance.now();
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const raw = await readBody(request);
    const reply = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (path.startsWith('/response/')) {
      this.responses.push({ id: path.slice('/response/'.length), body: JSON.parse(raw.toString('utf8')) });
      reply({ ok: true });
      return;
    }
    if (path.startsWith('/upload/')) {
      this.uploads.set(path.slice('/upload/'.length), raw);
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('OK');
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const params = parseParams(request.headers['content-type'] ?? '', raw);
    const call: RecordedCall = {
      method,
      params,
      authorization: request.headers.authorization,
      result: {},
      at,
    };
    this.calls.push(call);
    const channel = params.channel as string | undefined;
    const send = (body: Record<string, unknown>) => {
      call.result = body;
      reply(body);
    };
    switch (method) {
      case 'auth.test':
        send({
          ok: true,
          url: 'https://exit-test.slack.com/',
          team: 'EXIT test',
          user: 'exit',
          team_id: 'T0001',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        });
        return;
      case 'chat.postMessage': {
        const failure = channel ? this.failingChannels.get(channel) : undefined;
        if (failure) {
          send({ ok: false, error: failure });
          return;
        }
        send({ ok: true, channel, ts: this.nextTs(), message: { text: params.text } });
        return;
      }
      case 'chat.update':
        send({ ok: true, channel, ts: params.ts, text: params.text });
        return;
      case 'chat.postEphemeral':
        send({ ok: true, message_ts: this.nextTs() });
        return;
      case 'files.getUploadURLExternal': {
        this.counter++;
        const fileId = `F${this.counter}`;
        send({ ok: true, upload_url: `${this.baseUrl}/upload/${fileId}`, file_id: fileId });
        return;
      }
      case 'files.completeUploadExternal':
        send({ ok: true, files: params.files });
        return;
      default:
        send({ ok: false, error: 'unknown_method' });
    }
  }
}
