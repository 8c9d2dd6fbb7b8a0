/**
 * Where the key that seals stored secrets comes from, in this order: WAYMARK_SECRET_KEY (32 bytes
 * in base64), WAYMARK_SECRET_KEY_FILE (a file holding that), or `secret.key` in the data folder,
 * made on first start (mode 0600) so a fresh install needs no setting. An in-memory database
 * (`memory://`) gets a key for this process only: nothing it seals outlives the process.
 * WAYMARK_SECRET_KEY_PREVIOUS(_FILE) is the key being rotated away from (docs/operations.md).
 * Anything wrong is one line at start (FatalError), never a failure later.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FatalError } from '../errors';
import { secretBox, type SecretBox } from './box';

export interface SecretKeySettings {
  dataDir: string;
  secretKey?: string | undefined;
  secretKeyFile?: string | undefined;
  previousSecretKey?: string | undefined;
  previousSecretKeyFile?: string | undefined;
}

export const KEY_FILE_NAME = 'secret.key';
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
/** One key per process for in-memory databases (tests, benchmarks), shared by all of them. */
const processKey = randomBytes(32);

function decode(text: string, name: string): Buffer {
  const t = text.trim();
  const key = BASE64.test(t)
    ? Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64')
    : null;
  if (!key || key.length !== 32) {
    throw new FatalError(
      `${name}: a secret key is 32 bytes in base64 (make one with: openssl rand -base64 32); this is not one.`,
    );
  }
  return key;
}

function readKeyFile(file: string, name: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new FatalError(`${name}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  return decode(text, `${name} (${file})`);
}

/** The data folder's key: read, or made once (two processes starting together agree on one). */
function dataFolderKey(dataDir: string): { key: Buffer; source: string } {
  const file = path.join(dataDir, KEY_FILE_NAME);
  const source = file;
  let mode: number | undefined;
  try {
    mode = statSync(file).mode;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Not there yet: made below. Anything else (the data folder is a file, or unreadable) is one line.
    if (code !== 'ENOENT') throw new FatalError(`The secret key: cannot read ${file} (${code ?? 'error'}).`);
  }
  if (mode !== undefined) {
    if (mode & 0o077) {
      throw new FatalError(
        `The secret key ${file} can be read by other users of this machine: run chmod 600 ${file}.`,
      );
    }
    return { key: readKeyFile(file, 'The secret key'), source };
  }
  // Written whole under another name, then linked into place: a process starting at the same
  // moment finds either no key file or a complete one, and the first link wins.
  const key = randomBytes(32);
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(draft, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(code)) throw err;
      // A file system without links: written in place, still never over another key.
      writeFileSync(file, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    }
    return { key, source };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      return { key: readKeyFile(file, 'The secret key'), source };
    throw new FatalError(
      `Cannot keep a secret key in ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}): make the data folder writable, or set WAYMARK_SECRET_KEY.`,
    );
  } finally {
    rmSync(draft, { force: true });
  }
}

function given(value: string | undefined, file: string | undefined, name: string): Buffer | undefined {
  if (value && file) throw new FatalError(`Give ${name} or ${name}_FILE, not both.`);
  if (value) return decode(value, name);
  if (file) return readKeyFile(file, `${name}_FILE`);
  return undefined;
}

/** The box the server and the CLI seal and open stored secrets with. */
export function loadSecretBox(s: SecretKeySettings): SecretBox {
  const previous = given(s.previousSecretKey, s.previousSecretKeyFile, 'WAYMARK_SECRET_KEY_PREVIOUS');
  const current = given(s.secretKey, s.secretKeyFile, 'WAYMARK_SECRET_KEY');
  if (current) {
    const source = s.secretKey ? 'WAYMARK_SECRET_KEY' : `WAYMARK_SECRET_KEY_FILE (${s.secretKeyFile})`;
    return secretBox(current, source, previous ? [previous] : []);
  }
  if (s.dataDir.startsWith('memory://')) {
    return secretBox(processKey, 'a key for this process only', previous ? [previous] : []);
  }
  const { key, source } = dataFolderKey(s.dataDir);
  return secretBox(key, source, previous ? [previous] : []);
}

declare module '../http/route' {
  interface AppExtensions {
    /** Seals and opens stored secrets (box.ts); loaded and checked at start. */
    secrets: SecretBox;
  }
}
