import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ConversationContext, ExitBot } from '../../bot/exit-bot.js';
import type { Reply } from '../../bot/reply.js';
import type { ThreadKey } from '../../bot/thread-state.js';
import type { Logger } from '../../core/logger.js';
import { renderConsoleReply } from './render.js';

export interface ConsoleChatOptions {
  bot: ExitBot;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  logger: Logger;
  /** Folder the charts are written to; null writes none. */
  chartsDir: string | null;
  /** Shown before each input line; the default is "exit> " on a terminal and nothing otherwise. */
  prompt?: string;
}

export const BANNER = [
  'EXIT chat: strategic partner recommendations from patent data.',
  'Start a search with a company, e.g. "124-81-00998 bio top 5" (or "/exit 삼성전자 반도체").',
  'Then ask about the result: "details 2", "why #3", "compare 1 and 4", "more", "exclude 2", "2번 특허 보여줘".',
  'Commands: /exit <company> starts a new search · /help · /quit (or Ctrl-D).',
].join('\n');

const QUIT = new Set(['/quit', '/q', 'quit', ':q']);

/**
 * An interactive EXIT session over a pair of streams: the terminal in `exitbot chat`, a PassThrough
 * in tests. Each search opens a new conversation, and later lines are follow-up questions about
 * it, answered by the same bot core as on Slack and Discord.
 */
export class ConsoleChat {
  private readonly session = randomUUID().slice(0, 8);
  private searches = 0;
  private thread: ThreadKey | null = null;

  constructor(private readonly options: ConsoleChatOptions) {}

  private write(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  /** Reads lines until /quit or the end of the input; lines are handled one at a time, in order. */
  async run(): Promise<void> {
    const terminal = (this.options.output as { isTTY?: boolean }).isTTY === true;
    const lines = createInterface({ input: this.options.input, output: this.options.output, terminal });
    lines.setPrompt(this.options.prompt ?? (terminal ? 'exit> ' : ''));
    lines.on('SIGINT', () => lines.close());
    this.write(BANNER);
    lines.prompt();
    for await (const line of lines) {
      if (!(await this.handleLine(line))) break;
      lines.prompt();
    }
    lines.close();
  }

  /** Handles one input line. Returns false when the session should end. */
  async handleLine(raw: string): Promise<boolean> {
    const line = raw.trim();
    if (!line) return true;
    if (QUIT.has(line.toLowerCase())) return false;
    const requestId = randomUUID();
    const logger = this.options.logger.child({ requestId, platform: 'console' });
    try {
      if (line === '/help') return this.show(this.options.bot.planCommand('help'));
      if (line === '/exit' || line.startsWith('/exit '))
        return await this.search(line.slice(5), requestId, logger);
      if (line.startsWith('/ask ')) return await this.followUp(line.slice(5), requestId, logger);
      if (this.thread === null) return await this.search(line, requestId, logger);
      return await this.followUp(line, requestId, logger);
    } catch (error) {
      logger.error({ err: error }, 'Console chat line failed');
      this.write(
        `error: Something went wrong inside EXIT (reference ${requestId}). See the log for details.`,
      );
      return true;
    }
  }

  private show(plan: ReturnType<ExitBot['planCommand']>): boolean {
    if (plan.kind === 'reply') this.write(`${renderConsoleReply(plan.reply)}\n`);
    return true;
  }

  private async search(text: string, requestId: string, logger: Logger): Promise<boolean> {
    const { bot } = this.options;
    const plan = bot.planCommand(text);
    if (plan.kind === 'reply') return this.show(plan);
    this.searches++;
    const thread: ThreadKey = {
      platform: 'console',
      channelId: 'terminal',
      threadId: `${this.session}-${this.searches}`,
    };
    this.write(bot.workingReply(plan).title);
    const context: ConversationContext = { thread, userId: 'console', requestId, logger };
    const reply = await bot.search(context, plan);
    // A failed search keeps the previous result, so its follow-ups still work.
    if (reply.tone !== 'error') this.thread = thread;
    await this.print(reply, thread);
    return true;
  }

  private async followUp(text: string, requestId: string, logger: Logger): Promise<boolean> {
    if (this.thread === null) {
      this.write('No result yet: start with a company, e.g. "124-81-00998 bio".');
      return true;
    }
    const context: ConversationContext = { thread: this.thread, userId: 'console', requestId, logger };
    const reply = await this.options.bot.followUp(context, text);
    if (reply) await this.print(reply, this.thread);
    else
      this.write(
        'Not understood. Type /help for the questions EXIT answers, or /exit <company> for a new search.\n',
      );
    return true;
  }

  /** Prints the reply and writes its charts, named after the conversation so files do not collide. */
  private async print(reply: Reply, thread: ThreadKey): Promise<void> {
    this.write(renderConsoleReply(reply));
    const { chartsDir } = this.options;
    if (chartsDir && reply.images.length > 0) {
      await mkdir(chartsDir, { recursive: true });
      for (const image of reply.images) {
        const path = join(chartsDir, `exit-${thread.threadId}-${image.fileName}`);
        await writeFile(path, image.data);
        this.write(`Chart written to ${path} (${image.title})`);
      }
    }
    this.write('');
  }
}
