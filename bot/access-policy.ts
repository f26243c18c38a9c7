import type { Logger } from '../core/logger.js';

/** The workspace, channel and user of a chat request, in the platform's own ids. */
export interface RequestOrigin {
  /** Slack team id or Discord guild id; null in Discord direct messages. */
  workspaceId: string | null;
  /** The channel, or for a thread the channel it belongs to. */
  channelId: string | null;
  userId: string;
  kind: 'command' | 'follow-up' | 'button';
}

export interface AccessPolicyOptions {
  platform: 'slack' | 'discord';
  /** Workspaces served; null serves all. */
  allowedWorkspaces: string[] | null;
  /** Channels served; null serves all. */
  allowedChannels: string[] | null;
}

/**
 * The allow-lists of workspaces and channels a bot serves. Each rejection is logged with the ids
 * and a running count, never with the message text.
 */
export class AccessPolicy {
  private readonly workspaces: ReadonlySet<string> | null;
  private readonly channels: ReadonlySet<string> | null;
  private rejectedCount = 0;

  constructor(private readonly options: AccessPolicyOptions) {
    this.workspaces = options.allowedWorkspaces ? new Set(options.allowedWorkspaces) : null;
    this.channels = options.allowedChannels ? new Set(options.allowedChannels) : null;
  }

  /** Requests rejected since the bot started. */
  get rejected(): number {
    return this.rejectedCount;
  }

  /**
   * Returns true when the request comes from an allowed workspace and channel. Otherwise logs the
   * rejection and returns false. A request without a workspace or channel id is rejected whenever
   * the matching list is set.
   */
  allows(origin: RequestOrigin, logger: Logger): boolean {
    let reason: 'workspace' | 'channel' | null = null;
    if (this.workspaces && (origin.workspaceId === null || !this.workspaces.has(origin.workspaceId)))
      reason = 'workspace';
    else if (this.channels && (origin.channelId === null || !this.channels.has(origin.channelId)))
      reason = 'channel';
    if (reason === null) return true;
    this.rejectedCount++;
    logger.warn(
      {
        platform: this.options.platform,
        kind: origin.kind,
        reason,
        workspace: origin.workspaceId,
        channel: origin.channelId,
        user: origin.userId,
        rejected: this.rejectedCount,
      },
      `Rejected a request from a ${reason} outside the allow-list`,
    );
    return false;
  }
}
