/** Request and response shapes of the statistics API, shared with the console and the CLI. */
import { z } from 'zod';
import { STATE_CODES } from './vocabulary';

const StateCode = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(STATE_CODES as [string, ...string[]], { message: 'A two-letter state code, e.g. MS' }));
const Day = z.iso.date();
const Year = z.coerce.number().int().min(1990).max(2100);

export const ReportFormat = z.enum(['json', 'csv', 'html', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const SpotlightQuery = z
  .object({
    state: StateCode.optional().describe('Omit for the whole country.'),
    year: Year.optional(),
    from: Day.optional(),
    to: Day.optional(),
    asOf: Day.optional().describe('Only data recorded up to the end of this day (UTC); default today.'),
    threshold: z.coerce.number().int().min(1).max(20).optional(),
    format: ReportFormat.default('json'),
    fragment: z
      .enum(['0', '1'])
      .optional()
      .describe('With format=html, 1 returns the <article> alone, for embedding in the console.'),
  })
  .refine((q) => q.year !== undefined || (q.from !== undefined && q.to !== undefined), {
    message: 'Give a year, or both from and to.',
    path: ['year'],
  });
export type SpotlightQuery = z.infer<typeof SpotlightQuery>;

export const Cell = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().int().nullable(),
  display: z.string(),
  suppressed: z.enum(['primary', 'complementary', 'withheld']).nullable(),
});
export const Breakdown = z.object({ total: z.number().int(), cells: z.array(Cell), withheld: z.boolean() });
export type Breakdown = z.infer<typeof Breakdown>;

export const Spotlight = z.object({
  report: z.literal('state_spotlight'),
  hotline: z.string(),
  scope: z.object({ state: z.string().nullable(), name: z.string() }),
  period: z.object({ from: Day, to: Day }),
  asOf: Day,
  threshold: z.number().int(),
  victimsIdentified: z.number().int(),
  traffickersIdentified: z.number().int(),
  traffickingBusinesses: z.number().int(),
  cases: z.object({
    total: z.number().int(),
    sex: z.number().int(),
    labor: z.number().int(),
    sexAndLabor: z.number().int(),
    notSpecified: z.number().int(),
  }),
  signals: z.object({
    total: z.number().int(),
    phone: z.number().int(),
    webform: z.number().int(),
    email: z.number().int(),
    text: z.number().int(),
    webchat: z.number().int(),
  }),
  locations: Breakdown,
  victimGender: Breakdown,
  victimAge: Breakdown,
  signalerTypes: Breakdown,
  footnotes: z.array(z.string()),
});
export type Spotlight = z.infer<typeof Spotlight>;

export const RankingQuery = z.object({
  year: Year,
  asOf: Day.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export const RankingRow = z.object({
  rank: z.number().int(),
  state: z.string(),
  name: z.string(),
  population: z.number().int(),
  cases: z.number().int(),
  victims: z.number().int(),
  casesPer100k: z.number(),
  victimsPer100k: z.number(),
});
export const Ranking = z.object({
  report: z.literal('state_ranking'),
  year: z.number().int(),
  asOf: Day,
  populationSource: z.string(),
  rows: z.array(RankingRow),
});
export type Ranking = z.infer<typeof Ranking>;

export const TrendsQuery = z
  .object({
    state: StateCode.optional().describe('Omit for the whole country.'),
    fromYear: Year,
    toYear: Year,
    asOf: Day.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => q.toYear >= q.fromYear && q.toYear - q.fromYear <= 50, {
    message: 'toYear must be at or after fromYear, at most 50 years later.',
    path: ['toYear'],
  });
export const TrendYear = z.object({
  year: z.number().int(),
  cases: z.number().int(),
  victims: z.number().int(),
  traffickers: z.number().int(),
  signals: z.number().int(),
  casesPer100k: z.number().nullable(),
});
export const Trends = z.object({
  report: z.literal('trends'),
  scope: z.object({ state: z.string().nullable(), name: z.string() }),
  asOf: Day,
  years: z.array(TrendYear),
});
export type Trends = z.infer<typeof Trends>;
