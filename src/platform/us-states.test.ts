import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { referenceDir } from './paths';
import { PLACE_CODES, STATES_AND_DC } from './us-states';

it('names the states and DC exactly as the population table does', () => {
  const rows = readFileSync(path.join(referenceDir, 'state_population_2019.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const table = rows.map((line) => {
    const [state, , abbr] = line.split(',');
    return [abbr, state];
  });
  expect([...STATES_AND_DC].map(([c, n]) => [c, n]).sort()).toEqual(table.sort());
  expect(new Set(PLACE_CODES).size).toBe(56);
});
