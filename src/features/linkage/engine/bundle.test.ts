import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleCsv } from '../../../../bench/linkage-generate';
import type { Evaluation } from '../evaluate';

const root = path.resolve(import.meta.dirname, '../../../..');
let dir: string;

/**
 * The built CLI, made by package.json's own build:server script, into a folder of its own inside
 * the checkout (where the external packages resolve, as from dist/).
 */
beforeAll(() => {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  dir = mkdtempSync(path.join(root, '.tmp', 'bundle-'));
  const script = (
    JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts['build:server']!;
  expect(script).toContain('--outdir=dist');
  execSync(script.replace('--outdir=dist', `--outdir=${dir}`), {
    cwd: root,
    env: {
      ...process.env,
      PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
    },
    stdio: 'pipe',
  });
  writeFileSync(path.join(dir, 'people.csv'), peopleCsv(3000, 5, { withId: true }));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const evaluate = (threads: number): Evaluation =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [
        path.join(dir, 'cli.js'),
        'linkage',
        'evaluate',
        '--input',
        path.join(dir, 'people.csv'),
        '--truth-column',
        'truth',
        '--threads',
        String(threads),
        '--json',
      ],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  ) as Evaluation;

describe('the built CLI (dist/cli.js) links on two threads', () => {
  it('runs the bundled helper thread and gives the one-thread result', () => {
    const two = evaluate(2);
    const one = evaluate(1);
    expect(two.threads).toBe(2);
    expect(one.threads).toBe(1);
    expect(two.records).toBe(3000);
    expect(two.candidatePairs).toBeGreaterThan(1000);
    const { wallSeconds: _w2, recordsPerSecond: _r2, threads: _t2, ...twoFigures } = two;
    const { wallSeconds: _w1, recordsPerSecond: _r1, threads: _t1, ...oneFigures } = one;
    expect(twoFigures).toEqual(oneFigures);
    // Some records were joined, so the comparison covered real matches.
    expect(two.predictedClusters).toBeLessThan(3000);
  });
});
