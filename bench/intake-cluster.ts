/**
 * The intake benchmark's PostgreSQL: the test harness's throwaway cluster with PostgreSQL's durable
 * defaults (fsync and synchronous_commit on), so a signal counted here has reached the disk before
 * it was acknowledged.
 */
import { freePort, startCluster, type Cluster } from '../test/pg-cluster';

export { freePort };

export const startDurableCluster = (): Promise<Cluster> => startCluster({ durable: true });
