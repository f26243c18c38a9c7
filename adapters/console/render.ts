import type { Reply, ReplyItem } from '../../bot/reply.js';
import { type Column, renderTable } from '../cli/render/table.js';

/**
 * Renders replies for the terminal. Items that share their field labels, such as a result list or
 * the patents of a partner, become one table followed by each item's evidence lines. Other items
 * are printed as blocks of "label: value" lines.
 */

function sameFields(items: readonly ReplyItem[]): boolean {
  const first = items[0];
  if (!first || items.length < 2 || first.fields.length === 0) return false;
  const labels = first.fields.map((field) => field.label).join('\u0000');
  return items.every((item) => item.fields.map((field) => field.label).join('\u0000') === labels);
}

function itemHeading(item: ReplyItem): string {
  return item.subtitle ? `${item.title} (${item.subtitle})` : item.title;
}

function tableLines(items: readonly ReplyItem[]): string[] {
  const first = items[0] as ReplyItem;
  const columns: Column[] = [
    { header: 'Name', maxWidth: 36 },
    ...first.fields.map((field) => ({
      header: field.label,
      maxWidth: 40,
      align: /^[\d.,\s-]+$/.test(field.value) ? ('right' as const) : ('left' as const),
    })),
  ];
  const rows = items.map((item) => [item.title, ...item.fields.map((field) => field.value)]);
  const lines = [renderTable(columns, rows)];
  const detailed = items.filter((item) => item.subtitle || item.lines.length > 0);
  if (detailed.length > 0) lines.push('');
  for (const item of detailed) {
    lines.push(`  ${itemHeading(item)}`);
    for (const line of item.lines) lines.push(`    ${line}`);
  }
  return lines;
}

function blockLines(item: ReplyItem): string[] {
  const lines = [itemHeading(item)];
  for (const field of item.fields) lines.push(`  ${field.label}: ${field.value}`);
  for (const line of item.lines) lines.push(`  ${line}`);
  return lines;
}

/** Turns the reply's buttons into commands to type: `pick` into `/exit …`, `more` into "more". */
function actionLines(reply: Reply): string[] {
  const lines: string[] = [];
  const picks = reply.actions.filter((action) => action.kind === 'pick');
  if (picks.length > 0) {
    lines.push('Pick one by typing its command:');
    for (const pick of picks) lines.push(`  /exit ${pick.value}    (${pick.label})`);
  }
  if (reply.actions.some((action) => action.kind === 'more'))
    lines.push('Type "more" for the next partners.');
  return lines;
}

/** Renders a reply as terminal text. Errors start with "error:". */
export function renderConsoleReply(reply: Reply): string {
  const lines: string[] = [reply.tone === 'error' ? `error: ${reply.title}` : reply.title];
  lines.push(...reply.summary);
  if (reply.items.length > 0) {
    lines.push('');
    if (sameFields(reply.items)) lines.push(...tableLines(reply.items));
    else
      reply.items.forEach((item, i) => {
        if (i > 0) lines.push('');
        lines.push(...blockLines(item));
      });
  }
  const actions = actionLines(reply);
  if (reply.notes.length > 0 || actions.length > 0) lines.push('');
  lines.push(...reply.notes, ...actions);
  return lines.join('\n');
}
