import type { Command } from 'commander';
import { ctdcCsv, ctdcExport } from '../../features/statistics/ctdc';
import { recordAudit, systemActor } from '../../platform/audit/audit';
import { output, withHotline } from './report';

export function registerExport(program: Command): void {
  const exp = program.command('export').description('Open data for research partners');
  exp
    .command('ctdc')
    .description("Victim-level CSV in CTDC's field vocabulary, k-anonymised (docs/open-data.md)")
    .requiredOption('--year <year>', 'cases identified in this year')
    .option('--k <k>', 'every row shared by at least k victims', '11')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--hotline <slug>', 'the hotline, when there are several')
    .action(async (o: { year: string; k: string; out?: string; hotline?: string }) => {
      await withHotline(o.hotline, 'waymark export', async (database, hotline) => {
        const r = await ctdcExport(database.db, {
          hotlineId: hotline.id,
          year: Number(o.year),
          k: Number(o.k),
        });
        await recordAudit(database.db, systemActor('cli:export', hotline.id), {
          action: 'export.ctdc_read',
          subjectType: 'export',
          subjectId: 'ctdc',
          details: { year: Number(o.year), k: r.k, rows: r.rows.length, suppressed: r.suppressed },
        });
        output(o.out, ctdcCsv(r));
        console.error(
          `${r.rows.length} of ${r.victims} victims exported (k = ${r.k}, generalisation level ${r.generalisation}, ${r.suppressed} left out).`,
        );
      });
    });
}
