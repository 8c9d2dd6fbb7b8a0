/** Rates per 100,000 residents, the ranking of states (as in seed 003) and trends over years. */
import type { Queryable } from '../../platform/db/transaction';
import { per100k, type PopulationTable } from './population';
import { today } from './period';
import type { Ranking, Trends } from './schema';
import { spotlight, spotlights } from './spotlight';
import { STATE_CODES, stateName } from './vocabulary';

export async function ranking(
  q: Queryable,
  req: {
    hotlineId: string;
    year: number;
    asOf?: string | undefined;
    states: readonly string[] | null;
    population: PopulationTable;
  },
): Promise<Ranking> {
  const asOf = req.asOf ?? today();
  const states = (req.states ?? STATE_CODES).filter((s) => req.population.byState.has(s));
  const reports = await spotlights(q, {
    hotlineId: req.hotlineId,
    states,
    from: `${req.year}-01-01`,
    to: `${req.year}-12-31`,
    asOf,
  });
  const rows = states
    .map((state) => {
      const s = reports.get(state);
      const population = req.population.byState.get(state) ?? 0;
      const cases = s?.cases.total ?? 0;
      const victims = s?.victimsIdentified ?? 0;
      return {
        rank: 0,
        state,
        name: stateName(state),
        population,
        cases,
        victims,
        casesPer100k: per100k(cases, population) ?? 0,
        victimsPer100k: per100k(victims, population) ?? 0,
      };
    })
    .sort((a, b) => b.casesPer100k - a.casesPer100k || b.cases - a.cases || a.state.localeCompare(b.state));
  // Equal rates share a rank (1, 2, 2, 4).
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && prev.casesPer100k === r.casesPer100k ? prev.rank : i + 1;
  });
  return { report: 'state_ranking', year: req.year, asOf, populationSource: req.population.source, rows };
}

export async function trends(
  q: Queryable,
  req: {
    hotlineId: string;
    state: string | null;
    fromYear: number;
    toYear: number;
    asOf?: string | undefined;
    population: PopulationTable;
  },
): Promise<Trends> {
  const asOf = req.asOf ?? today();
  const national = [...req.population.byState.values()].reduce((a, b) => a + b, 0);
  const population = req.state === null ? national : req.population.byState.get(req.state);
  const years: Trends['years'] = [];
  for (let year = req.fromYear; year <= req.toYear; year++) {
    const s = await spotlight(q, {
      hotlineId: req.hotlineId,
      state: req.state,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
      asOf: asOf < `${year}-01-01` ? `${year}-01-01` : asOf,
    });
    years.push({
      year,
      cases: s.cases.total,
      victims: s.victimsIdentified,
      traffickers: s.traffickersIdentified,
      signals: s.signals.total,
      casesPer100k: per100k(s.cases.total, population),
    });
  }
  return {
    report: 'trends',
    scope: { state: req.state, name: req.state ? stateName(req.state) : 'United States' },
    asOf,
    years,
  };
}
