import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Reply, ReplyAction, ReplyImage, ReplyItem } from '../../bot/reply.js';
import { truncate } from '../../bot/views/format.js';
import { encodeCustomId } from './custom-id.js';

/**
 * Discord's message limits, from the API reference (Channel → Embed Limits; Message Components).
 * An embed has a title of 256 characters, a description of 4,096 and at most 25 fields, each with
 * a name of 256 and a value of 1,024 characters. The embeds of one message hold at most 6,000
 * characters in total, and a message has at most 10 embeds and 5 action rows of 5 buttons.
 * A button label has at most 80 characters.
 */
export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  totalPerMessage: 6000,
  embedsPerMessage: 10,
  rowsPerMessage: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  filesPerMessage: 10,
} as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

export interface DiscordFile {
  name: string;
  data: Buffer;
  contentType: string;
}

/** One Discord message: embeds, button rows and attached files. */
export interface DiscordMessage {
  embeds: APIEmbed[];
  components: ButtonRow[];
  files: DiscordFile[];
}

const TONE_COLOURS: Record<Reply['tone'], number> = {
  result: 0x2e86c1,
  info: 0x5d6d7e,
  error: 0xc0392b,
  working: 0xf1c40f,
};

/**
 * Escapes Discord Markdown in data text (company names, patent titles, user input). Emphasis,
 * strike-through, code and spoiler characters are escaped anywhere, the bracket of a masked link
 * `[text](url)` too, and quote, heading and list markers at the start of a line. discord.js's
 * escapeMarkdown does the same job but took 154 ms on one 5,000-character line here (Node 20),
 * and a long reply has hundreds of lines and fields.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|]/g, '\\$&')
    .replace(/\[(?=[^\]\n]*\]\()/g, '\\[')
    .replace(/^(\s*)([>#-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** Characters Discord counts towards the 6,000 of a message: title, description, fields, footer, author. */
