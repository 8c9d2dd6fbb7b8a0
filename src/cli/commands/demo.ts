import type { Command } from 'commander';
import { DEFAULT_DEMO } from '../../features/imports/demo/dataset';
import { loadDemo } from '../../features/imports/demo/load-demo';
import { systemActor } from '../../platform/audit/audit';
import { FatalError } from '../../platform/errors';
import { explainImportError, progressBar } from './import';
import { withHotline } from './report';

function years(spec: string): number[] {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(spec);
  if (!m) throw new FatalError('--years: a year or a range, e.g. 2017-2021');
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (to < from || to - from > 30)
    throw new FatalError('--years: a range of at most 30 years, first year first');
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'Load a synthetic national dataset (the published 2019 Mississippi and Missouri figures exactly)',
    )
    .option('--seed <n>', 'random seed', String(DEFAULT_DEMO.seed))
    .option('--years <range>', 'years to generate', `${DEFAULT_DEMO.years[0]}-${DEFAULT_DEMO.years.at(-1)}`)
    .option('--states <codes>', 'comma-separated state codes (default: all)')
    .option(
      '--scale <x>',
      'volume of the states without published figures (1 = a national hotline)',
      String(DEFAULT_DEMO.scale),
    )
    .option('--hotline <slug>', 'the hotline (created when missing)', 'demo-hotline')
    .action(async (o: { seed: string; years: string; states?: string; scale: string; hotline: string }) => {
      await withHotline(
        o.hotline,
        'waymark demo',
        async (database, hotline) => {
          const bar = progressBar('Demo data');
          const r = await loadDemo(database.db, {
            seed: Number(o.seed),
            years: years(o.years),
            states: o.states ? o.states.split(',').map((s) => s.trim().toUpperCase()) : null,
            scale: Number(o.scale),
            hotlineId: hotline.id,
            who: systemActor('cli:demo', hotline.id),
            onProgress: bar.update,
          }).catch(explainImportError);
          bar.stop();
          console.log(
            `Loaded ${r.cases.created} cases and ${r.signals.created} signals into ${hotline.slug}.`,
          );
          console.log(
            'Record linkage grouped the mentions; pairs it was unsure of wait in its review queue.',
          );
          console.log(
            'Try: waymark report spotlight --state MS --year 2019 --as-of 2020-07-30 --hotline ' +
              hotline.slug,
          );
        },
        { create: true, name: 'Waymark Demo Hotline' },
      );
    });
}
