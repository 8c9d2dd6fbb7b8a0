/** Periods and "as of" dates: whole UTC days, the period inclusive of both ends. */
import { AppError } from '../../platform/errors';

export interface Period {
  from: string;
  to: string;
  asOf: string;
}

export const today = (): string => new Date().toISOString().slice(0, 10);

export function nextDay(day: string): Date {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

export function resolvePeriod(input: {
  year?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  asOf?: string | undefined;
}): Period {
  const from = input.from ?? (input.year !== undefined ? `${input.year}-01-01` : undefined);
  const to = input.to ?? (input.year !== undefined ? `${input.year}-12-31` : undefined);
  if (!from || !to) throw new AppError('bad_request', 'Give a year, or both from and to.');
  if (from > to) {
    throw new AppError('validation_failed', 'The period ends before it starts.', {
      fields: [{ path: 'query.to', message: 'must be on or after from' }],
    });
  }
  const asOf = input.asOf ?? today();
  if (asOf < from) {
    throw new AppError('validation_failed', 'The "as of" date is before the period starts.', {
      fields: [{ path: 'query.asOf', message: 'must be on or after from' }],
    });
  }
  return { from, to, asOf };
}

export function longDate(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}
