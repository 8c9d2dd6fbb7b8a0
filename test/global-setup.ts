import type { TestProject } from 'vitest/node';
import { startCluster, type Cluster } from './pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | undefined;
  }
}

let cluster: Cluster | undefined;

/** With WAYMARK_TEST_PG=1 the whole suite runs on a throwaway PostgreSQL cluster instead of PGlite. */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.WAYMARK_TEST_PG === '1') {
    const url = process.env.WAYMARK_TEST_PG_URL ?? (cluster = await startCluster()).url;
    project.provide('pgUrl', url);
  } else {
    project.provide('pgUrl', undefined);
  }
}

export function teardown(): void {
  cluster?.stop();
}
