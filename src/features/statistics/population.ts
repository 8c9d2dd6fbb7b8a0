/**
 * Resident population by state, for rates per 100,000. The default table is
 * reference/state_population_2019.csv (U.S. Census Bureau, Vintage 2019); any CSV with the same
 * columns (state, fips, abbr, population, population_18_plus) can replace it, e.g. another year's
 * estimates. Years without their own table use the one given.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { referenceDir } from '../../platform/paths';

export interface PopulationTable {
  source: string;
  byState: ReadonlyMap<string, number>;
}

const Row = z.object({
  state: z.string().min(1),
  fips: z.string().regex(/^\d{2}$/),
  abbr: z.string().regex(/^[A-Z]{2}$/),
  population: z.coerce.number().int().positive(),
  population_18_plus: z.coerce.number().int().nonnegative(),
});

export const DEFAULT_POPULATION_FILE = path.join(referenceDir, 'state_population_2019.csv');

export function readPopulation(text: string, source: string): PopulationTable {
  let rows: unknown[];
  try {
    rows = parse<unknown>(text, { columns: true, trim: true, skip_empty_lines: true });
  } catch (err) {
    throw new AppError(
      'bad_request',
      `The population table ${source} is not valid CSV: ${(err as Error).message}`,
    );
  }
  const byState = new Map<string, number>();
  rows.forEach((raw, i) => {
    const r = Row.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      // Line 1 is the header.
      throw new AppError(
        'validation_failed',
        `Population table ${source}, line ${i + 2}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
        {
          issues: r.error.issues.map((x) => ({ line: i + 2, field: x.path.join('.'), message: x.message })),
        },
      );
    }
    byState.set(r.data.abbr, r.data.population);
  });
  return { source, byState };
}

let cached: PopulationTable | undefined;

export function defaultPopulation(): PopulationTable {
  cached ??= readPopulation(
    readFileSync(DEFAULT_POPULATION_FILE, 'utf8'),
    'U.S. Census Bureau, Vintage 2019 estimates (reference/state_population_2019.csv)',
  );
  return cached;
}

export function populationFromFile(file: string): PopulationTable {
  return readPopulation(readFileSync(file, 'utf8'), path.basename(file));
}

export function per100k(count: number, population: number | undefined): number | null {
  if (!population) return null;
  return Math.round((count / population) * 100_000 * 100) / 100;
}
