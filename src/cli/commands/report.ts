import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { findHotlines, insertHotline } from '../../features/hotlines/store';
import { defaultPopulation, populationFromFile } from '../../features/statistics/population';
import { resolvePeriod } from '../../features/statistics/period';
import { ranking, trends } from '../../features/statistics/rates';
import { rankingCsv, spotlightCsv, trendsCsv } from '../../features/statistics/render-csv';
import { spotlightPage } from '../../features/statistics/render-html';
import { spotlightPdf } from '../../features/statistics/render-pdf';
import { ReportFormat, SpotlightQuery, TrendsQuery } from '../../features/statistics/schema';
import { spotlight } from '../../features/statistics/spotlight';
import { recordAudit, systemActor } from '../../platform/audit/audit';
import { loadConfig } from '../../platform/config';
import type { Database } from '../../platform/db/database';
import { FatalError } from '../../platform/errors';
import { openMigrated } from '../open';
import { registerDemo } from './demo';
import { registerExport } from './export';
import { registerImport } from './import';

/** Opens the database and finds the hotline a command works for (created when there is none and `create`). */
export async function withHotline<T>(
  slug: string | undefined,
  purpose: string,
  work: (database: Database, hotline: { id: string; slug: string; name: string }) => Promise<T>,
  options: { create?: boolean; name?: string } = {},
): Promise<T> {
  const { database } = await openMigrated(loadConfig(), purpose);
  try {
    const hotlines = await findHotlines(database.db);
    let hotline = slug ? hotlines.find((h) => h.slug === slug) : hotlines[0];
    if (slug && !hotline && !options.create) throw new FatalError(`There is no hotline "${slug}".`);
    if (!slug && hotlines.length > 1) {
      throw new FatalError(
        `There are several hotlines; name one with --hotline (${hotlines.map((h) => h.slug).join(', ')}).`,
      );
    }
    if (!hotline) {
      if (!options.create)
        throw new FatalError(
          'There is no hotline yet; create one with `waymark users create` or `waymark demo`.',
        );
      hotline = await insertHotline(database.db, {
        name: options.name ?? slug ?? 'Waymark hotline',
        ...(slug ? { slug } : {}),
      });
    }
    return await work(database, hotline);
  } finally {
    await database.close();
  }
}

export function output(out: string | undefined, body: string | Buffer): void {
  if (out) writeFileSync(out, body);
  else process.stdout.write(body);
}

function check<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
  },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new FatalError(`--${String(i?.path[0] ?? 'option')}: ${i?.message ?? 'not valid'}`);
  }
  return r.data;
}

interface SpotlightOptions {
  state?: string;
  year?: string;
  from?: string;
  to?: string;
  asOf?: string;
  threshold?: string;
  format: string;
  out?: string;
  hotline?: string;
}

export function registerReportCommands(program: Command): void {
  const report = program
    .command('report')
    .description('Statistics: State Spotlight, ranking of states, trends');
  report
    .command('spotlight')
    .description('The State Spotlight for a state (or the country) and a period')
    .option('--state <code>', 'two-letter state code; omit for the whole country')
    .option('--year <year>', 'calendar year')
    .option('--from <date>', 'first day (YYYY-MM-DD), instead of --year')
    .option('--to <date>', 'last day (YYYY-MM-DD), instead of --year')
    .option('--as-of <date>', 'only data recorded up to this day (default today)')
    .option('--threshold <n>', 'counts below this show as "fewer than n" (default 3)')
    .option('--format <format>', 'json, csv, html or pdf', 'json')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--hotline <slug>', 'the hotline, when there are several')
    .action(async (o: SpotlightOptions) => {
      const q = check(SpotlightQuery, { ...o, asOf: o.asOf });
      const format = check(ReportFormat, o.format);
      if (format === 'pdf' && !o.out && process.stdout.isTTY)
        throw new FatalError('Give --out FILE for a PDF.');
      await withHotline(o.hotline, 'waymark report', async (database, hotline) => {
        const period = resolvePeriod(q);
        const s = await spotlight(database.db, {
          hotlineId: hotline.id,
          state: q.state ?? null,
          ...period,
          threshold: q.threshold,
        });
        await recordAudit(database.db, systemActor('cli:report', hotline.id), {
          action: 'report.spotlight_read',
          subjectType: 'report',
          subjectId: q.state ?? 'US',
          details: { ...period, format },
        });
        const body =
          format === 'json'
            ? `${JSON.stringify(s, null, 2)}\n`
            : format === 'csv'
              ? spotlightCsv(s)
              : format === 'html'
                ? spotlightPage(s)
                : await spotlightPdf(s);
        output(o.out, body);
      });
    });
  report
    .command('ranking')
    .description('States ranked by trafficking cases per 100,000 residents')
    .requiredOption('--year <year>', 'calendar year')
    .option('--as-of <date>', 'only data recorded up to this day (default today)')
    .option('--population <file>', 'a population CSV like reference/state_population_2019.csv')
    .option('--format <format>', 'json or csv', 'json')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--hotline <slug>', 'the hotline, when there are several')
    .action(
      async (o: {
        year: string;
        asOf?: string;
        population?: string;
        format: string;
        out?: string;
        hotline?: string;
      }) => {
        const population = o.population ? populationFromFile(o.population) : defaultPopulation();
        await withHotline(o.hotline, 'waymark report', async (database, hotline) => {
          const r = await ranking(database.db, {
            hotlineId: hotline.id,
            year: Number(o.year),
            asOf: o.asOf,
            states: null,
            population,
          });
          await recordAudit(database.db, systemActor('cli:report', hotline.id), {
            action: 'report.ranking_read',
            subjectType: 'report',
            subjectId: 'ranking',
            details: { year: r.year },
          });
          output(o.out, o.format === 'csv' ? rankingCsv(r) : `${JSON.stringify(r, null, 2)}\n`);
        });
      },
    );
  report
    .command('trends')
    .description('Cases, victims, traffickers and signals per year')
    .option('--state <code>', 'two-letter state code; omit for the whole country')
    .requiredOption('--from-year <year>', 'first year')
    .requiredOption('--to-year <year>', 'last year')
    .option('--as-of <date>', 'only data recorded up to this day (default today)')
    .option('--population <file>', 'a population CSV like reference/state_population_2019.csv')
    .option('--format <format>', 'json or csv', 'json')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--hotline <slug>', 'the hotline, when there are several')
    .action(
      async (o: {
        state?: string;
        fromYear: string;
        toYear: string;
        asOf?: string;
        population?: string;
        format: string;
        out?: string;
        hotline?: string;
      }) => {
        const q = check(TrendsQuery, {
          state: o.state,
          fromYear: o.fromYear,
          toYear: o.toYear,
          asOf: o.asOf,
          format: o.format,
        });
        const population = o.population ? populationFromFile(o.population) : defaultPopulation();
        await withHotline(o.hotline, 'waymark report', async (database, hotline) => {
          const t = await trends(database.db, {
            hotlineId: hotline.id,
            state: q.state ?? null,
            fromYear: q.fromYear,
            toYear: q.toYear,
            asOf: q.asOf,
            population,
          });
          await recordAudit(database.db, systemActor('cli:report', hotline.id), {
            action: 'report.trends_read',
            subjectType: 'report',
            subjectId: q.state ?? 'US',
            details: { fromYear: q.fromYear, toYear: q.toYear },
          });
          output(o.out, q.format === 'csv' ? trendsCsv(t) : `${JSON.stringify(t, null, 2)}\n`);
        });
      },
    );
  registerImport(program);
  registerDemo(program);
  registerExport(program);
}
