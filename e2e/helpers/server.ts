import type { AddressInfo } from 'node:net';
import { createWaymark } from '../../src/app';
import { loadConfig, type Config } from '../../src/platform/config';
import type { Database } from '../../src/platform/db/database';
import { webDistDir } from '../../src/platform/paths';
import { openTestDatabase } from '../../test/helpers/database';

export interface RunningServer {
  url: string;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/** A real Waymark on a loopback port, serving the built web app, on a fresh test database. */
export async function startServer(): Promise<RunningServer> {
  const database = await openTestDatabase();
  const provisional = loadConfig({}, { logLevel: 'silent', dataDir: 'memory://', port: 0 });
  const { http } = await createWaymark({ config: provisional, database, logger: false, webDir: webDistDir });
  await http.listen({ port: 0, host: '127.0.0.1' });
  const port = (http.server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  // The public URL is only known once the port is: the origin check and the set-up link use it.
  Object.assign(provisional, { port, publicUrl: url });
  return {
    url,
    database,
    config: provisional,
    close: async () => {
      await http.close();
      await database.close();
    },
  };
}
