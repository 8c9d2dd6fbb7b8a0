import { describe, expect, it } from 'vitest';
import { suppress, type CellIn } from './suppression';

const cells = (values: number[]): CellIn[] =>
  values.map((value, i) => ({ key: `k${i}`, label: `K${i}`, value }));

/**
 * Everything a reader could try: every assignment of the hidden cells that agrees with the shown
 * cells and the total, where "fewer than 3" means 1 or 2 and any other hidden cell may be anything
 * from 0 up. A hidden cell is recovered when it has the same value in every such assignment.
 */
function recoverable(values: number[], threshold: number): string[] {
  const b = suppress(cells(values), threshold);
  if (b.withheld) return [];
  const hidden = b.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.value === null);
  const shown = b.cells.reduce((a, c) => a + (c.value ?? 0), 0);
  const remainder = b.total - shown;
  const options = hidden.map(({ c }) =>
    c.suppressed === 'primary'
      ? Array.from({ length: threshold - 1 }, (_, k) => k + 1)
      : Array.from({ length: remainder + 1 }, (_, k) => k),
  );
  const seen = hidden.map(() => new Set<number>());
  const walk = (j: number, sum: number, picked: number[]): void => {
    if (sum > remainder) return;
    if (j === hidden.length) {
      if (sum === remainder) picked.forEach((v, k) => seen[k]!.add(v));
      return;
    }
    for (const v of options[j]!) walk(j + 1, sum + v, [...picked, v]);
  };
  walk(0, 0, []);
  return hidden.filter((_, k) => seen[k]!.size <= 1).map(({ c }) => c.key);
}

describe('small numbers', () => {
  it('shows counts of 1 and 2 as "fewer than 3"', () => {
    const b = suppress(cells([40, 2, 17, 9]), 3);
    expect(b.cells[1]).toMatchObject({ value: null, display: 'fewer than 3', suppressed: 'primary' });
    expect(b.cells[0]).toMatchObject({ value: 40, display: '40', suppressed: null });
  });

  it('hides another cell so that the hidden one cannot be had by subtraction', () => {
    const b = suppress(cells([40, 2, 17, 9]), 3);
    expect(b.cells.filter((c) => c.value === null).length).toBeGreaterThanOrEqual(2);
    expect(b.total - b.cells.reduce((a, c) => a + (c.value ?? 0), 0)).toBeGreaterThan(2);
    expect(recoverable([40, 2, 17, 9], 3)).toEqual([]);
  });

  it('two cells of 1 alone would give each other away (1 + 1 = 2)', () => {
    expect(recoverable([30, 1, 1, 12, 5], 3)).toEqual([]);
    const b = suppress(cells([30, 1, 1, 12, 5]), 3);
    expect(b.cells.some((c) => c.suppressed === 'complementary')).toBe(true);
  });

  it('withholds a breakdown that cannot be shown safely', () => {
    const b = suppress(cells([2, 0, 0]), 3);
    expect(b.withheld).toBe(true);
    expect(b.cells.every((c) => c.value === null)).toBe(true);
  });

  it('no hidden cell is ever recoverable, over many breakdowns and thresholds', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let run = 0; run < 300; run++) {
      const threshold = 2 + rand(4);
      const values = Array.from({ length: 2 + rand(5) }, () => (rand(3) === 0 ? rand(threshold) : rand(15)));
      expect(recoverable(values, threshold), `${values.join(',')} t=${threshold}`).toEqual([]);
    }
  });

  it('leaves breakdowns without small numbers alone', () => {
    const b = suppress(cells([12, 0, 5, 3]), 3);
    expect(b.cells.map((c) => c.value)).toEqual([12, 0, 5, 3]);
  });
});
