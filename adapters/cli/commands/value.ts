import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { renderFootballField } from '../../../bot/charts/football-field.js';
import { ExitError, isExitError, quoteValue } from '../../../core/errors.js';
import { Engine } from '../../../engine/engine.js';
import { resolveCompanyQuery } from '../../../engine/resolve/company-query.js';
import type { ValuationOptions } from '../../../engine/value/options.js';
import { type ValuationContext, valueCompany } from '../../../engine/value/value-company.js';
import { renderValuationText } from '../render/valuation.js';
import { withRuntime } from '../runtime.js';
import { parseFormat, parsePositiveInt, writeJson } from './options.js';

interface ValueCommandOptions {
  format: string;
  chart?: string;
  asOf?: string;
  window?: string;
  minMonths?: string;
  blume?: boolean;
  hamada?: string;
  comparables?: string;
  terminalGrowth?: string;
  asUnlisted?: boolean;
  localTax: boolean;
}

function parseOptions(options: ValueCommandOptions): Partial<ValuationOptions> {
  const parsed: Partial<ValuationOptions> = { includeLocalIncomeTax: options.localTax };
  if (options.asOf !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
      throw new ExitError(
        'INVALID_INPUT',
        `--as-of must be a date YYYY-MM-DD, got ${quoteValue(options.asOf)}.`,
      );
    }
    parsed.asOf = options.asOf;
  }
  if (options.window !== undefined) parsed.windowMonths = parsePositiveInt('--window', options.window, 600);
  if (options.minMonths !== undefined)
    parsed.minMonths = parsePositiveInt('--min-months', options.minMonths, 600);
  if (options.comparables !== undefined)
    parsed.comparables = parsePositiveInt('--comparables', options.comparables, 50);
  if (options.blume) parsed.blume = true;
  if (options.asUnlisted) parsed.treatAsUnlisted = true;
  if (options.hamada !== undefined) {
    if (options.hamada !== 'textbook' && options.hamada !== 'reference') {
      throw new ExitError(
        'INVALID_INPUT',
        `--hamada must be textbook or reference, got ${quoteValue(options.hamada)}.`,
      );
    }
    parsed.hamada = options.hamada;
  }
  if (options.terminalGrowth !== undefined) {
    const percent = Number(options.terminalGrowth);
    if (!Number.isFinite(percent) || percent <= -10 || percent >= 10) {
      throw new ExitError(
        'INVALID_INPUT',
        `--terminal-growth must be a percentage between -10 and 10, got ${quoteValue(options.terminalGrowth)}.`,
      );
    }
    parsed.terminalGrowth = percent / 100;
  }
  return parsed;
}

export function registerValue(program: Command): void {
  program
    .command('value')
    .description(
      'Value a company and show every input: beta, comparables, tax, discount rate, projections, each method',
    )
    .argument('<company>', 'business registration number (NNN-NN-NNNNN), KRX ticker, name, or id:<n>')
    .option('-f, --format <format>', 'output format: text or json', 'text')
    .option('--chart <file>', 'also write the valuation range (football-field) chart to this PNG file')
    .option('--as-of <date>', 'valuation date YYYY-MM-DD (default: the latest stored month-end price)')
    .option('--window <months>', 'beta window in months of returns (default 60)')
    .option('--min-months <months>', 'fewest monthly returns for a beta (default 24)')
    .option('--blume', "apply Blume's adjustment, 0.67 * beta + 0.33")
    .option(
      '--hamada <variant>',
      'beta from comparables: textbook (unlever each, relever) or reference (default textbook)',
    )
    .option('--comparables <K>', 'number of comparable listed companies, 1-50 (default 5)')
    .option('--terminal-growth <percent>', 'FCFF growth after the projection, percent a year (default 2)')
    .option(
      '--as-unlisted',
      'value a listed company as if unlisted: ignore its own prices and market capitalisation',
    )
    .option('--no-local-tax', 'leave local income tax (10% of corporate tax) out of the tax rate')
    .action(async (company: string, options: ValueCommandOptions) => {
      const format = parseFormat(options.format);
      const valuationOptions = parseOptions(options);
      await withRuntime(async ({ config, logger, store }) => {
        let context: ValuationContext;
        try {
          context = (await Engine.open(store, config, logger)).context;
        } catch (error) {
          if (!isExitError(error) || (error.code !== 'INDEX_MISSING' && error.code !== 'INDEX_MISMATCH'))
            throw error;
          logger.warn(
            { err: error },
            'No usable search index: comparables come from sector peers instead of vectors',
          );
          context = { store, logger };
        }
        const target = await resolveCompanyQuery(store.db, company);
        const breakdown = await valueCompany(context, target, valuationOptions);
        if (options.chart) {
          const png = await renderFootballField(breakdown, { logger });
          if (png) {
            writeFileSync(options.chart, png);
            logger.info({ file: options.chart, bytes: png.length }, 'Wrote the valuation chart');
          } else {
            process.stderr.write(
              `No chart written to ${options.chart}: no method produced a value and there is no market capitalisation.\n`,
            );
          }
        }
        if (format === 'json') writeJson(breakdown);
        else process.stdout.write(`${renderValuationText(breakdown)}\n`);
      });
    });
}
