import { describe, expect, it } from 'vitest';
import { generatePeople } from '../../../../bench/linkage-generate';
import { linkRecords } from './link';

describe('batch linkage on two threads', () => {
  it('gives exactly the result of one thread', () => {
    const { records } = generatePeople(4000, 11);
    const one = linkRecords(records, { threads: 1 });
    const two = linkRecords(records, { threads: 2 });
    expect(one.pairs.count).toBeGreaterThan(1000);
    expect(Array.from(two.pairs.left)).toEqual(Array.from(one.pairs.left));
    expect(Array.from(two.pairs.right)).toEqual(Array.from(one.pairs.right));
    expect(Array.from(two.pairs.probability)).toEqual(Array.from(one.pairs.probability));
    expect(two.params).toEqual(one.params);
    expect(Array.from(two.labels)).toEqual(Array.from(one.labels));
    expect(two.review).toEqual(one.review);
    // Some records were joined, so the comparison covered real matches.
    expect(new Set(one.labels).size).toBeLessThan(records.length);
  });
});
