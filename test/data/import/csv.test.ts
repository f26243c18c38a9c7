import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CsvItem, readCsvHead, readCsvRows, scanFile } from '../../../data/import/csv.js';
import { tempFolder, writeFiles } from './fixtures.js';

async function collect(path: string, encoding: 'utf-8' | 'cp949' = 'utf-8'): Promise<CsvItem[]> {
  const items: CsvItem[] = [];
  for await (const item of readCsvRows(path, encoding)) items.push(item);
  return items;
}

describe('csv reading', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempFolder('exit-csv-');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('numbers rows by their first line', async () => {
    writeFiles(dir, { 'a.csv': 'id,text\r\n1,"two\r\nlines"\r\n\r\n2,x\r\n3,y,extra\r\n' });
    const items = await collect(join(dir, 'a.csv'));
    expect(items).toEqual([
      { kind: 'row', row: { line: 2, values: { id: '1', text: 'two\r\nlines' } } },
      { kind: 'row', row: { line: 5, values: { id: '2', text: 'x' } } },
      { kind: 'bad_width', line: 6, found: 3, expected: 2 },
    ]);
  });

  it('keeps characters split across chunks', async () => {
    // 20,000 rows of three-byte Hangul pass several 64 KiB read chunks at odd offsets.
    const rows = Array.from({ length: 20_000 }, (_, index) => `${index},한빛테크`);
    writeFiles(dir, { 'big.csv': `id,name\n${rows.join('\n')}\n` });
    const items = await collect(join(dir, 'big.csv'));
    expect(items).toHaveLength(20_000);
    const names = new Set(items.map((item) => (item.kind === 'row' ? item.row.values.name : '')));
    expect([...names]).toEqual(['한빛테크']);
  });

  it('detects CP949 and BOMs', async () => {
    writeFiles(dir, {
      'cp.csv': iconv.encode('이름,값\n한빛,1\n', 'cp949'),
      'bom.csv': '\uFEFF이름,값\n한빛,1\n',
      'plain.csv': '이름,값\n한빛,1\n',
    });
    expect((await scanFile(join(dir, 'cp.csv'))).encoding).toBe('cp949');
    expect((await scanFile(join(dir, 'bom.csv'))).encoding).toBe('utf-8-bom');
    expect((await scanFile(join(dir, 'plain.csv'))).encoding).toBe('utf-8');
    expect(await collect(join(dir, 'cp.csv'), 'cp949')).toEqual([
      { kind: 'row', row: { line: 2, values: { 이름: '한빛', 값: '1' } } },
    ]);
    expect(await readCsvHead(join(dir, 'bom.csv'))).toEqual({
      ok: true,
      header: ['이름', '값'],
      firstRow: { 이름: '한빛', 값: '1' },
    });
  });

  it('hashes the whole file', async () => {
    writeFiles(dir, { 'h.csv': 'a\n1\n' });
    const expected = createHash('sha256').update('a\n1\n').digest('hex');
    const scan = await scanFile(join(dir, 'h.csv'));
    expect(scan.sha256).toBe(expected);
    expect(scan.bytes).toBe(4);
    expect(scan.linesAfterHeader).toBe(1);
  });
});
