import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** The request headers Discord signs interactions with. */
export const SIGNATURE_HEADER = 'x-signature-ed25519';
export const TIMESTAMP_HEADER = 'x-signature-timestamp';

/**
 * Requests older or newer than this, in seconds, are rejected even with a valid signature, so a
 * captured request cannot be replayed later. Discord sends the current Unix time.
 */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** Builds a key object from the application's public key: 32 bytes as 64 hex characters. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw new Error('The Discord public key must be 64 hexadecimal characters');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') },
    format: 'jwk',
  });
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'invalid' };

/**
 * Checks Discord's Ed25519 signature over the timestamp header followed by the raw body.
 * `nowSeconds` is the current Unix time.
 */
export function checkDiscordSignature(
  publicKey: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowSeconds: number = Date.now() / 1000,
): SignatureCheck {
  if (!signature || !timestamp) return { ok: false, reason: 'missing' };
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'malformed' };
  const valid = verify(
    null,
    Buffer.concat([Buffer.from(timestamp, 'utf8'), body]),
    publicKey,
    Buffer.from(signature, 'hex'),
  );
  if (!valid) return { ok: false, reason: 'invalid' };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS)
    return { ok: false, reason: 'stale' };
  return { ok: true };
}
