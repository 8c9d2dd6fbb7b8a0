import { describe, expect, it } from 'vitest';
import { COMPARISON_COUNT, compare } from './comparisons';
import { defaultModel } from './defaults';
import { linkRecords } from './link';
import { defaultU, estimateM } from './model';
import { mulberry32 } from './random';
import { prepare } from './record';
import { explain } from './score';

describe('expectation–maximisation', () => {
  it('converges to the parameters that generated the data, never lowering the likelihood', () => {
    // Three fields with known m and u; 20% of pairs are matches.
    const m = [
      [0.05, 0.8, 0.05, 0.05, 0.03, 0.02],
      [0.1, 0.7, 0.1, 0.05, 0.05],
    ];
    const u = [
      [0.9, 0.02, 0.01, 0.02, 0.02, 0.03],
      [0.92, 0.03, 0.02, 0.01, 0.02],
    ];
    const rand = mulberry32(7);
    const draw = (p: number[]): number => {
      let r = rand();
      for (let i = 0; i < p.length; i++) if ((r -= p[i]!) < 0) return i;
      return p.length - 1;
    };
    const counts = new Map<string, { levels: Int8Array; count: number }>();
    for (let i = 0; i < 40_000; i++) {
      const match = rand() < 0.2;
      const levels = new Int8Array(COMPARISON_COUNT).fill(-1);
      levels[0] = draw(match ? m[0]! : u[0]!);
      levels[1] = draw(match ? m[1]! : u[1]!);
      const key = levels.join(',');
      const e = counts.get(key);
      if (e) e.count++;
      else counts.set(key, { levels, count: 1 });
    }
    const startU = defaultU();
    const em = estimateM([...counts.values()], startU, { maxIterations: 500, tolerance: 1e-7 });
    expect(em.converged).toBe(true);
    for (let i = 1; i < em.logLikelihood.length; i++) {
      expect(em.logLikelihood[i]!).toBeGreaterThanOrEqual(em.logLikelihood[i - 1]! - 1e-6);
    }
    expect(em.lambda).toBeGreaterThan(0.17);
    expect(em.lambda).toBeLessThan(0.23);
    expect(em.m[0]![1]!).toBeGreaterThan(0.72);
    expect(em.uCandidates[0]![0]!).toBeGreaterThan(0.85);
  });
});

describe('scores and explanations', () => {
  const model = defaultModel();
  it('explains a score with terms that add up to the total weight', () => {
    const a = prepare({
      id: 'a',
      givenName: 'Robert',
      familyName: 'Allen',
      birthDate: '1971-06-24',
      emails: ['rob@example.org'],
    });
    const b = prepare({
      id: 'b',
      givenName: 'Bob',
      familyName: 'Alen',
      birthDate: '1971-06-24',
      phones: ['601 555 0134'],
    });
    const e = explain(model, a, b);
    const sum = e.prior + e.terms.reduce((s, t) => s + t.weight, 0);
    expect(sum).toBeCloseTo(e.totalWeight, 10);
    expect(e.probability).toBeCloseTo(1 / (1 + 2 ** -e.totalWeight), 10);
    const given = e.terms.find((t) => t.field === 'given')!;
    expect(given.level).toBe('nickname or alias');
    expect(given.weight).toBeGreaterThan(0);
    expect(e.terms.find((t) => t.field === 'phone')!.level).toBe('missing');
    expect(e.terms.find((t) => t.field === 'phone')!.weight).toBe(0);
  });

  it('recognises swapped given and family names', () => {
    const a = prepare({ id: 'a', givenName: 'Nguyen', familyName: 'Thi Lan' });
    const b = prepare({ id: 'b', givenName: 'Thi Lan', familyName: 'Nguyen' });
    const { levels, swapped } = compare(a, b);
    expect(swapped).toBe(true);
    expect([levels[0], levels[1]]).toEqual([1, 1]);
  });

  it('compares names in non-Latin scripts instead of dropping them', () => {
    const a = prepare({ id: 'a', fullName: 'Мария Иванова', birthDate: '1990-04-02' });
    const b = prepare({ id: 'b', fullName: 'Марія Иванова', birthDate: '1990-04-02' });
    const c = prepare({ id: 'c', fullName: 'Ольга Петрова', birthDate: '1990-04-02' });
    expect(a.empty).toBe(false);
    expect(a.given).toBe('мария');
    const ab = compare(a, b).levels;
    expect(ab[0]).toBe(3);
    expect(ab[1]).toBe(1);
    expect(explain(model, a, b).totalWeight).toBeGreaterThan(explain(model, a, c).totalWeight);
    const accents = compare(
      prepare({ id: 'x', givenName: 'José' }),
      prepare({ id: 'y', givenName: 'Jose' }),
    ).levels;
    expect(accents[0]).toBe(1);
  });

  it('keeps records with nothing to compare, and never links them', () => {
    const records = [
      { id: '1' },
      { id: '2', givenName: ' ', phones: [''] },
      { id: '3' },
      { id: '4', givenName: 'Ana', familyName: 'Lopez', phones: ['+52 55 1234 5678'] },
      { id: '5', givenName: 'Ana', familyName: 'López', phones: ['+52 55 1234 5678'] },
    ];
    const result = linkRecords(records, { model: defaultModel() });
    expect(result.prepared[0]!.empty).toBe(true);
    expect(result.prepared[1]!.empty).toBe(true);
    expect(result.labels).toHaveLength(5);
    expect(new Set([result.labels[0], result.labels[1], result.labels[2]]).size).toBe(3);
    expect(result.labels[3]).toBe(result.labels[4]);
    expect(result.labels[0]).not.toBe(result.labels[3]);
  });

  it('respects decisions: a rejected pair stays apart, a confirmed one is joined', () => {
    const records = [
      { id: '0', givenName: 'Ana', familyName: 'Lopez', phones: ['+52 55 1234 5678'] },
      { id: '1', givenName: 'Ana', familyName: 'Lopez', phones: ['+52 55 1234 5678'] },
      { id: '2', givenName: 'Peter', familyName: 'Novak' },
      { id: '3', givenName: 'Ruth', familyName: 'Ode' },
    ];
    const result = linkRecords(records, {
      model: defaultModel(),
      decisions: { rejected: [[0, 1]], confirmed: [[2, 3]] },
    });
    expect(result.labels[0]).not.toBe(result.labels[1]);
    expect(result.labels[2]).toBe(result.labels[3]);
  });
});
