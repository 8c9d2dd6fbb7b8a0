import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/helpers/database';
import type { Database } from './db/database';
import { createJobs, type Jobs } from './jobs';

let database: Database;
let jobs: Jobs;
beforeAll(async () => {
  database = await openTestDatabase();
  jobs = createJobs(database);
});
afterAll(async () => {
  await jobs.stop();
  await database.close();
});

it('runs a job sent to a queue, from the database', async () => {
  const done: Array<{ n: number }> = [];
  await jobs.work<{ n: number }>('test-queue', async (data) => void done.push(data), {
    pollingIntervalSeconds: 0.5,
  });
  await jobs.start();
  await jobs.send('test-queue', { n: 42 });
  await expect.poll(() => done, { timeout: 15_000 }).toEqual([{ n: 42 }]);
});
