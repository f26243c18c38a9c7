import { Command, CommanderError } from 'commander';
import { ExitError, isExitError } from '../../core/errors.js';
import { registerBench } from './commands/bench.js';
import { registerChat } from './commands/chat.js';
import { registerCompanies } from './commands/companies.js';
import { registerDemo } from './commands/demo.js';
import { registerDiscord } from './commands/discord.js';
import { registerEval } from './commands/eval.js';
import { registerExport } from './commands/export.js';
import { registerGenerate } from './commands/generate.js';
import { registerImport } from './commands/import.js';
import { registerIndex } from './commands/index-build.js';
import { registerRecommend } from './commands/recommend.js';
import { registerServe } from './commands/serve.js';
import { registerValue } from './commands/value.js';

/**
 * The `exitbot` command line. Exit codes: 0 success, 2 invalid input (bad BRN, ambiguous name,
 * unknown sector), 3 company not found, 4 index missing or stale, 69 data store unavailable,
 * 78 invalid configuration, 1 anything else.
 */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('exitbot')
    .description('EXIT recommends strategic partner companies from patent data.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerDemo(program);
  registerGenerate(program);
  registerImport(program);
  registerIndex(program);
  registerRecommend(program);
  registerValue(program);
  registerCompanies(program);
  registerServe(program);
  registerEval(program);
  registerBench(program);
  registerChat(program);
  registerDiscord(program);
  registerExport(program);
  return program;
}

function wantsJson(argv: readonly string[]): boolean {
  const i = argv.findIndex((arg) => arg === '--format' || arg === '-f');
  return (i >= 0 && argv[i + 1] === 'json') || argv.includes('--format=json');
}

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version output end with code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : 2;
    }
    const exitError = isExitError(error) ? error : null;
    if (wantsJson(argv) && exitError) {
      process.stdout.write(
        `${JSON.stringify({ error: { code: exitError.code, message: exitError.message, ...exitError.details } }, null, 2)}\n`,
      );
    }
    if (exitError) {
      process.stderr.write(`error: ${exitError.message}\n`);
      return exitError.exitCode;
    }
    const unexpected = error instanceof Error ? error : new Error(String(error));
    process.stderr.write(`error: ${unexpected.message}\n`);
    if (process.env.EXIT_DEBUG) process.stderr.write(`${unexpected.stack}\n`);
    return new ExitError('INTERNAL', unexpected.message).exitCode;
  }
}
