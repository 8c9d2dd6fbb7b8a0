/** Loads the benchmark dataset into a throwaway cluster that stays up, for plan work: prints its URL. */
import { writeFileSync } from 'node:fs';
import { insertHotline } from '../src/features/hotlines/store';
import { openDatabase } from '../src/platform/db/database';
import { migrate } from '../src/platform/db/migrate';
import { startCluster } from '../test/pg-cluster';
import { FULL, generate } from './reports-data';

const cluster = await startCluster();
const database = await openDatabase({ dataDir: '', databaseUrl: cluster.url, maxConnections: 2 });
await migrate(database.db);
const { id } = await insertHotline(database.db, { name: 'Bench hotline' });
await generate(database.db, id, FULL, console.log);
writeFileSync('/tmp/bench-url', `${cluster.url} ${id}\n`);
console.log(cluster.url, id);
await database.close();
