import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/helpers/database';
import type { Database } from './database';
import { createNotifier, publish, type Notifier } from './notify';

let database: Database;
let notifier: Notifier;
beforeAll(async () => {
  database = await openTestDatabase();
  notifier = createNotifier(database);
});
afterAll(async () => {
  await notifier.close();
  await database.close();
});

it('delivers a notification only once its transaction commits', async () => {
  const heard: string[] = [];
  await notifier.subscribe('wm_test_channel', (p) => heard.push(p));
  await database.db
    .transaction()
    .execute(async (trx) => {
      await publish(trx, 'wm_test_channel', { n: 1 });
      throw new Error('roll back');
    })
    .catch(() => undefined);
  await database.db.transaction().execute((trx) => publish(trx, 'wm_test_channel', { n: 2 }));
  await expect.poll(() => heard, { timeout: 5000 }).toEqual(['{"n":2}']);
});
