import type { AddressInfo } from 'node:net';
import { GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import { type WebSocket, WebSocketServer } from 'ws';
import { APPLICATION_ID, BOT_USER_ID, CHANNEL_ID, GUILD_ID } from './fake-discord-api.js';

interface GatewayPayload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

/** Builds the GUILD_CREATE payload of the test guild: one text channel where commands are run. */
function guildCreate(): Record<string, unknown> {
  return {
    id: GUILD_ID,
    name: 'EXIT test server',
    icon: null,
    owner_id: '1100000000000000099',
    unavailable: false,
    member_count: 2,
    large: false,
    joined_at: new Date().toISOString(),
    features: [],
    preferred_locale: 'ko',
    verification_level: 0,
    premium_tier: 0,
    system_channel_flags: 0,
    roles: [
      {
        id: GUILD_ID,
        name: '@everyone',
        permissions: '2248473465835073',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: [
      { id: CHANNEL_ID, type: 0, name: 'deals', guild_id: GUILD_ID, position: 0, permission_overwrites: [] },
    ],
    threads: [],
    members: [],
    emojis: [],
    stickers: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

/**
 * A local stand-in for Discord's gateway on 127.0.0.1, speaking the JSON protocol of API v10:
 * HELLO, IDENTIFY, READY and GUILD_CREATE, heartbeat acknowledgements, then the dispatches a test
 * sends. Like Discord, it closes with 4014 when the Message Content intent is requested but not allowed.
 */
export class FakeGateway {
  /** The IDENTIFY payloads received, to check the requested intents. */
  readonly identifies: { token: string; intents: number }[] = [];
  private server: WebSocketServer | null = null;
  private readonly sockets = new Set<WebSocket>();
  private sequence = 0;

  constructor(private readonly options: { allowMessageContent: boolean }) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `ws://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.server = server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (data) => this.receive(socket, JSON.parse(String(data)) as GatewayPayload));
      this.send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: 41_250 } });
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Sends a dispatch event (INTERACTION_CREATE, MESSAGE_CREATE, …) to every connected client. */
  dispatch(type: string, data: unknown): void {
    this.sequence++;
    for (const socket of this.sockets)
      this.send(socket, { op: GatewayOpcodes.Dispatch, t: type, s: this.sequence, d: data });
  }

  private send(socket: WebSocket, payload: GatewayPayload): void {
    socket.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  private receive(socket: WebSocket, payload: GatewayPayload): void {
    if (payload.op === GatewayOpcodes.Heartbeat) {
      this.send(socket, { op: GatewayOpcodes.HeartbeatAck });
      return;
    }
    if (payload.op !== GatewayOpcodes.Identify) return;
    const identify = payload.d as { token: string; intents: number };
    this.identifies.push({ token: identify.token, intents: identify.intents });
    if (!this.options.allowMessageContent && (identify.intents & GatewayIntentBits.MessageContent) !== 0) {
      socket.close(4014, 'Disallowed intent(s).');
      return;
    }
    this.dispatch('READY', {
      v: 10,
      user: {
        id: BOT_USER_ID,
        username: 'EXIT',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
      },
      guilds: [{ id: GUILD_ID, unavailable: true }],
      session_id: 'fake-session',
      resume_gateway_url: this.url,
      shard: [0, 1],
      application: { id: APPLICATION_ID, flags: 0 },
    });
    this.dispatch('GUILD_CREATE', guildCreate());
  }
}