export function embedLength(embed: APIEmbed): number {
  let length = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  for (const field of embed.fields ?? []) length += field.name.length + field.value.length;
  return length + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

/** Joins lines into chunks of at most `max` characters; only a single line longer than `max` is cut. */
export function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    for (let start = 0; start < Math.max(line.length, 1); start += max) {
      const piece = line.slice(start, start + max);
      if (current && current.length + 1 + piece.length > max) {
        chunks.push(current);
        current = '';
      }
      current = current ? `${current}\n${piece}` : piece;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Makes a file name Discord accepts in `attachment://` URLs: letters, digits, dot, dash and underscore. */
function attachmentName(image: ReplyImage, index: number): string {
  const safe = image.fileName.replace(/[^\w.-]/g, '_');
  return index === 0 ? safe : `${index}-${safe}`;
}

interface Section {
  title: string | null;
  lines: string[];
  fields: APIEmbedField[];
  colour: number;
}

/** Builds the embeds of one section: the description split at 4,096 characters, fields at 25 per embed. */
function sectionEmbeds(section: Section): APIEmbed[] {
  let title = section.title;
  const lines = section.lines.map((line) => escapeMarkdown(line));
  // A title past 256 characters (a long error message) moves into the description whole.
  if (title !== null && title.length > LIMITS.title) {
    lines.unshift(escapeMarkdown(title));
    title = null;
  }
  const embeds: APIEmbed[] = chunkLines(lines, LIMITS.description).map((description) => ({
    color: section.colour,
    description,
  }));
  if (embeds.length === 0) embeds.push({ color: section.colour });
  if (title) (embeds[0] as APIEmbed).title = title;
  for (const field of section.fields) {
    let target = embeds[embeds.length - 1] as APIEmbed;
    const fieldLength = field.name.length + field.value.length;
    if (
      (target.fields?.length ?? 0) >= LIMITS.fields ||
      embedLength(target) + fieldLength > LIMITS.totalPerMessage
    ) {
      target = { color: section.colour };
      embeds.push(target);
    }
    target.fields = [...(target.fields ?? []), field];
  }
  return embeds;
}

function field(label: string, value: string): APIEmbedField {
  return {
    name: truncate(label, LIMITS.fieldName) || '\u200b',
    value: truncate(escapeMarkdown(value), LIMITS.fieldValue) || '-',
    inline: true,
  };
}

function button(action: ReplyAction, anchor: string): APIButtonComponent | null {
  const customId = encodeCustomId({
    kind: action.kind,
    anchor: action.kind === 'pick' ? '' : anchor,
    value: action.value,
  });
  if (customId === null) return null;
  const style =
    action.style === 'danger'
      ? ButtonStyle.Danger
      : action.style === 'primary'
        ? ButtonStyle.Primary
        : ButtonStyle.Secondary;
  return {
    type: ComponentType.Button,
    style,
    label: truncate(action.label, LIMITS.buttonLabel),
    custom_id: customId,
  };
}

function buttonRows(actions: readonly ReplyAction[], anchor: string): ButtonRow[] {
  const buttons = actions
    .map((action) => button(action, anchor))
    .filter((component): component is APIButtonComponent => component !== null);
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows.slice(0, LIMITS.rowsPerMessage);
}

/** Embeds, rows and files that belong together: the header, one item, the notes. */
interface Group {
  embeds: APIEmbed[];
  rows: ButtonRow[];
  files: DiscordFile[];
}

function itemGroup(item: ReplyItem, colour: number, anchor: string): Group {
  const lines = [...(item.subtitle ? [item.subtitle] : []), ...item.lines.map((line) => `• ${line}`)];
  const fields = item.fields.map((entry) => field(entry.label, entry.value));
  return {
    embeds: sectionEmbeds({ title: item.title, lines, fields, colour }),
    rows: buttonRows(item.actions, anchor),
    files: [],
  };
}

function headerGroup(reply: Reply, colour: number): Group {
  const embeds = sectionEmbeds({ title: reply.title, lines: reply.summary, fields: [], colour });
  const files = reply.images.map((image, i) => ({
    name: attachmentName(image, i),
    data: Buffer.from(image.data),
    contentType: image.mimeType,
  }));
  files.forEach((file, i) => {
    const url = `attachment://${file.name}`;
    const first = embeds[0] as APIEmbed;
    if (i === 0 && !first.image) first.image = { url };
    else
      embeds.push({
        color: colour,
        title: truncate(reply.images[i]?.title ?? '', LIMITS.title),
        image: { url },
      });
  });
  return { embeds, rows: [], files };
}

function fits(message: DiscordMessage, embeds: readonly APIEmbed[], rows: number, files: number): boolean {
  const length = [...message.embeds, ...embeds].reduce((sum, embed) => sum + embedLength(embed), 0);
  return (
    message.embeds.length + embeds.length <= LIMITS.embedsPerMessage &&
    length <= LIMITS.totalPerMessage &&
    message.components.length + rows <= LIMITS.rowsPerMessage &&
    message.files.length + files <= LIMITS.filesPerMessage
  );
}

/** Packs groups into messages, keeping a group in one message whenever it fits in one. */
function pack(groups: readonly Group[]): DiscordMessage[] {
  const messages: DiscordMessage[] = [];
  let current: DiscordMessage = { embeds: [], components: [], files: [] };
  const flush = () => {
    if (current.embeds.length > 0) messages.push(current);
    current = { embeds: [], components: [], files: [] };
  };
  for (const group of groups) {
    if (!fits(current, group.embeds, group.rows.length, group.files.length)) flush();
    // A group larger than one message (a very long reply) is split between its embeds.
    group.embeds.forEach((embed, i) => {
      const last = i === group.embeds.length - 1;
      const rows = last ? group.rows : [];
      const files = i === 0 ? group.files : [];
      if (!fits(current, [embed], rows.length, files.length)) flush();
      current.embeds.push(embed);
      current.components.push(...rows);
      current.files.push(...files);
    });
  }
  flush();
  return messages;
}

/**
 * Renders a reply as Discord messages, each within Discord's embed and component limits: a header
 * embed with the chart, one embed per item with its buttons, and the notes. `anchor` is the
 * result's anchor message id that the buttons carry.
 */
export function renderDiscordMessages(reply: Reply, anchor: string): DiscordMessage[] {
  const colour = TONE_COLOURS[reply.tone];
  const groups: Group[] = [headerGroup(reply, colour)];
  for (const item of reply.items) groups.push(itemGroup(item, colour, anchor));
  if (reply.notes.length > 0)
    groups.push({
      embeds: sectionEmbeds({ title: null, lines: reply.notes, fields: [], colour }),
      rows: [],
      files: [],
    });
  const last = groups[groups.length - 1] as Group;
  last.rows = [...last.rows, ...buttonRows(reply.actions, anchor)].slice(0, LIMITS.rowsPerMessage);
  return pack(groups);
}

/** Renders a one-line notice as a single embed. */
export function noticeMessage(text: string, tone: Reply['tone'] = 'info'): DiscordMessage {
  return renderDiscordMessages(
    { tone, title: text, summary: [], items: [], notes: [], images: [], actions: [] },
    '',
  )[0] as DiscordMessage;
}
