import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { defaultPopulation, per100k, readPopulation } from './population';

describe('population tables', () => {
  it('ships the 2019 Census table for the 50 states and DC', () => {
    const t = defaultPopulation();
    expect(t.byState.size).toBe(51);
    expect([...t.byState.values()].reduce((a, b) => a + b, 0)).toBe(328_239_523);
    expect(per100k(148, t.byState.get('MS'))).toBe(4.97);
  });

  it('accepts another table with the same columns', () => {
    const t = readPopulation(
      'state,fips,abbr,population,population_18_plus\nMississippi,28,MS,2961279,2277566\n',
      'census-2020.csv',
    );
    expect(t.byState.get('MS')).toBe(2961279);
    expect(t.source).toBe('census-2020.csv');
  });

  it('names the line and column of a bad row', () => {
    const bad =
      'state,fips,abbr,population,population_18_plus\nMississippi,28,MS,2961279,2277566\nMissouri,29,MO,lots,1\n';
    const err = (() => {
      try {
        readPopulation(bad, 'bad.csv');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/line 3: population/);
  });
});
