import type { ActionKind } from '../../bot/reply.js';

/**
 * Button custom ids: `exit:<kind>:<anchor>:<value>`. The anchor is the id of the message the
 * result was first posted as, and the stored result is keyed by it. So a button works alike in the
 * result thread, in a channel where no thread could be opened and in direct messages. The value
 * comes last because a `pick` value is command text that may contain colons.
 */

/** Discord's limit on a component's custom_id, in characters. */
export const MAX_CUSTOM_ID = 100;

const PREFIX = 'exit';
const KINDS = new Set<ActionKind>(['details', 'patents', 'valuation', 'exclude', 'more', 'pick']);

export interface ButtonTarget {
  kind: ActionKind;
  /** The result's anchor message id; empty for `pick`, which starts a new search. */
  anchor: string;
  value: string;
}

/** Encodes a button's target, or returns null when it would pass Discord's 100-character limit. */
export function encodeCustomId(target: ButtonTarget): string | null {
  const id = `${PREFIX}:${target.kind}:${target.anchor}:${target.value}`;
  return id.length <= MAX_CUSTOM_ID ? id : null;
}

/** Decodes a custom id written by encodeCustomId; returns null for any other component. */
export function decodeCustomId(customId: string): ButtonTarget | null {
  const parts = customId.split(':');
  if (parts.length < 4 || parts[0] !== PREFIX) return null;
  const kind = parts[1] as ActionKind;
  if (!KINDS.has(kind)) return null;
  return { kind, anchor: parts[2] as string, value: parts.slice(3).join(':') };
}
