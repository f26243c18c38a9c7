import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkDiscordSignature, discordPublicKey } from '../../../adapters/discord/signature.js';

const keys = generateKeyPairSync('ed25519');
const hex = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString('hex');
const publicKey = discordPublicKey(hex);
const body = Buffer.from('{"type":1}');
const timestamp = '1700000000';
const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), keys.privateKey).toString('hex');

describe('checkDiscordSignature', () => {
  it('accepts a valid signature', () => {
    expect(checkDiscordSignature(publicKey, signature, timestamp, body, 1700000010)).toEqual({ ok: true });
  });

  it('rejects each kind of bad request', () => {
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('00') ? '01' : '00'}`;
    expect(checkDiscordSignature(publicKey, flipped, timestamp, body, 1700000010)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(checkDiscordSignature(publicKey, signature, '1700000001', body, 1700000010)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(checkDiscordSignature(publicKey, signature, timestamp, body, 1700001000)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(checkDiscordSignature(publicKey, 'abc', timestamp, body, 1700000010)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(checkDiscordSignature(publicKey, undefined, timestamp, body)).toEqual({
      ok: false,
      reason: 'missing',
    });
  });

  it('rejects a public key that is not 64 hex characters', () => {
    expect(() => discordPublicKey('abcd')).toThrow('64 hexadecimal characters');
  });
});
