import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/paths';
import { readLabelledCsv } from './csv-input';
import { evaluateLinkage } from './evaluate';

// The shared benchmark data sits beside the repository (../shared), read-only.
const data = path.resolve(projectRoot, '../shared/data/linkage');

describe('evaluate on the labelled files, default settings', () => {
  it('FEBRL dataset3: cluster-level F1 at least 0.995', () => {
    const { records, truth } = readLabelledCsv(path.join(data, 'febrl/dataset3.csv'), {
      truthPattern: '^rec-(\\d+)-',
    });
    // The id leaks the truth: the model must get an opaque one.
    expect(records.every((r, i) => r.id === String(i))).toBe(true);
    const e = evaluateLinkage(records, truth);
    expect(e.records).toBe(5000);
    expect(e.cluster.f1).toBeGreaterThanOrEqual(0.995);
    expect(e.pairwise.f1).toBeGreaterThanOrEqual(0.995);
    expect(e.emConverged).toBe(true);
  });

  it('Splink fake_1000: cluster-level F1 at least 0.90', () => {
    const { records, truth, mapping } = readLabelledCsv(path.join(data, 'splink/fake_1000.csv'), {
      truthColumn: 'cluster',
    });
    expect(Object.values(mapping).flat()).not.toContain('cluster');
    const e = evaluateLinkage(records, truth);
    expect(e.cluster.f1).toBeGreaterThanOrEqual(0.9);
    expect(e.pairwise.f1).toBeGreaterThanOrEqual(0.9);
    // Recall without losing precision: entities whose records disagree in several fields still join.
    expect(e.pairwise.precision).toBeGreaterThanOrEqual(0.995);
    expect(e.pairCompleteness).toBeGreaterThanOrEqual(0.82);
    expect(e.pairwise.recall).toBeGreaterThanOrEqual(0.875);
    expect(e.exactClusters.f1).toBeGreaterThanOrEqual(0.64);
  });
});

describe('waymark linkage evaluate', () => {
  it('names a missing mapped column in one line and exits 1', () => {
    const tsx = path.join(projectRoot, 'node_modules/.bin/tsx');
    expect(existsSync(tsx)).toBe(true);
    const run = spawnSync(
      tsx,
      [
        path.join(projectRoot, 'src/cli/main.ts'),
        'linkage',
        'evaluate',
        '--input',
        path.join(data, 'splink/fake_1000.csv'),
        '--truth-column',
        'cluster',
        '--map',
        'givenName=forename',
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"forename"');
    expect(run.stdout).toBe('');
  });
});
