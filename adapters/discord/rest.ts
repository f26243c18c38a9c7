import type { RESTOptions } from 'discord.js';

/**
 * Returns the options for every discord.js REST client EXIT creates. Requests go through Node's
 * global fetch rather than @discordjs/rest's default undici `request`. The reason: @slack/bolt
 * loads undici 7, which installs its Agent as the process-wide undici dispatcher when loaded. The
 * undici 6 `request` of @discordjs/rest 2.6 then fails on multipart bodies ("action is not a
 * function") because it hands that dispatcher a FormData. Fetch streams the body itself, so chart
 * uploads work whichever adapters share the process.
 */
export function discordRestOptions(apiUrl: string): Partial<RESTOptions> {
  return { api: apiUrl, makeRequest: fetch as unknown as RESTOptions['makeRequest'] };
}
