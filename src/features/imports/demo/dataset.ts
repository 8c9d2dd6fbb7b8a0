/**
 * The demo's national dataset: the published 2019 figures for Mississippi and Missouri exactly,
 * and plausible figures for every other state and year (cases per 100,000 residents drawn per
 * state, so that the ranking has a shape). Deterministic for a seed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { referenceDir } from '../../../platform/paths';
import type { ImportCase, ImportSignal } from '../schema';
import { publishedTargets } from './published';
import { Rng, seedFor } from './random';
import { generateStateYear, type CaseType, type Channel, type Targets, type Truth } from './state-year';

export interface DemoOptions {
  seed: number;
  years: readonly number[];
  /** null: every state. */
  states: readonly string[] | null;
  /** Multiplies the generated volume of states without published targets. */
  scale: number;
}

export const DEFAULT_DEMO: DemoOptions = {
  seed: 2019,
  years: [2018, 2019, 2020],
  states: null,
  // Half the hotline's real volume elsewhere keeps `waymark demo` to a few minutes on the embedded engine.
  scale: 0.5,
};
/** The published figures are "as of" this day; the demo adds a few cases recorded after it. */
export const PUBLISHED_AS_OF = '2020-07-30';

interface PopulationRow {
  abbr: string;
  population: string;
}

export function populations(): Map<string, number> {
  const rows = parse<PopulationRow>(
    readFileSync(path.join(referenceDir, 'state_population_2019.csv'), 'utf8'),
    {
      columns: true,
      trim: true,
    },
  );
  return new Map(rows.map((r) => [r.abbr, Number(r.population)]));
}

/** Splits n by shares, largest remainders first, so the parts add up to n exactly. */
function split<K extends string>(n: number, shares: Record<K, number>): Record<K, number> {
  const keys = Object.keys(shares) as K[];
  const raw = keys.map((k) => n * shares[k]);
  const out = Object.fromEntries(keys.map((k, i) => [k, Math.floor(raw[i] ?? 0)])) as Record<K, number>;
  let left = n - keys.reduce((a, k) => a + out[k], 0);
  const order = keys.map((k, i) => ({ k, r: (raw[i] ?? 0) % 1 })).sort((a, b) => b.r - a.r);
  for (const { k } of order) {
    if (left <= 0) break;
    out[k]++;
    left--;
  }
  return out;
}

function plausibleTargets(state: string, year: number, population: number, rng: Rng, scale: number): Targets {
  // Rates between 0.8 and 4.2 per 100,000 keep Mississippi's published 2019 rate (4.97) the highest.
  const rate = 0.8 + rng.next() * 3.4;
  const growth = 1 + (year - 2019) * 0.06;
  const cases = Math.max(1, Math.round((population / 100_000) * rate * growth * scale));
  const signals = Math.round(cases * (1.8 + rng.next() * 0.8));
  return {
    state,
    year,
    cases: split<CaseType>(cases, { sex: 0.79, labor: 0.09, sex_and_labor: 0.04, not_specified: 0.08 }),
    victims: Math.round(cases * (1.4 + rng.next() * 0.5)),
    traffickers: Math.round(cases * (0.6 + rng.next() * 0.6)),
    businesses: Math.round(cases * (0.05 + rng.next() * 0.1)),
    signals: split<Channel>(signals, { phone: 0.7, webform: 0.08, email: 0.03, text: 0.15, webchat: 0.04 }),
  };
}

export interface DemoData {
  records: Array<ImportCase | ImportSignal>;
  truth: Truth;
}

export function buildDemo(options: DemoOptions): DemoData {
  const pops = populations();
  const published = new Map(publishedTargets().map((t) => [`${t.state}${t.year}`, t]));
  const states = options.states ?? [...pops.keys()];
  const truth: Truth = { persons: new Map(), businesses: new Map(), signalers: new Map() };
  const records: Array<ImportCase | ImportSignal> = [];
  // Multi-state cases reach other states, never the two whose published figures must hold.
  const otherStates = [...pops.keys()].filter((s) => !published.has(`${s}2019`));
  for (const year of options.years) {
    for (const state of states) {
      const rng = new Rng(seedFor(options.seed, `${state}${year}`));
      const target = published.get(`${state}${year}`);
      const t = target ?? plausibleTargets(state, year, pops.get(state) ?? 1_000_000, rng, options.scale);
      const noise = target ? { nonSubstantive: 0.12, lateCases: 3, lateRecordedAt: '2020-09-15' } : undefined;
      const g = generateStateYear(t, rng, truth, { otherStates, ...(noise ? { noise } : {}) });
      records.push(...g.cases, ...g.signals);
    }
  }
  return { records, truth };
}
