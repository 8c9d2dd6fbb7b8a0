import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/paths';

/** `waymark db maintain` from the sources, on an embedded database folder of its own. */
let dataDir: string;

function waymark(args: string[]) {
  return spawnSync(
    process.execPath,
    [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/main.ts', ...args],
    {
      cwd: projectRoot,
      env: { ...process.env, WAYMARK_DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 170_000,
    },
  );
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'waymark-maintain-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('waymark db maintain', () => {
  it('shows each table it analyzes or vacuums, then nothing left to do', { timeout: 180_000 }, () => {
    const first = waymark(['db', 'maintain']);
    expect(first.stderr).not.toContain('waymark:');
    expect(first.status).toBe(0);
    // A new folder's tables hold the reference data the migrations loaded, never analyzed.
    expect(first.stdout).toMatch(/^\[1\/\d+\] analyze \w+\.\w+ \(/m);
    expect(first.stdout).toMatch(/^Done: \d+ table\(s\) in \d+\.\d s\.$/m);

    const second = waymark(['db', 'maintain']);
    expect(second.status).toBe(0);
    expect(second.stdout.trim()).toBe('Every table is up to date; nothing to do.');
  });

  it('refuses --full without --all', { timeout: 180_000 }, () => {
    const res = waymark(['db', 'maintain', '--full']);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('--full rewrites every table: use it with --all.');
  });
});
