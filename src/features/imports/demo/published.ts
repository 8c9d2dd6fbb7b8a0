/**
 * The figures the National Human Trafficking Hotline published for 2019 (reference/
 * nhth_2019_published.csv), as demo targets. Mississippi's phone calls were not legible in the
 * source; the demo uses MS_PHONE_CALLS, a number of our choosing (docs/spotlight.md says so).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { referenceDir } from '../../../platform/paths';
import type { Targets } from './state-year';

export const MS_PHONE_CALLS = 241;

interface PublishedRow {
  state: string;
  year: string;
  victims_identified: string;
  traffickers_identified: string;
  trafficking_businesses: string;
  cases_total: string;
  cases_sex: string;
  cases_labor: string;
  cases_sex_and_labor: string;
  cases_not_specified: string;
  signals_phone: string;
  signals_webform: string;
  signals_email: string;
  signals_text: string;
  signals_webchat: string;
}

export function publishedRows(): PublishedRow[] {
  return parse<PublishedRow>(readFileSync(path.join(referenceDir, 'nhth_2019_published.csv'), 'utf8'), {
    columns: true,
    trim: true,
  });
}

export function publishedTargets(): Targets[] {
  return publishedRows().map((r) => ({
    state: r.state,
    year: Number(r.year),
    cases: {
      sex: Number(r.cases_sex),
      labor: Number(r.cases_labor),
      sex_and_labor: Number(r.cases_sex_and_labor),
      not_specified: Number(r.cases_not_specified),
    },
    victims: Number(r.victims_identified),
    traffickers: Number(r.traffickers_identified),
    businesses: Number(r.trafficking_businesses),
    signals: {
      phone: r.signals_phone === '' ? MS_PHONE_CALLS : Number(r.signals_phone),
      webform: Number(r.signals_webform),
      email: Number(r.signals_email),
      text: Number(r.signals_text),
      webchat: Number(r.signals_webchat),
    },
  }));
}
