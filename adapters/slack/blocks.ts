import type { types } from '@slack/bolt';
import type { Reply, ReplyAction, ReplyItem } from '../../bot/reply.js';
import { replyToText } from '../../bot/reply.js';
import { truncate } from '../../bot/views/format.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/**
 * Block Kit limits, from Slack's Block Kit reference. A message has at most 50 blocks. A section
 * has at most 3,000 characters of text and 10 fields of 2,000 characters. Header text is at most
 * 150 characters, a context block has at most 10 elements and an actions block at most 25. Button
 * text is at most 75 characters and a button value at most 2,000.
 */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  /** The notification text. Slack truncates `text` at 40,000 characters, and EXIT keeps it shorter. */
  fallbackText: 3000,
} as const;

/** The prefix of every EXIT button's action_id; the rest is the action kind and the value. */
export const ACTION_PREFIX = 'exit_';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Escapes the three characters Slack mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function mrkdwnSection(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
}

/** Splits lines into sections of at most 3,000 characters each, cutting only single over-long lines. */
function sectionsFor(lines: readonly string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, LIMITS.sectionText);
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      blocks.push(mrkdwnSection(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) blocks.push(mrkdwnSection(current));
  return blocks;
}

function button(action: ReplyAction): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(action.label, LIMITS.buttonText) },
    action_id: `${ACTION_PREFIX}${action.kind}_${action.value}`.slice(0, 255),
    value: action.value.slice(0, LIMITS.buttonValue),
    ...(action.style ? { style: action.style } : {}),
  };
}

function actionsBlocks(actions: readonly ReplyAction[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < actions.length; i += LIMITS.actionsElements) {
    blocks.push({ type: 'actions', elements: actions.slice(i, i + LIMITS.actionsElements).map(button) });
  }
  return blocks;
}

function itemBlocks(item: ReplyItem): KnownBlock[] {
  const heading = item.subtitle
    ? `*${escapeMrkdwn(item.title)}*  ${escapeMrkdwn(item.subtitle)}`
    : `*${escapeMrkdwn(item.title)}*`;
  const text = [heading, ...item.lines.map((line) => `• ${escapeMrkdwn(line)}`)].join('\n');
  const section: types.SectionBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) },
  };
  const fields = item.fields.slice(0, LIMITS.sectionFields).map((field) => ({
    type: 'mrkdwn' as const,
    text: truncate(`*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`, LIMITS.fieldText),
  }));
  if (fields.length > 0) section.fields = fields;
  const blocks: KnownBlock[] = [section];
  // Fields past the tenth go into a second section, so no audit figure is dropped.
  const overflow = item.fields.slice(LIMITS.sectionFields);
  if (overflow.length > 0)
    blocks.push(
      ...sectionsFor(overflow.map((field) => `*${escapeMrkdwn(field.label)}*: ${escapeMrkdwn(field.value)}`)),
    );
  blocks.push(...actionsBlocks(item.actions));
  return blocks;
}

const TONE_PREFIX: Record<Reply['tone'], string> = {
  result: '',
  info: '',
  error: ':warning: ',
  working: ':hourglass_flowing_sand: ',
};

/**
 * Renders a reply as one or more Slack messages, each within Block Kit's limits. Items are never
 * split across messages; a reply with 50 partners becomes several messages in order.
 */
export function renderSlackMessages(reply: Reply): SlackMessage[] {
  const blocks: { block: KnownBlock; group: number }[] = [];
  let group = 0;
  const push = (list: KnownBlock[]) => {
    for (const block of list) blocks.push({ block, group });
    group++;
  };
  const simple = reply.items.length === 0 && reply.tone !== 'result';
  if (simple) {
    push(
      sectionsFor([
        `${TONE_PREFIX[reply.tone]}${escapeMrkdwn(reply.title)}`,
        ...reply.summary.map(escapeMrkdwn),
      ]),
    );
  } else {
    push([{ type: 'header', text: { type: 'plain_text', text: truncate(reply.title, LIMITS.headerText) } }]);
    if (reply.summary.length > 0) push(sectionsFor(reply.summary.map(escapeMrkdwn)));
  }
  for (const item of reply.items) push(itemBlocks(item));
  if (reply.notes.length > 0) {
    const notes = reply.notes
      .slice(0, LIMITS.contextElements)
      .map((note) => ({ type: 'mrkdwn' as const, text: truncate(escapeMrkdwn(note), LIMITS.sectionText) }));
    push([{ type: 'context', elements: notes }]);
  }
  push(actionsBlocks(reply.actions));

  const messages: KnownBlock[][] = [[]];
  let currentGroup = -1;
  const groupSizes = new Map<number, number>();
  for (const entry of blocks) groupSizes.set(entry.group, (groupSizes.get(entry.group) ?? 0) + 1);
  for (const { block, group: g } of blocks) {
    let current = messages[messages.length - 1] as KnownBlock[];
    const starting = g !== currentGroup;
    const room = LIMITS.blocksPerMessage - current.length;
    // A group (one partner, the notes) starts a new message when it does not fit in the current one.
    if ((starting && (groupSizes.get(g) ?? 0) > room && current.length > 0) || room === 0) {
      current = [];
      messages.push(current);
    }
    current.push(block);
    currentGroup = g;
  }
  const text = truncate(`${TONE_PREFIX[reply.tone]}${replyToText(reply)}`, LIMITS.fallbackText);
  return messages
    .filter((list) => list.length > 0)
    .map((list, i) => ({ text: i === 0 ? text : `${truncate(reply.title, 100)} (continued)`, blocks: list }));
}
