/**
 * The State Spotlight: the figures a hotline publishes for a state (or the country) and a
 * period, as of a date. The counting is in store.ts; this file names the figures, applies the
 * small-number rule to breakdowns and adds the footnotes.
 */
import type { Queryable } from '../../platform/db/transaction';
import { hotlineName } from '../hotlines/store';
import { longDate, nextDay, type Period } from './period';
import type { Spotlight } from './schema';
import { NATIONAL, readMetrics, type MetricRow } from './store';
import { suppress, type Breakdown, type CellIn } from './suppression';
import {
  AGE_GROUPS,
  AGE_LABELS,
  CHANNELS,
  GENDER_LABELS,
  GENDERS,
  SIGNALER_LABELS,
  SIGNALER_ROLES,
  stateName,
  venueLabel,
} from './vocabulary';

export const DEFAULT_THRESHOLD = 3;

export interface SpotlightRequest extends Period {
  hotlineId: string;
  /** null for the whole country. */
  state: string | null;
  threshold?: number | undefined;
}

class Figures {
  private readonly rows: MetricRow[];
  constructor(rows: MetricRow[]) {
    this.rows = rows;
  }
  get(metric: MetricRow['metric'], key: string): number {
    return this.rows.find((r) => r.metric === metric && r.key === key)?.value ?? 0;
  }
  keys(metric: MetricRow['metric']): string[] {
    return this.rows.filter((r) => r.metric === metric).map((r) => r.key);
  }
}

function footnotes(p: Period, threshold: number): string[] {
  return [
    'Some cases involve more than one location, so location counts can add up to more than the number of cases.',
    'A case has no specified type when, for example, a survivor or a professional asked for referrals without describing forced work or forced commercial sex.',
    `Figures cover signals received and cases identified from ${longDate(p.from)} to ${longDate(p.to)}, as recorded by ${longDate(p.asOf)}. Cases can continue and new information can arrive, so later figures may differ.`,
    `To protect the people involved, venues, demographics and caller types referenced fewer than ${threshold} times are not shown exactly, nor are other cells that would reveal them.`,
    'These figures reflect what reached the hotline, not the full extent of trafficking: lack of awareness leads to underreporting, especially of labor trafficking and among some communities.',
  ];
}

/**
 * Largest shown cells first, then the hidden ones by name: ordering hidden cells by their value
 * would tell a reader which is larger than which shown cell.
 */
function hiddenLast(b: Breakdown): Breakdown {
  const shown = b.cells.filter((c) => c.value !== null).sort((x, y) => (y.value ?? 0) - (x.value ?? 0));
  const hidden = b.cells.filter((c) => c.value === null).sort((x, y) => x.label.localeCompare(y.label));
  return { ...b, cells: [...shown, ...hidden] };
}

/** Builds one report from the metric rows of one state (or the national key). */
export function assemble(
  rows: MetricRow[],
  meta: { hotline: string; state: string | null; period: Period; threshold: number },
): Spotlight {
  const f = new Figures(rows);
  const t = meta.threshold;
  const groupVictims = f.get('victims', 'groups');
  const venues = f
    .keys('venue')
    .map((k): CellIn => ({ key: k, label: venueLabel(k), value: f.get('venue', k) }))
    .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
  const gender = GENDERS.map((g): CellIn => ({
    key: g,
    label: GENDER_LABELS[g],
    // People known only as a number have no recorded gender or age.
    value: f.get('victim_gender', g) + (g === 'not_reported' ? groupVictims : 0),
  }));
  const age = AGE_GROUPS.map((a): CellIn => ({
    key: a,
    label: AGE_LABELS[a],
    value: f.get('victim_age', a) + (a === 'not_reported' ? groupVictims : 0),
  }));
  const signalers = SIGNALER_ROLES.map((r): CellIn => ({
    key: r,
    label: SIGNALER_LABELS[r],
    value: f.get('signaler_role', r),
  }));
  const channel = (c: (typeof CHANNELS)[number]): number => f.get('channel', c);
  const cases = {
    sex: f.get('case_type', 'sex'),
    labor: f.get('case_type', 'labor'),
    sexAndLabor: f.get('case_type', 'sex_and_labor'),
    notSpecified: f.get('case_type', 'not_specified'),
  };
  const signals = {
    phone: channel('phone'),
    webform: channel('webform'),
    email: channel('email'),
    text: channel('text'),
    webchat: channel('webchat'),
  };
  return {
    report: 'state_spotlight',
    hotline: meta.hotline,
    scope: { state: meta.state, name: meta.state ? stateName(meta.state) : 'United States' },
    period: { from: meta.period.from, to: meta.period.to },
    asOf: meta.period.asOf,
    threshold: t,
    victimsIdentified: f.get('victims', 'named') + groupVictims,
    traffickersIdentified: f.get('traffickers', 'named') + f.get('traffickers', 'groups'),
    traffickingBusinesses: f.get('businesses', ''),
    cases: { total: cases.sex + cases.labor + cases.sexAndLabor + cases.notSpecified, ...cases },
    signals: { total: Object.values(signals).reduce((a, b) => a + b, 0), ...signals },
    locations: hiddenLast(suppress(venues, t)),
    victimGender: suppress(gender, t),
    victimAge: suppress(age, t),
    signalerTypes: suppress(signalers, t),
    footnotes: footnotes(meta.period, t),
  };
}

/** Spotlights for several states (or, with states null, the national one) in one query. */
export async function spotlights(
  q: Queryable,
  req: Omit<SpotlightRequest, 'state'> & { states: readonly string[] | null },
): Promise<Map<string, Spotlight>> {
  const rows = await readMetrics(q, {
    hotlineId: req.hotlineId,
    states: req.states,
    from: new Date(`${req.from}T00:00:00Z`),
    to: nextDay(req.to),
    recordedBefore: nextDay(req.asOf),
  });
  const hotline = await hotlineName(q, req.hotlineId);
  const threshold = req.threshold ?? DEFAULT_THRESHOLD;
  const keys = req.states ?? [NATIONAL];
  const out = new Map<string, Spotlight>();
  for (const key of keys) {
    out.set(
      key,
      assemble(
        rows.filter((r) => r.state === key),
        { hotline, state: req.states === null ? null : key, period: req, threshold },
      ),
    );
  }
  return out;
}

export async function spotlight(q: Queryable, req: SpotlightRequest): Promise<Spotlight> {
  const key = req.state ?? NATIONAL;
  const all = await spotlights(q, { ...req, states: req.state === null ? null : [req.state] });
  const report = all.get(key);
  if (!report) throw new Error('spotlight: the query returned no report');
  return report;
}
