import { describe, expect, it } from 'vitest';
import { restartDelay } from './serve-cluster';

describe('starting a stopped worker again', () => {
  it('waits a second, then twice as long after each stop soon after starting, at most a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map(restartDelay)).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000,
    ]);
  });
});
