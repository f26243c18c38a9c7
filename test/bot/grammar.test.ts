import { describe, expect, it } from 'vitest';
import { formatCommand, parseCommand } from '../../bot/grammar.js';
import { ExitError } from '../../core/errors.js';

function parseError(text: string): ExitError {
  try {
    parseCommand(text);
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error(`expected parseCommand(${JSON.stringify(text)}) to throw`);
}

function recommend(text: string) {
  const command = parseCommand(text);
  if (command.kind !== 'recommend') throw new Error(`expected a recommend command for ${text}`);
  return command;
}

describe('parseCommand', () => {
  it.each(['', '   ', 'help', 'HELP', '도움말', '?', '--help'])('reads %j as help', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'help' });
  });

  it.each([
    ['124-81-00998', '124-81-00998', null, null],
    ['124-81-00998 bio', '124-81-00998', 'bio', null],
    ['124-81-00998 바이오 top 3', '124-81-00998', 'bio', 3],
    ['1248100998 반도체 top5', '1248100998', 'semiconductor', 5],
    ['005930 semiconductor k=10', '005930', 'semiconductor', 10],
    ['삼성전자 상위 7', '삼성전자', null, 7],
    ['삼성전자 7개 제약', '삼성전자', 'bio', 7],
    ['에이 바이오 로직스', '에이 바이오 로직스', null, null],
    ['"Acme Bio" bio', 'Acme Bio', 'bio', null],
    ['“에이 바이오” sector:software', '에이 바이오', 'software', null],
    ['Acme --sector battery --top 2', 'Acme', 'battery', 2],
    ['id:42 top 4', 'id:42', null, 4],
  ])('reads %j', (text, company, sector, topK) => {
    const command = recommend(text);
    expect(command.company).toBe(company);
    expect(command.sector?.code ?? null).toBe(sector);
    expect(command.topK).toBe(topK);
  });

  it('treats a trailing non-sector word after a name as part of the name', () => {
    expect(recommend('Acme Robotics Korea').company).toBe('Acme Robotics Korea');
  });

  it('keeps a quoted name whole even when it ends in a sector word', () => {
    const command = recommend('"Acme Bio"');
    expect(command.company).toBe('Acme Bio');
    expect(command.sector).toBeNull();
  });

  it('reads the valuation filter switch', () => {
    expect(recommend('124-81-00998 --no-valuation-filter').valuationFilter).toBe(false);
    expect(recommend('124-81-00998').valuationFilter).toBeNull();
  });

  it('names the check digit of an invalid BRN', () => {
    const error = parseError('124-81-00997 bio');
    expect(error.code).toBe('INVALID_BRN');
    expect(error.message).toContain('check digit is 7 but should be 8');
  });

  it('rejects a BRN with the wrong number of digits', () => {
    const error = parseError('124-81-0099');
    expect(error.code).toBe('INVALID_BRN');
    expect(error.message).toContain('NNN-NN-NNNNN');
  });

  it('rejects an unknown sector after a BRN', () => {
    const error = parseError('124-81-00998 biology');
    expect(error.code).toBe('UNKNOWN_SECTOR');
    expect(error.message).toContain('biology');
    expect(error.message).toContain('bio (바이오/헬스케어)');
  });

  it('rejects an unknown explicit sector', () => {
    expect(parseError('Acme sector:space').code).toBe('UNKNOWN_SECTOR');
  });

  it.each(['Acme top 0', 'Acme top 51', 'Acme top=99'])('rejects top K out of range in %j', (text) => {
    const error = parseError(text);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('from 1 to 50');
  });

  it.each(['top 3', '--top 3 sector:bio'])('rejects %j, which names no company', (text) => {
    const error = parseError(text);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('No company given');
  });

  it('writes commands back in a form it reads', () => {
    const command = recommend('"Acme Bio" sector:bio top 4 --no-valuation-filter');
    const again = recommend(formatCommand(command));
    expect(again).toEqual(command);
  });
});
