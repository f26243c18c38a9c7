import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../../adapters/discord/custom-id.js';

describe('button custom ids', () => {
  it('round-trips a rank button and a pick with colons', () => {
    const details = { kind: 'details' as const, anchor: '1200000000000000001', value: '2' };
    expect(decodeCustomId(encodeCustomId(details) as string)).toEqual(details);
    const pick = { kind: 'pick' as const, anchor: '', value: 'id:42 sector:bio top 5' };
    expect(decodeCustomId(encodeCustomId(pick) as string)).toEqual(pick);
  });

  it('returns null past 100 characters', () => {
    expect(encodeCustomId({ kind: 'pick', anchor: '', value: 'x'.repeat(95) })).toBeNull();
  });

  it('ignores other components', () => {
    expect(decodeCustomId('poll:1:2:3')).toBeNull();
    expect(decodeCustomId('exit:delete:1:2')).toBeNull();
    expect(decodeCustomId('exit:details')).toBeNull();
  });
});
