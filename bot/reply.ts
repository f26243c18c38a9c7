/**
 * The platform-neutral reply model. The bot core builds replies; each adapter renders them (Slack
 * Block Kit, Discord embeds, console text). Every string is plain text without markup, so each
 * adapter escapes and emphasises it in its own format.
 */

/**
 * Button kind. Rank actions carry the partner's rank as their value; `pick` carries the
 * command text to run, for example `id:42 bio top 5` after an ambiguous name.
 */
export type ActionKind = 'details' | 'patents' | 'valuation' | 'exclude' | 'more' | 'pick';

export interface ReplyAction {
  kind: ActionKind;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
}

export interface ReplyField {
  label: string;
  value: string;
}

/** One ranked entry: a partner in a list, or one patent in a partner's evidence. */
export interface ReplyItem {
  /** The partner's rank in the stored result; null for entries that are not partners. */
  rank: number | null;
  title: string;
  subtitle: string | null;
  fields: ReplyField[];
  /** Evidence and explanation lines, most important first. */
  lines: string[];
  actions: ReplyAction[];
}

/** A rendered chart, uploaded or attached by the adapter. */
export interface ReplyImage {
  fileName: string;
  title: string;
  altText: string;
  mimeType: 'image/png';
  data: Uint8Array;
}

/** Reply kind: 'result' and 'info' reply to a request, 'error' is a failure the user can act on, 'working' a placeholder. */
export type ReplyTone = 'result' | 'info' | 'error' | 'working';

export interface Reply {
  tone: ReplyTone;
  title: string;
  /** Lines shown under the title. */
  summary: string[];
  items: ReplyItem[];
  /** Footnotes: filters applied, model fallbacks, what to ask next. */
  notes: string[];
  images: ReplyImage[];
  /** Buttons that belong to the whole reply, such as "More". */
  actions: ReplyAction[];
}

/** Builds a reply with only a title and summary lines. */
export function simpleReply(tone: ReplyTone, title: string, summary: string[] = []): Reply {
  return { tone, title, summary, items: [], notes: [], images: [], actions: [] };
}

/**
 * Renders a reply as plain text: the notification text on Slack, the console output, and what
 * tests compare against.
 */
export function replyToText(reply: Reply): string {
  const lines: string[] = [reply.title, ...reply.summary];
  for (const item of reply.items) {
    lines.push('');
    lines.push(item.subtitle ? `${item.title} (${item.subtitle})` : item.title);
    if (item.fields.length > 0)
      lines.push(item.fields.map((field) => `${field.label}: ${field.value}`).join(' | '));
    for (const line of item.lines) lines.push(`  ${line}`);
  }
  if (reply.notes.length > 0) {
    lines.push('');
    for (const note of reply.notes) lines.push(note);
  }
  return lines.join('\n');
}
