import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

/**
 * Discord API error codes EXIT expects and handles without failing the request (from Discord's
 * "JSON Error Codes" table). The first two mean the interaction accepts no further response: its
 * 3-second acknowledgement window passed, or another process acknowledged it first.
 */
export const UNKNOWN_INTERACTION = RESTJSONErrorCodes.UnknownInteraction; // 10062
export const ALREADY_ACKNOWLEDGED = RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged; // 40060

/** Codes meaning EXIT may not open a thread in the channel; the result then stays in the channel. */
const CANNOT_OPEN_THREAD = new Set<number>([
  RESTJSONErrorCodes.MissingAccess, // 50001
  RESTJSONErrorCodes.MissingPermissions, // 50013
  RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, // 50024
  RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage, // 160004
]);

/** Returns the Discord JSON error code of a failed REST call, or null for any other error. */
export function discordErrorCode(error: unknown): number | null {
  if (error instanceof DiscordAPIError && typeof error.code === 'number') return error.code;
  return null;
}

/** True when the interaction expired or was already acknowledged, so no response can follow. */
export function isStaleInteraction(error: unknown): boolean {
  const code = discordErrorCode(error);
  return code === UNKNOWN_INTERACTION || code === ALREADY_ACKNOWLEDGED;
}

export function cannotOpenThread(error: unknown): boolean {
  const code = discordErrorCode(error);
  return code !== null && CANNOT_OPEN_THREAD.has(code);
}
