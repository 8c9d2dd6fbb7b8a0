import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database';
import { projectRoot } from '../src/platform/paths';

/** The built `waymark channels` command (npm test builds it first), as an operator at a terminal runs it. */
const BIN = path.join(projectRoot, 'bin', 'waymark.js');
const TOKEN = 'cli-token-0123456789abcdef01234567';
const NEW_TOKEN = 'cli-token-renewed-fedcba9876543210';
const SID = `AC${'0123456789abcdef'.repeat(2)}`;
let dir: string;

function waymark(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync('node', [BIN, ...args], {
    input: opts.input ?? '',
    env: {
      ...process.env,
      WAYMARK_DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: '',
      WAYMARK_PUBLIC_URL: 'https://hotline.example.org',
      ...opts.env,
    },
    encoding: 'utf8',
    timeout: 170_000,
  });
  // No token ever reaches the terminal.
  for (const t of [TOKEN, NEW_TOKEN]) expect(r.stdout + r.stderr).not.toContain(t.slice(0, -4));
  return r;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-cli-channels-'));
  writeFileSync(path.join(dir, 'token'), `${TOKEN}\n`);
  writeFileSync(path.join(dir, 'new-token'), NEW_TOKEN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));

describe('waymark channels', { timeout: 180_000 }, () => {
  it('an operator sets up a fresh install’s number, addresses and webform', () => {
    const none = waymark(['channels', 'list']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('There is no hotline yet');
    const admin = waymark(['users', 'create', '--email', 'ops@example.org', '--role', 'admin'], {
      input: 'a long enough password',
    });
    expect(admin.status, admin.stderr).toBe(0);

    const text = waymark([
      'channels',
      'add',
      '--kind',
      'text',
      '--address',
      '(601) 555-0100',
      '--twilio-account-sid',
      SID,
      '--twilio-auth-token-file',
      path.join(dir, 'token'),
    ]);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain('Added text channel +16015550100 (auth token set).');

    const phone = waymark(
      [
        'channels',
        'add',
        '--kind',
        'phone',
        '--address',
        '+16015550100',
        '--advocate-numbers',
        '601-555-0111, +16015550112',
        '--twilio-auth-token-env',
        'TWILIO_TOKEN',
      ],
      { env: { TWILIO_TOKEN: TOKEN } },
    );
    expect(phone.status, phone.stderr).toBe(0);
    const email = waymark(['channels', 'add', '--kind', 'email', '--address', 'Tips@Report.Example.org']);
    expect(email.stdout).toContain('Added email channel tips@report.example.org.');
    const form = waymark(['channels', 'add', '--kind', 'webform', '--address', 'default']);
    expect(form.status, form.stderr).toBe(0);

    const list = waymark(['channels', 'list', '--hotline', 'waymark-hotline']);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^text +\+16015550100 +token set \(…4567\); account AC0123/m);
    expect(list.stdout).toMatch(
      /^phone +\+16015550100 +token set \(…4567\); rings \+16015550111, \+16015550112$/m,
    );
    expect(list.stdout).toMatch(/^email +tips@report\.example\.org$/m);
    expect(list.stdout).toMatch(/^webform +default$/m);
    expect(list.stdout).toContain('A message comes in: POST https://hotline.example.org/hooks/twilio/sms');
    expect(list.stdout).toContain('A call comes in: POST https://hotline.example.org/hooks/twilio/voice');
  });

  it('keeps the tokens sealed under the data folder’s key, and a wrong key is one line', async () => {
    const keyFile = path.join(dir, 'data', 'secret.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const database = await openDatabase({ dataDir: path.join(dir, 'data'), purpose: 'test' });
    try {
      const rows = await database.db.selectFrom('hotline_channels').select('twilio_auth_token').execute();
      const tokens = rows.map((r) => r.twilio_auth_token).filter((t) => t !== null);
      expect(tokens).toHaveLength(2);
      for (const t of tokens) {
        expect(t).toMatch(/^wm1\./);
        expect(t).not.toContain(TOKEN.slice(0, 8));
      }
    } finally {
      await database.close();
    }
    const wrong = waymark(['channels', 'list'], {
      env: { WAYMARK_SECRET_KEY: randomBytes(32).toString('base64') },
    });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toContain(`sealed with secret key`);
    expect(wrong.stderr).toContain('(WAYMARK_SECRET_KEY)');
  });

  it('never takes the token on the command line, and says what is wrong in one line', () => {
    const argv = waymark([
      'channels',
      'add',
      '--kind',
      'text',
      '--address',
      '+16015550200',
      '--twilio-auth-token',
      TOKEN,
    ]);
    expect(argv.status).toBe(1);
    expect(argv.stderr).toContain('never given on the command line');
    expect(argv.stderr.trim().split('\n')).toHaveLength(1);

    const badNumber = waymark(['channels', 'add', '--kind', 'text', '--address', 'my number']);
    expect(badNumber.status).toBe(1);
    expect(badNumber.stderr.trim()).toBe('waymark: --address: Enter a phone number like +15551234567');
    const taken = waymark(['channels', 'add', '--kind', 'text', '--address', '+1 601 555 0100']);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('--address: Already in use');
    const badAdvocate = waymark([
      'channels',
      'add',
      '--kind',
      'phone',
      '--address',
      '+16015550300',
      '--advocate-numbers',
      '+16015550111,ask Ana',
    ]);
    expect(badAdvocate.stderr).toContain('--advocate-numbers (number 2): "ask Ana" is not a phone number');
    const badKind = waymark(['channels', 'add', '--kind', 'fax', '--address', '+16015550300']);
    expect(badKind.stderr.trim()).toBe('waymark: --kind: use one of text, phone, email, webform.');
    const noFile = waymark([
      'channels',
      'add',
      '--kind',
      'text',
      '--address',
      '+16015550300',
      '--twilio-auth-token-file',
      path.join(dir, 'missing'),
    ]);
    expect(noFile.stderr).toContain('cannot read');
    expect(waymark(['channels', 'list']).stdout).not.toContain('+16015550300');
  });

  it('a new token from standard input; removing a channel', () => {
    const changed = waymark(
      ['channels', 'change', '--kind', 'text', '--address', '+16015550100', '--twilio-auth-token-stdin'],
      { input: `${NEW_TOKEN}\n` },
    );
    expect(changed.status, changed.stderr).toBe(0);
    expect(waymark(['channels', 'list']).stdout).toMatch(/^text +\+16015550100 +token set \(…3210\)/m);

    const removed = waymark([
      'channels',
      'remove',
      '--kind',
      'email',
      '--address',
      'tips@report.example.org',
    ]);
    expect(removed.status, removed.stderr).toBe(0);
    expect(waymark(['channels', 'list']).stdout).not.toContain('tips@report.example.org');
    const again = waymark(['channels', 'remove', '--kind', 'email', '--address', 'tips@report.example.org']);
    expect(again.stderr.trim()).toBe('waymark: This hotline has no email channel tips@report.example.org.');
  });
});
