import cluster from 'node:cluster';
import type { Command } from 'commander';
import { createWaymark } from '../../app';
import { issueSetupLink } from '../../features/accounts/setup';
import { startSmtpListener } from '../../features/intake/smtp';
import { loadSmtpTls } from '../../features/intake/smtp-tls';
import { jurisdictions } from '../../features/mandatory-reports/jurisdictions';
import { startReferralReminders } from '../../features/referrals/reminders';
import { loadConfig } from '../../platform/config';
import { startMaintenance } from '../../platform/db/maintenance';
import { describeDatabase, openMigrated } from '../open';
import { runPrimary, workerCount, workerIndex } from './serve-cluster';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start Waymark: the web app, the API and the intake channels')
    .option('-p, --port <port>', 'HTTP port (or PORT)', (v) => Number(v))
    .option('--host <host>', 'address to listen on (or HOST; default 127.0.0.1)')
    .option(
      '--workers <n>',
      'server processes sharing the port, PostgreSQL only (or WAYMARK_WORKERS; default 1)',
      (v) => Number(v),
    )
    .action(async (opts: { port?: number; host?: string; workers?: number }) => {
      const config = loadConfig(process.env, {
        ...(opts.port !== undefined ? { port: opts.port } : {}),
        ...(opts.host ? { host: opts.host } : {}),
      });
      jurisdictions(); // a jurisdiction file with an unknown field or condition stops the start here
      // A bad certificate or key stops the start here, in the primary too, before any worker.
      const smtpTls = config.smtpPort ? loadSmtpTls(config) : undefined;
      const workers = workerCount(opts.workers, process.env);
      if (workers > 1 && cluster.isPrimary) return runPrimary(config, workers);
      // Alone, or worker 1 of several: the SMTP port and the periodic reminders belong to one process.
      const first = workerIndex() === 1;
      const { database, applied } = await openMigrated(config, 'waymark serve');
      const { http, services } = await createWaymark({ config, database });
      const smtp =
        config.smtpPort && first
          ? await startSmtpListener({
              database,
              port: config.smtpPort,
              host: config.smtpHost,
              tls: smtpTls,
              log: http.log,
            })
          : undefined;
      let closing = false;
      // The embedded engine has no autovacuum: analyze and vacuum 30 s after start, then every 10 minutes.
      const upkeep = startMaintenance(database, http.log);
      const shutdown = async (): Promise<void> => {
        if (closing) return;
        closing = true;
        await smtp?.close();
        await http.close();
        await upkeep.stop();
        await database.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown());
      process.on('SIGTERM', () => void shutdown());
      await http.listen({ port: config.port, host: config.host });
      if (first) startReferralReminders(database); // unanswered referrals raise a reminder (every 5 minutes)
      await services.jobs.start();
      if (cluster.isWorker) return; // the primary tells the person at the terminal
      if (applied.length) console.log(`Database updated: ${applied.join(', ')}`);
      console.log(`Waymark is running at ${config.publicUrl} on ${describeDatabase(config, database)}.`);
      const link = await issueSetupLink(database.db, config.publicUrl);
      if (link) {
        console.log('\nNo accounts yet. Open this one-time link to create the first admin (valid 24 hours):');
        console.log(`  ${link}\n`);
      }
    });
}
