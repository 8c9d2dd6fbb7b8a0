/**
 * Secrets kept at rest (a Twilio auth token) are sealed with AES-256-GCM under the operator's key
 * (keys.ts says where it comes from). A sealed value reads
 * `wm1.<key id>.<iv>.<ciphertext>.<tag>` (base64url parts): the key id names the key without
 * giving it away, so a server with another key can say so at start. `purpose` (the column) is
 * authenticated with it, so a value copied into another column does not open there.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'wm1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  /** The id of the key new values are sealed with. */
  readonly keyId: string;
  /** Where the key came from, for messages (never the key). */
  readonly source: string;
  seal(plain: string, purpose: string): string;
  /** The secret, from a sealed value or one stored before sealing (plain, as it was written). */
  open(stored: string, purpose: string): string;
  /** The key id a stored value is sealed with; undefined for a plain one. */
  keyIdOf(stored: string): string | undefined;
  /** Whether this box holds the key with this id (the current one or a previous one). */
  hasKey(keyId: string): boolean;
}

/** The id of a key: 8 hexadecimal digits of a hash of it, enough to tell keys apart. */
export const keyIdFor = (key: Buffer): string =>
  createHash('sha256').update('waymark secret key id\0').update(key).digest('hex').slice(0, 8);

export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

const b64 = (b: Buffer): string => b.toString('base64url');

/**
 * A box sealing with `current` and opening what `current` or any of `previous` sealed (while a
 * key is rotated, keys.ts).
 */
export function secretBox(current: Buffer, source: string, previous: Buffer[] = []): SecretBox {
  for (const k of [current, ...previous]) {
    if (k.length !== KEY_BYTES) throw new SecretError(`A secret key must be ${KEY_BYTES} bytes.`);
  }
  const keyId = keyIdFor(current);
  const keys = new Map<string, Buffer>([...previous.map((k) => [keyIdFor(k), k] as const), [keyId, current]]);

  const parts = (stored: string): string[] | undefined => {
    const p = stored.split('.');
    return p.length === 5 && p[0] === PREFIX ? p : undefined;
  };

  return {
    keyId,
    source,
    seal(plain, purpose) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [PREFIX, keyId, b64(iv), b64(body), b64(cipher.getAuthTag())].join('.');
    },
    open(stored, purpose) {
      const p = parts(stored);
      if (!p) return stored;
      const [, id = '', iv = '', body = '', tag = ''] = p;
      const key = keys.get(id);
      if (!key) throw new SecretError(`This value was sealed with secret key ${id}, which is not given.`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(Buffer.from(purpose));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SecretError(`A value sealed with secret key ${id} does not open: it was changed.`);
      }
    },
    keyIdOf: (stored) => parts(stored)?.[1],
    hasKey: (id) => keys.has(id),
  };
}
