import { describe, expect, it } from 'vitest';
import { chunkLines, escapeMarkdown, renderDiscordMessages } from '../../../adapters/discord/embeds.js';
import type { Reply, ReplyItem } from '../../../bot/reply.js';
import { TINY_PNG } from '../../bot/support/result-fixture.js';
import { expectWithinLimits } from './support/limits.js';

function item(rank: number, lineLength: number): ReplyItem {
  return {
    rank,
    title: `#${rank} ${'파트너'.repeat(120)}`,
    subtitle: `BRN 124-81-${String(rank).padStart(5, '0')}`,
    fields: Array.from({ length: 30 }, (_, i) => ({
      label: `field ${i} ${'x'.repeat(300)}`,
      value: 'v'.repeat(1500),
    })),
    lines: Array.from({ length: 3 }, (_, i) => `evidence ${rank}.${i} ${'특'.repeat(lineLength)}`),
    actions: [
      { kind: 'details', label: 'Details', value: String(rank) },
      { kind: 'exclude', label: 'Exclude', value: String(rank), style: 'danger' },
    ],
  };
}

const LONG_REPLY: Reply = {
  tone: 'result',
  title: `Partners for ${'에이바이오'.repeat(80)}`,
  summary: Array.from({ length: 40 }, (_, i) => `summary line ${i} ${'s'.repeat(600)}`),
  items: Array.from({ length: 12 }, (_, i) => item(i + 1, 2000)),
  notes: ['Only 12 partners passed the filters.', 'n'.repeat(5000)],
  images: [
    {
      fileName: 'partners chart.png',
      title: 'Chart',
      altText: 'chart',
      mimeType: 'image/png',
      data: TINY_PNG,
    },
  ],
  actions: [{ kind: 'more', label: 'More partners', value: 'more', style: 'primary' }],
};

describe('renderDiscordMessages', () => {
  it('keeps every message of a long answer within the limits', () => {
    const messages = renderDiscordMessages(LONG_REPLY, '1200000000000000001');
    expect(messages.length).toBeGreaterThan(5);
    for (const message of messages) expectWithinLimits(message);
  });

  it('loses no line of a long answer', () => {
    const messages = renderDiscordMessages(LONG_REPLY, '1');
    const text = messages
      .flatMap((message) => message.embeds.map((embed) => embed.description ?? ''))
      .join('\n');
    for (const line of LONG_REPLY.summary) expect(text).toContain(line);
    expect(text).toContain('evidence 12.2');
    expect(text).toContain('n'.repeat(4000));
    const fields = messages.flatMap((message) => message.embeds.flatMap((embed) => embed.fields ?? []));
    expect(fields).toHaveLength(12 * 30);
  });

  it('attaches the chart to the first message and shows it in the embed', () => {
    const [first, ...rest] = renderDiscordMessages(LONG_REPLY, '1');
    expect(first?.files.map((file) => file.name)).toEqual(['partners_chart.png']);
    expect(first?.embeds.some((embed) => embed.image?.url === 'attachment://partners_chart.png')).toBe(true);
    expect(rest.every((message) => message.files.length === 0)).toBe(true);
  });

  it('puts buttons with their partner and the anchor in the custom id', () => {
    const messages = renderDiscordMessages(LONG_REPLY, '1200000000000000001');
    const ids = messages.flatMap((message) =>
      message.components.flatMap((row) => row.components.map((b) => ('custom_id' in b ? b.custom_id : ''))),
    );
    expect(ids).toContain('exit:details:1200000000000000001:1');
    expect(ids).toContain('exit:exclude:1200000000000000001:12');
    expect(ids[ids.length - 1]).toBe('exit:more:1200000000000000001:more');
  });

  it('moves a title over 256 characters into the description', () => {
    const title = `No company matches "x". Closest names: ${'회사, '.repeat(100)}`;
    const [message] = renderDiscordMessages(
      { tone: 'error', title, summary: [], items: [], notes: [], images: [], actions: [] },
      '',
    );
    expect(message?.embeds[0]?.title).toBeUndefined();
    expect(message?.embeds[0]?.description).toContain('Closest names');
  });

  it('escapes Markdown in data and drops over-long pick buttons', () => {
    const reply: Reply = {
      tone: 'error',
      title: '"Acme" matches several companies.',
      summary: ['**Acme** _Bio_ · Acme Bio'],
      items: [],
      notes: [],
      images: [],
      actions: [
        { kind: 'pick', label: 'Acme', value: 'id:12 sector:bio top 5' },
        { kind: 'pick', label: 'Acme Bio', value: `"${'A'.repeat(120)}"` },
      ],
    };
    const [message] = renderDiscordMessages(reply, '99');
    expect(message?.embeds[0]?.description).toBe('\\*\\*Acme\\*\\* \\_Bio\\_ · Acme Bio');
    const ids = message?.components.flatMap((row) =>
      row.components.map((b) => ('custom_id' in b ? b.custom_id : '')),
    );
    expect(ids).toEqual(['exit:pick::id:12 sector:bio top 5']);
  });
});

describe('chunkLines', () => {
  it('cuts only lines longer than the limit', () => {
    expect(chunkLines(['aaa', 'bbb', 'cccccccc'], 7)).toEqual(['aaa\nbbb', 'ccccccc', 'c']);
  });
});

describe('escapeMarkdown', () => {
  it('escapes emphasis anywhere and markers at line starts', () => {
    expect(escapeMarkdown('a*b_c~d`e|f\\g')).toBe('a\\*b\\_c\\~d\\`e\\|f\\\\g');
    expect(escapeMarkdown('[site](https://x.example) [top K]')).toBe('\\[site](https://x.example) [top K]');
    expect(escapeMarkdown('# title\n> quote\n- item\n12. item\n124-81-00998')).toBe(
      '\\# title\n\\> quote\n\\- item\n12\\. item\n124-81-00998',
    );
  });
});
