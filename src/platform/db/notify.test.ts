import { connect, createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { onPostgres, openTestDatabase } from '../../../test/helpers/database';
import { freePort, startCluster } from '../../../test/pg-cluster';
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

it('listens to PostgreSQL once it can be reached, when it could not be at first', async () => {
  // The suite's PostgreSQL, or a throwaway cluster when the suite runs on the embedded database.
  const cluster = onPostgres() ? undefined : await startCluster();
  const server = await openTestDatabase(cluster ? { url: cluster.url } : {});
  // A port that refuses connections, then forwards them to the server.
  const port = await freePort();
  const target = new URL(server.url!);
  const url = new URL(server.url!);
  url.port = String(port);
  const late = createNotifier({ ...server, url: url.toString() });
  const heard: string[] = [];
  await expect(late.subscribe('wm_late_channel', (p) => heard.push(p))).rejects.toThrow();
  const proxy = createServer((socket) => {
    const upstream = connect(Number(target.port), target.hostname);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  try {
    await expect
      .poll(
        async () => {
          await server.db.transaction().execute((trx) => publish(trx, 'wm_late_channel', { n: 3 }));
          return heard.length > 0;
        },
        { timeout: 10_000, interval: 500 },
      )
      .toBe(true);
    expect(heard[0]).toBe('{"n":3}');
  } finally {
    await late.close();
    await new Promise((resolve) => proxy.close(resolve));
    await server.close();
    cluster?.stop();
  }
}, 60_000);
