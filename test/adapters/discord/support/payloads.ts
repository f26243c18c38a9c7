import {
  APPLICATION_ID,
  BOT_USER_ID,
  CHANNEL_ID,
  type FakeDiscordApi,
  GUILD_ID,
} from './fake-discord-api.js';

/** Raw Discord payloads, shaped as the gateway and the HTTP endpoint deliver them. */

export interface Sent {
  id: string;
  token: string;
  payload: Record<string, unknown>;
}

function user(id: string): Record<string, unknown> {
  return { id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null };
}

function member(userId: string): Record<string, unknown> {
  return {
    user: user(userId),
    roles: [],
    joined_at: '2024-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
    permissions: '2248473465835073',
  };
}

/** Builds the channel object interactions carry: the text channel, or a thread in it. */
export function channelObject(channelId: string): Record<string, unknown> {
  if (channelId === CHANNEL_ID) return { id: CHANNEL_ID, type: 0, name: 'deals', guild_id: GUILD_ID };
  return {
    id: channelId,
    type: 11,
    name: 'EXIT thread',
    guild_id: GUILD_ID,
    parent_id: CHANNEL_ID,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
  };
}

function interactionBase(api: FakeDiscordApi, type: number, channelId: string, userId: string): Sent {
  const id = api.snowflake();
  const token = `interaction-token-${id}`;
  api.registerInteraction(token, channelId);
  return {
    id,
    token,
    payload: {
      id,
      application_id: APPLICATION_ID,
      type,
      token,
      version: 1,
      guild_id: GUILD_ID,
      channel_id: channelId,
      channel: channelObject(channelId),
      member: member(userId),
      app_permissions: '2248473465835073',
      locale: 'ko',
      guild_locale: 'ko',
      entitlements: [],
      authorizing_integration_owners: { '0': GUILD_ID },
      context: 0,
    },
  };
}

/** Builds a `/exit` or `/ask` slash command interaction. */
export function slashCommand(
  api: FakeDiscordApi,
  name: 'exit' | 'ask',
  options: Record<string, string | number>,
  channelId = CHANNEL_ID,
  userId = '1100000000000000010',
): Sent {
  const sent = interactionBase(api, 2, channelId, userId);
  sent.payload.data = {
    id: name === 'exit' ? '1100000000000000020' : '1100000000000000021',
    name,
    type: 1,
    options: Object.entries(options).map(([key, value]) => ({
      name: key,
      type: typeof value === 'number' ? 4 : 3,
      value,
    })),
  };
  return sent;
}

/** Builds a click on an EXIT button, on a message in `channelId`. */
export function buttonClick(
  api: FakeDiscordApi,
  customId: string,
  channelId: string,
  messageId: string,
  userId = '1100000000000000011',
): Sent {
  const sent = interactionBase(api, 3, channelId, userId);
  sent.payload.data = { custom_id: customId, component_type: 2 };
  sent.payload.message = {
    id: messageId,
    channel_id: channelId,
    type: 0,
    content: '',
    embeds: [],
    components: [],
    attachments: [],
    author: { ...user(BOT_USER_ID), bot: true },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    flags: 0,
  };
  return sent;
}

/**
 * Builds a MESSAGE_CREATE in a thread. Its `content` is empty when the bot lacks the Message
 * Content intent.
 */
export function threadMessage(
  api: FakeDiscordApi,
  threadId: string,
  content: string,
  userId = '1100000000000000012',
): Record<string, unknown> {
  return {
    id: api.snowflake(),
    channel_id: threadId,
    guild_id: GUILD_ID,
    author: user(userId),
    member: { ...member(userId), user: undefined },
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}

/** Builds the THREAD_CREATE the gateway sends after a thread is opened on a message. */
export function threadCreate(thread: {
  id: string;
  parentId: string;
  name: string;
}): Record<string, unknown> {
  return {
    ...channelObject(thread.id),
    name: thread.name,
    parent_id: thread.parentId,
    owner_id: BOT_USER_ID,
    member_count: 1,
    message_count: 0,
    newly_created: true,
  };
}
