import { createHmac, randomBytes } from 'node:crypto';

/*
 * Signatures by the Standard Webhooks specification (https://www.standardwebhooks.com,
 * spec/standard-webhooks.md, "Signature scheme"): a message carries the headers webhook-id (the
 * same on every attempt), webhook-timestamp (seconds since the epoch, of the attempt) and
 * webhook-signature, a space-separated list of `v1,<base64 of HMAC-SHA256>` over
 * `${id}.${timestamp}.${body}`, keyed by the bytes a `whsec_<base64>` secret encodes. During a
 * secret's rotation the message is signed with both the new and the previous secret, so a
 * receiver holding either verifies it.
 */

/** The prefix of a secret. */
export const SECRET_PREFIX = 'whsec_';

/** A new secret: 32 random bytes (the specification asks for 24 to 64), as `whsec_<base64>`. */
export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** The key bytes of a `whsec_` secret; an error naming what was expected otherwise. */
export function keyOf(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : '';
  const key = Buffer.from(encoded, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.length < 24 || key.length > 64) {
    throw new Error(`WEBHOOK_SECRET_INVALID: expected "${SECRET_PREFIX}" and the base64 of 24 to 64 bytes; received a secret of ${secret.length} characters${secret.startsWith(SECRET_PREFIX) ? '' : ' without the prefix'}`);
  }
  return key;
}

/** The webhook-signature value of one message: one `v1,` signature per secret, space-separated. */
export function signatureOf(secrets: readonly string[], id: string, timestampSeconds: number, body: string): string {
  return secrets.map((secret) => `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`).join(' ');
}

/** The three headers of one attempt of a message. */
export function webhookHeaders(secrets: readonly string[], id: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatureOf(secrets, id, timestampSeconds, body),
  };
}
