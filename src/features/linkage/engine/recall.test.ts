import { describe, expect, it } from 'vitest';
import { candidatePairs, DEFAULT_RULES, trainingPairs } from './blocking';
import { compare, FAMILY, GIVEN } from './comparisons';
import { DEFAULT_SETTINGS } from './link';
import { prepare } from './record';

describe('reaching and joining an entity whose records disagree', () => {
  it('blocks a family name misspelt past its sound when the birth dates disagree too', () => {
    const a = prepare({ id: 'a', givenName: 'Oliver', familyName: 'Atkinson', birthDate: '2011-01-21' });
    const b = prepare({ id: 'b', givenName: 'Oliver', familyName: 'Atkinnos', birthDate: '2009-12-21' });
    expect(a.familyPh).not.toBe(b.familyPh);
    const rules = DEFAULT_SETTINGS.rules;
    const found = candidatePairs([a, b], rules, { maxBlockSize: 20, window: 6 });
    expect(found.count).toBe(1);
    expect(rules[found.perRule.findIndex((n) => n > 0)]!.name).toBe('given name sound and family initial');
    // Appended last: the stored keys of the earlier rules keep their rule numbers.
    expect(DEFAULT_RULES.at(-1)!.name).toBe('given name sound and family initial');
    const other = prepare({ id: 'c', givenName: 'Oliver', familyName: 'Baker', birthDate: '2009-12-21' });
    expect(candidatePairs([a, other], rules, { maxBlockSize: 20, window: 6 }).count).toBe(0);
  });

  it('estimates the model without the pairs only the loose rule finds', () => {
    // The loose rule is last: the pairs found before it are the ones that train the model.
    expect(DEFAULT_RULES.slice(0, -1).every((r) => r.train !== false)).toBe(true);
    expect(DEFAULT_RULES.at(-1)!.train).toBe(false);
    const perRule = DEFAULT_RULES.map((_, r) => r + 1);
    const total = perRule.reduce((x, y) => x + y, 0);
    expect(trainingPairs(DEFAULT_RULES, perRule)).toBe(total - perRule.at(-1)!);
  });

  it('compares names crossed over when one record holds a single name in the other field', () => {
    const full = prepare({ id: 'a', givenName: 'Shah', familyName: 'Freya', birthDate: '1970-12-17' });
    const alone = prepare({ id: 'b', givenName: 'Freya', birthDate: '1970-12-17' });
    const { levels, swapped } = compare(full, alone);
    expect(swapped).toBe(true);
    expect(levels[FAMILY]).toBe(1);
    expect(levels[GIVEN]).toBe(-1);
    // In the right fields already: nothing is crossed.
    const straight = compare(prepare({ id: 'c', givenName: 'Freya', familyName: 'Shah' }), alone);
    expect(straight.swapped).toBe(false);
    expect(straight.levels[GIVEN]).toBe(1);
  });
});
