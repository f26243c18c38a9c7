import type { Command } from 'commander';
import { quoteValue } from '../../../core/errors.js';
import { sectorByCode } from '../../../data/sectors.js';
import { listCompanies } from '../../../data/store/company-queries.js';
import { cleanCompanyQuery } from '../../../engine/resolve/company-query.js';
import { renderTable } from '../render/table.js';
import { withRuntime } from '../runtime.js';
import { parseFormat, parsePositiveInt, writeJson } from './options.js';

export function registerCompanies(program: Command): void {
  program
    .command('companies')
    .description('List companies (id, name, BRN, ticker, sector, listed, patent count), most patents first')
    .option('-q, --query <text>', 'only companies whose name contains this text, or with this BRN or ticker')
    .option('-n, --limit <n>', 'maximum rows to show, 1-10000', '20')
    .option('-f, --format <format>', 'output format: text or json', 'text')
    .action(async (options: { query?: string; limit: string; format: string }) => {
      const format = parseFormat(options.format);
      const limit = parsePositiveInt('--limit', options.limit, 10_000);
      const query = options.query?.trim() ? cleanCompanyQuery(options.query) : undefined;
      await withRuntime(async ({ store }) => {
        const rows = await listCompanies(store.db, { ...(query ? { query } : {}), limit });
        if (format === 'json') {
          writeJson({ companies: rows });
          return;
        }
        if (rows.length === 0) {
          process.stdout.write(
            query ? `No company matches ${quoteValue(query)}.\n` : 'No companies: import data first.\n',
          );
          return;
        }
        const table = renderTable(
          [
            { header: 'id', align: 'right' },
            { header: 'Name', maxWidth: 30 },
            { header: 'BRN' },
            { header: 'Ticker' },
            { header: 'Sector', maxWidth: 16 },
            { header: 'Listed' },
            { header: 'Patents', align: 'right' },
          ],
          rows.map((row) => [
            String(row.id),
            row.name,
            row.brn ?? '-',
            row.ticker ?? '-',
            sectorByCode(row.sector)?.nameKo ?? '-',
            row.listed ? 'yes' : 'no',
            String(row.patentCount),
          ]),
        );
        process.stdout.write(`${table}\n`);
      });
    });
}
