/** Spotlight, ranking and trends as CSV: one figure per row, suppressed cells as their display text. */
import { stringify } from 'csv-stringify/sync';
import type { Ranking, Spotlight, Trends } from './schema';
import { CHANNEL_LABELS, CHANNELS, TRAFFICKING_TYPE_LABELS } from './vocabulary';

type Row = [section: string, key: string, label: string, value: string, display: string];

export function spotlightCsv(s: Spotlight): string {
  const rows: Row[] = [];
  const fig = (section: string, key: string, label: string, v: number): void => {
    rows.push([section, key, label, String(v), String(v)]);
  };
  fig('headline', 'victims_identified', 'Victims identified', s.victimsIdentified);
  fig('headline', 'traffickers_identified', 'Traffickers identified', s.traffickersIdentified);
  fig('headline', 'trafficking_businesses', 'Trafficking businesses', s.traffickingBusinesses);
  fig('cases', 'total', 'Trafficking cases', s.cases.total);
  fig('cases', 'sex', TRAFFICKING_TYPE_LABELS.sex, s.cases.sex);
  fig('cases', 'labor', TRAFFICKING_TYPE_LABELS.labor, s.cases.labor);
  fig('cases', 'sex_and_labor', TRAFFICKING_TYPE_LABELS.sex_and_labor, s.cases.sexAndLabor);
  fig('cases', 'not_specified', TRAFFICKING_TYPE_LABELS.not_specified, s.cases.notSpecified);
  fig('signals', 'total', 'Substantive signals', s.signals.total);
  for (const c of CHANNELS) fig('signals', c, CHANNEL_LABELS[c], s.signals[c]);
  const breakdowns = [
    ['locations', s.locations],
    ['victim_gender', s.victimGender],
    ['victim_age', s.victimAge],
    ['signaler_types', s.signalerTypes],
  ] as const;
  for (const [section, b] of breakdowns) {
    for (const c of b.cells)
      rows.push([section, c.key, c.label, c.value === null ? '' : String(c.value), c.display]);
  }
  const header = [
    `# ${s.scope.name} Spotlight, ${s.period.from} to ${s.period.to}, as of ${s.asOf}, ${s.hotline}`,
  ];
  return `${header.join('\n')}\n${stringify([['section', 'key', 'label', 'value', 'display'], ...rows])}`;
}

export function rankingCsv(r: Ranking): string {
  return stringify([
    ['rank', 'state', 'name', 'population', 'cases', 'victims', 'cases_per_100k', 'victims_per_100k'],
    ...r.rows.map((x) => [
      x.rank,
      x.state,
      x.name,
      x.population,
      x.cases,
      x.victims,
      x.casesPer100k,
      x.victimsPer100k,
    ]),
  ]);
}

export function trendsCsv(t: Trends): string {
  return stringify([
    ['scope', 'year', 'cases', 'victims', 'traffickers', 'signals', 'cases_per_100k'],
    ...t.years.map((y) => [
      t.scope.state ?? 'US',
      y.year,
      y.cases,
      y.victims,
      y.traffickers,
      y.signals,
      y.casesPer100k ?? '',
    ]),
  ]);
}
