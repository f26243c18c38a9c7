import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  secret: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature, to send a wrong one. */
  signature?: string;
  retryNum?: number;
}

export interface SlackAppResponse {
  status: number;
  text: string;
  /** Milliseconds from sending to the complete HTTP response: the acknowledgement latency. */
  ms: number;
}

/** Posts a signed request to the app's events endpoint, as Slack does. */
export async function sendSigned(
  url: string,
  body: string,
  contentType: string,
  options: SendOptions,
): Promise<SlackAppResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(options.secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export interface SlashCommand {
  text: string;
  userId: string;
  channelId: string;
  responseUrl: string;
  teamId?: string;
}

export function slashCommandBody(command: SlashCommand): string {
  return new URLSearchParams({
    token: 'verification-token-unused',
    team_id: command.teamId ?? 'T0001',
    team_domain: 'exit-test',
    channel_id: command.channelId,
    channel_name: 'deals',
    user_id: command.userId,
    user_name: command.userId.toLowerCase(),
    command: '/exit',
    text: command.text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: command.responseUrl,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

export interface ButtonPress {
  actionId: string;
  value: string;
  userId: string;
  channelId: string;
  /** The message the button is on, and its thread. */
  messageTs: string;
  threadTs?: string;
  responseUrl: string;
  /** Workspace id; T0001 when absent. */
  teamId?: string;
}

export function blockActionBody(press: ButtonPress): string {
  const teamId = press.teamId ?? 'T0001';
  const payload = {
    type: 'block_actions',
    user: { id: press.userId, username: press.userId.toLowerCase(), team_id: teamId },
    api_app_id: 'A0001',
    token: 'verification-token-unused',
    container: {
      type: 'message',
      message_ts: press.messageTs,
      channel_id: press.channelId,
      is_ephemeral: false,
    },
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    team: { id: teamId, domain: 'exit-test' },
    channel: { id: press.channelId, name: 'deals' },
    message: {
      type: 'message',
      ts: press.messageTs,
      ...(press.threadTs ? { thread_ts: press.threadTs } : {}),
      text: '',
    },
    response_url: press.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: press.actionId,
        block_id: 'block-1',
        value: press.value,
        text: { type: 'plain_text', text: 'Details' },
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface ThreadMessage {
  eventId: string;
  text: string;
  userId: string;
  channelId: string;
  threadTs: string;
  ts: string;
  /** Workspace id; T0001 when absent. */
  teamId?: string;
  /** Author of the thread's parent message, which Slack adds to thread replies. */
  parentUserId?: string;
}

export function messageEventBody(message: ThreadMessage): string {
  return JSON.stringify({
    token: 'verification-token-unused',
    team_id: message.teamId ?? 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: message.eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'message',
      channel: message.channelId,
      channel_type: 'channel',
      user: message.userId,
      text: message.text,
      ts: message.ts,
      thread_ts: message.threadTs,
      ...(message.parentUserId ? { parent_user_id: message.parentUserId } : {}),
      event_ts: message.ts,
    },
  });
}
