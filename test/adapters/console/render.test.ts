import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../adapters/cli/render/table.js';
import { renderConsoleReply } from '../../../adapters/console/render.js';
import { simpleReply } from '../../../bot/reply.js';
import { resultListReply } from '../../../bot/views/result-list.js';
import { fixtureResult } from '../../bot/support/result-fixture.js';

describe('renderConsoleReply', () => {
  it('renders a result list as one aligned table with evidence below', () => {
    const result = fixtureResult(3);
    const state = {
      key: { platform: 'console', channelId: 'terminal', threadId: 't' },
      userId: 'console',
      request: { company: '124-81-00998', topK: 3 },
      result,
      displayCount: 3,
      shownCount: 3,
      excludedIds: [],
      createdAt: '',
      updatedAt: '',
    };
    const reply = resultListReply(state, result.partners);
    const text = renderConsoleReply(reply);
    const lines = text.split('\n');
    const header = lines.findIndex((line) => line.startsWith('Name'));
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toMatch(/^-+\s+-+/);
    expect(lines[header + 2]).toMatch(/^#1 파트너1 주식회사/);
    // The Sector column starts at the same terminal column in every row, Hangul counted two wide.
    const headerLine = lines[header] as string;
    const sectorColumn = displayWidth(headerLine.slice(0, headerLine.indexOf('Sector')));
    reply.items.forEach((item, i) => {
      const row = lines[header + 2 + i] as string;
      const sector = item.fields[0]?.value as string;
      expect(displayWidth(row.slice(0, row.indexOf(sector)))).toBe(sectorColumn);
    });
    expect(text).toContain('  #1 파트너1 주식회사');
    expect(text).toContain('    Patent 1020200000001');
  });

  it('prefixes errors and turns pick buttons into commands', () => {
    const reply = {
      ...simpleReply('error', '"Acme" matches several companies.'),
      actions: [{ kind: 'pick' as const, label: 'Acme Bio', value: 'id:12 sector:bio' }],
    };
    const text = renderConsoleReply(reply);
    expect(text.startsWith('error: "Acme" matches')).toBe(true);
    expect(text).toContain('/exit id:12 sector:bio    (Acme Bio)');
  });
});
