import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FatalError } from '../errors';
import { keyIdFor, SecretError, secretBox } from './box';
import { KEY_FILE_NAME, loadSecretBox } from './keys';

const TOKEN = 'twilio-token-0123456789abcdef';
const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'waymark-secrets-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('a secret box', () => {
  const key = randomBytes(32);
  const box = secretBox(key, 'test');

  it('seals a value so that neither it nor its key can be read from what is stored', () => {
    const sealed = box.seal(TOKEN, 'col');
    expect(sealed).toMatch(/^wm1\.[0-9a-f]{8}\./);
    expect(sealed).not.toContain(TOKEN);
    expect(sealed).not.toContain(key.toString('base64'));
    expect(box.seal(TOKEN, 'col')).not.toBe(sealed);
    expect(box.open(sealed, 'col')).toBe(TOKEN);
    expect(box.keyIdOf(sealed)).toBe(box.keyId);
  });

  it('refuses a changed value, another column’s value and another key’s value', () => {
    const sealed = box.seal(TOKEN, 'col');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => box.open(parts.join('.'), 'col')).toThrow(SecretError);
    expect(() => box.open(sealed, 'other-col')).toThrow(SecretError);
    const other = secretBox(randomBytes(32), 'other');
    expect(() => other.open(sealed, 'col')).toThrow(new RegExp(box.keyId));
  });

  it('opens what the previous key sealed while rotating, and reads a value stored before sealing', () => {
    const next = secretBox(randomBytes(32), 'next', [key]);
    expect(next.open(box.seal(TOKEN, 'col'), 'col')).toBe(TOKEN);
    expect(next.hasKey(box.keyId)).toBe(true);
    expect(next.keyId).not.toBe(box.keyId);
    expect(next.open(TOKEN, 'col')).toBe(TOKEN);
    expect(next.keyIdOf(TOKEN)).toBeUndefined();
  });
});

describe('the secret key', () => {
  it('is made once in the data folder, readable by its owner only, and kept', () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = loadSecretBox({ dataDir });
    const file = path.join(dataDir, KEY_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    const again = loadSecretBox({ dataDir });
    expect(again.keyId).toBe(first.keyId);
    expect(again.open(first.seal(TOKEN, 'col'), 'col')).toBe(TOKEN);
  });

  it('from WAYMARK_SECRET_KEY or a key file comes before the data folder’s', () => {
    const key = randomBytes(32);
    const dataDir = tempDir();
    expect(loadSecretBox({ dataDir, secretKey: key.toString('base64') }).keyId).toBe(keyIdFor(key));
    const file = path.join(tempDir(), 'key');
    writeFileSync(file, `${key.toString('base64')}\n`);
    expect(loadSecretBox({ dataDir, secretKeyFile: file }).keyId).toBe(keyIdFor(key));
    expect(() => statSync(path.join(dataDir, KEY_FILE_NAME))).toThrow();
  });

  it('that is not right stops the start with one line', () => {
    const dataDir = tempDir();
    const refused = (settings: Parameters<typeof loadSecretBox>[0]): string => {
      try {
        loadSecretBox(settings);
      } catch (err) {
        expect(err).toBeInstanceOf(FatalError);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused({ dataDir, secretKey: randomBytes(16).toString('base64') })).toMatch(
      /^WAYMARK_SECRET_KEY: a secret key is 32 bytes in base64/,
    );
    expect(refused({ dataDir, secretKey: 'not base64!' })).toMatch(/^WAYMARK_SECRET_KEY:/);
    const key = randomBytes(32).toString('base64');
    expect(refused({ dataDir, secretKey: key, secretKeyFile: '/x' })).toMatch(/not both/);
    expect(refused({ dataDir, secretKeyFile: path.join(dataDir, 'missing') })).toMatch(
      /cannot read .*ENOENT/,
    );
    const notAFolder = path.join(dataDir, 'file');
    writeFileSync(notAFolder, '');
    expect(refused({ dataDir: notAFolder })).toMatch(/^The secret key: cannot read .*ENOTDIR/);
    loadSecretBox({ dataDir });
    chmodSync(path.join(dataDir, KEY_FILE_NAME), 0o644);
    expect(refused({ dataDir })).toMatch(/can be read by other users.*chmod 600/);
    for (const m of [refused({ dataDir }), refused({ dataDir, secretKey: 'short' })]) {
      expect(m).not.toContain('\n');
    }
  });

  it('of an in-memory database is one per process, and nothing is written', () => {
    const a = loadSecretBox({ dataDir: 'memory://' });
    expect(loadSecretBox({ dataDir: 'memory://' }).keyId).toBe(a.keyId);
  });
});
