import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/platform/paths';

/** These run the built `waymark` command (npm test builds it first) as a person at a terminal would. */
const BIN = path.join(projectRoot, 'bin', 'waymark.js');
let dataDir: string;

function waymark(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  return spawnSync('node', [BIN, ...args], {
    input: opts.input ?? '',
    env: { ...process.env, WAYMARK_DATA_DIR: dataDir, DATABASE_URL: '', ...opts.env },
    encoding: 'utf8',
    timeout: 170_000,
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function startServe(port: number): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  const child = spawn('node', [BIN, 'serve'], {
    env: {
      ...process.env,
      WAYMARK_DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: String(port),
      WAYMARK_SMTP_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Waymark is running')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { child, output: () => out, ready };
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'waymark-cli-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));

describe('the waymark command', { timeout: 180_000 }, () => {
  it('migrates an empty data folder, then says it is up to date', () => {
    const first = waymark(['db', 'migrate']);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration/);
    const second = waymark(['db', 'migrate']);
    expect(second.stdout).toContain('up to date');
  });

  it('creates an account with the password from standard input', () => {
    const r = waymark(
      ['users', 'create', '--email', 'Coord@Example.org', '--role', 'coordinator', '--states', 'ms,mo'],
      {
        input: 'a long enough password\n',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Created coordinator coord@example.org');
    const dup = waymark(['users', 'create', '--email', 'coord@example.org', '--role', 'admin'], {
      input: 'a long enough password',
    });
    expect(dup.status).toBe(1);
    expect(dup.stderr.trim()).toBe('waymark: An account with this email already exists.');
    const weak = waymark(['users', 'create', '--email', 'x@example.org', '--role', 'admin'], {
      input: 'short',
    });
    expect(weak.status).toBe(1);
    expect(weak.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('explains itself with --help', () => {
    const r = waymark(['users', 'create', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--email');
    expect(r.stdout).toContain('standard input');
  });

  it('an unreachable DATABASE_URL is one line and exit code 1', () => {
    const r = waymark(['db', 'migrate'], {
      env: { DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/nowhere' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('Cannot reach PostgreSQL at 127.0.0.1:1');
    expect(r.stderr).not.toContain('secret');
  });

  it('serves, holds the data folder, and keeps personal data out of its logs', async () => {
    const port = await freePort();
    const serve = startServe(port);
    try {
      await serve.ready;
      const health = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.json());
      expect(health).toMatchObject({ status: 'ok', database: 'pglite' });

      // A second process on the same folder is refused, naming the holder.
      const second = waymark(['db', 'migrate']);
      expect(second.status).toBe(1);
      expect(second.stderr.trim()).toBe(
        `waymark: The data folder ${dataDir} is in use by process ${serve.child.pid} (waymark serve). Stop that process first, or point WAYMARK_DATA_DIR at another folder.`,
      );

      const res = await fetch(`http://127.0.0.1:${port}/api/auth/login?email=coord@example.org`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'coord@example.org', password: 'a long enough password' }),
      });
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(serve.output()).toContain('/api/auth/login');
      expect(serve.output()).not.toContain('coord@example.org');
      expect(serve.output()).not.toContain('a long enough password');
      expect(serve.output()).not.toContain('wm_session=');
    } finally {
      serve.child.kill('SIGTERM');
      await new Promise((r) => serve.child.once('exit', r));
    }
  });

  it('prints a one-time set-up link on a fresh data folder', async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'waymark-fresh-'));
    const previous = dataDir;
    dataDir = fresh;
    const serve = startServe(await freePort());
    try {
      await serve.ready;
      await expect.poll(() => serve.output(), { timeout: 60_000 }).toMatch(/\/setup#[A-Za-z0-9_-]{40,}/);
    } finally {
      serve.child.kill('SIGTERM');
      await new Promise((r) => serve.child.once('exit', r));
      dataDir = previous;
      rmSync(fresh, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  });
});
