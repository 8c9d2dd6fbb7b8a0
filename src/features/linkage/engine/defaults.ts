/**
 * The model used before a hotline has enough records for a batch run to estimate its own:
 * m and u per level set from experience with person data (as Splink's documented starting values),
 * and a prior of one match in ten thousand pairs. A batch run replaces it with estimates.
 */
import { COMPARISONS } from './comparisons';
import type { ModelParams } from './model';

/** [m, u] for each level (index = level; level 0 = "different"). */
const LEVELS: Record<string, Array<[number, number]>> = {
  given: [
    [0.05, 0.97],
    [0.7, 0.005],
    [0.06, 0.001],
    [0.1, 0.004],
    [0.04, 0.008],
    [0.05, 0.012],
  ],
  family: [
    [0.05, 0.98],
    [0.75, 0.003],
    [0.1, 0.003],
    [0.05, 0.006],
    [0.05, 0.008],
  ],
  birth: [
    [0.05, 0.95],
    [0.75, 0.00005],
    [0.08, 0.0005],
    [0.04, 0.003],
    [0.05, 0.04],
    [0.03, 0.005],
  ],
  phone: [
    [0.15, 0.999],
    [0.8, 0.00001],
    [0.03, 0.0001],
    [0.02, 0.0003],
  ],
  email: [
    [0.1, 0.999],
    [0.8, 0.00001],
    [0.07, 0.0002],
    [0.03, 0.0008],
  ],
  street: [
    [0.15, 0.99],
    [0.7, 0.0005],
    [0.1, 0.002],
    [0.05, 0.008],
  ],
  city: [
    [0.15, 0.9],
    [0.75, 0.07],
    [0.1, 0.03],
  ],
  postcode: [
    [0.1, 0.99],
    [0.8, 0.005],
    [0.1, 0.005],
  ],
  state: [
    [0.1, 0.8],
    [0.9, 0.2],
  ],
  idNumber: [
    [0.05, 0.9999],
    [0.85, 0.000001],
    [0.1, 0.00001],
  ],
  org: [
    [0.1, 0.99],
    [0.7, 0.001],
    [0.15, 0.003],
    [0.05, 0.01],
  ],
};

export function defaultModel(): ModelParams {
  return {
    m: COMPARISONS.map((c) => LEVELS[c.id]!.map(([m]) => m)),
    u: COMPARISONS.map((c) => LEVELS[c.id]!.map(([, u]) => u)),
    lambda: 1e-4,
    tf: {},
    tfFloor: {},
    records: 0,
  };
}
