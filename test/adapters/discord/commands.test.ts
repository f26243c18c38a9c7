import { describe, expect, it } from 'vitest';
import { commandDefinitions, exitCommandText } from '../../../adapters/discord/commands.js';
import { parseCommand } from '../../../bot/grammar.js';

describe('slash command definitions', () => {
  it('defines /exit with company, sector and top, and /ask', () => {
    const [exit, ask] = commandDefinitions();
    expect(exit?.name).toBe('exit');
    expect(exit?.options?.map((option) => option.name)).toEqual(['company', 'sector', 'top']);
    const top = exit?.options?.find((option) => option.name === 'top') as {
      min_value: number;
      max_value: number;
    };
    expect([top.min_value, top.max_value]).toEqual([1, 50]);
    const sector = exit?.options?.find((option) => option.name === 'sector') as {
      choices?: { value: string }[];
    };
    expect(sector.choices?.map((choice) => choice.value)).toContain('bio');
    expect(ask?.name).toBe('ask');
    expect(ask?.options?.[0]?.name).toBe('question');
  });
});

describe('exitCommandText', () => {
  it('passes the company as typed and appends the options', () => {
    expect(parseCommand(exitCommandText('617-81-56000 bio', null, null))).toMatchObject({
      company: '617-81-56000',
      sector: { code: 'bio' },
    });
    expect(parseCommand(exitCommandText('Acme Bio', 'semiconductor', 7))).toMatchObject({
      company: 'Acme Bio',
      sector: { code: 'semiconductor' },
      topK: 7,
    });
  });
});
