import { join } from 'node:path';
import type { Command } from 'commander';
import { ConsoleChat } from '../../console/chat.js';
import { withRuntime } from '../runtime.js';
import { openChatBot } from './chat-bot.js';

export function registerChat(program: Command): void {
  program
    .command('chat')
    .description(
      'Start an interactive EXIT session in the terminal, with searches and follow-up questions (see docs/console.md)',
    )
    .option('--charts-dir <dir>', 'folder the charts are written to (default: <EXIT_DATA_DIR>/charts)')
    .option('--no-charts', 'do not render charts')
    .action(async (options: { chartsDir?: string; charts: boolean }) => {
      await withRuntime(async (runtime) => {
        const { bot, engine } = await openChatBot(runtime, { charts: options.charts });
        try {
          const chat = new ConsoleChat({
            bot,
            input: process.stdin,
            output: process.stdout,
            logger: runtime.logger,
            chartsDir: options.charts ? (options.chartsDir ?? join(runtime.config.dataDir, 'charts')) : null,
          });
          await chat.run();
        } finally {
          await engine.close();
        }
      });
    });
}
