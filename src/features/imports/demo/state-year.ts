/**
 * Generates one state's cases and signals for one year so that its Spotlight gives exactly the
 * target figures once record linkage has joined the mentions (victims, traffickers, businesses
 * each appear in several cases under different spellings). Noise that the counting rules must
 * leave out (non-substantive signals, cases recorded after the "as of" date) is added on request.
 */
import type { ImportCase, ImportSignal } from '../schema';
import { BUSINESS_TYPOLOGIES, businessName, businessVariant, randomName, variantOf } from './names';
import type { Rng } from './random';
import { addNoise, generateSignals } from './signals';
import { DAY, iso } from './time';

export type CaseType = ImportCase['traffickingType'];
export type Channel = ImportSignal['channel'];

export interface Targets {
  state: string;
  year: number;
  cases: Record<CaseType, number>;
  victims: number;
  traffickers: number;
  businesses: number;
  signals: Record<Channel, number>;
}

/** Which mentions are the same real person, business or signaler (what linkage should find). */
export interface Truth {
  persons: Map<string, string>;
  businesses: Map<string, string>;
  signalers: Map<string, string>;
}

export interface Generated {
  cases: ImportCase[];
  signals: ImportSignal[];
}

export interface NoiseOptions {
  /** Extra non-substantive signals, as a share of the substantive ones. */
  nonSubstantive: number;
  /** Extra cases (with victims, a trafficker and a signal) recorded only after this day. */
  lateCases: number;
  lateRecordedAt: string;
}

const VENUES: Record<CaseType, string[]> = {
  sex: ['hotel_motel', 'hotel_motel', 'residence', 'massage_spa', 'online_ad', 'street', 'truck_stop'],
  labor: ['farm', 'construction_site', 'restaurant', 'residence', 'factory'],
  sex_and_labor: ['massage_spa', 'residence', 'restaurant', 'bars_strip_clubs_cantinas'],
  not_specified: ['unknown', 'residence', 'other'],
};
const NATIONALITIES = ['MEX', 'GTM', 'HND', 'PHL', 'CHN', 'SLV', 'IND', 'UKR'];

/**
 * What makes two mentions of one person recognisable: the date of birth, and usually a phone.
 * Both mentions carry them, as when a survivor gives the same details in two conversations.
 * A person mentioned again under another spelling always has both: a misspelt name with only a
 * date of birth in common is a likely match, not a certain one, and would wait for a person to
 * review it instead of being counted once.
 */
function identifiers(
  rng: Rng,
  year: number,
  age: number,
  mentionedAgain: boolean,
): { birthDate: string; phones?: string[] } {
  const birth = new Date(Date.UTC(year - age - 1, 0, 1) + rng.int(0, 364) * DAY).toISOString().slice(0, 10);
  const phone = `+1${rng.int(201, 989)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
  return mentionedAgain || rng.chance(0.9) ? { birthDate: birth, phones: [phone] } : { birthDate: birth };
}

export function generateStateYear(
  t: Targets,
  rng: Rng,
  truth: Truth,
  ctx: { otherStates: readonly string[]; noise?: NoiseOptions },
): Generated {
  const prefix = `${t.state}${t.year}`;
  const yearStart = Date.UTC(t.year, 0, 1);
  const yearEnd = Date.UTC(t.year + 1, 0, 1) - 1000;
  const types: CaseType[] = rng.shuffle(
    (Object.keys(t.cases) as CaseType[]).flatMap((k) => Array<CaseType>(t.cases[k]).fill(k)),
  );
  const cases: ImportCase[] = types.map((type, i) => {
    const identified = yearStart + Math.floor(rng.next() * (yearEnd - yearStart));
    const primary = rng.pick(VENUES[type]);
    const locations: ImportCase['locations'] = [{ venueType: primary, state: t.state }];
    if (rng.chance(0.2)) locations.push({ venueType: rng.pick(VENUES[type]), state: t.state });
    if (rng.chance(0.03))
      locations.push({ venueType: rng.pick(VENUES[type]), state: rng.pick(ctx.otherStates) });
    return {
      type: 'case',
      id: `${prefix}-C${i}`,
      identifiedAt: iso(identified),
      recordedAt: iso(identified + rng.int(0, 20) * DAY),
      traffickingType: type,
      indicatorLevel: rng.chance(0.7) ? 'high' : 'moderate',
      locations,
      persons: [],
      groups: [],
      businesses: [],
    };
  });
  const otherCase = (not: number): ImportCase | undefined => {
    if (cases.length < 2) return undefined;
    let j = rng.int(0, cases.length - 1);
    if (j === not) j = (j + 1) % cases.length;
    return cases[j];
  };

  // Victims known only as a number: groups of workers in labor cases, within the victim budget.
  let grouped = 0;
  const withGroup = new Set<number>();
  cases.forEach((c, i) => {
    if (c.traffickingType !== 'labor' && c.traffickingType !== 'sex_and_labor') return;
    if (!rng.chance(0.5)) return;
    const k = rng.int(2, 6);
    if (t.victims - (grouped + k) < cases.length - (withGroup.size + 1)) return;
    c.groups.push({ role: 'victim', count: k, description: `about ${k} workers` });
    grouped += k;
    withGroup.add(i);
  });
  const needy = cases.map((_, i) => i).filter((i) => !withGroup.has(i));
  const named = t.victims - grouped;
  for (let j = 0; j < named; j++) {
    const ci = j < needy.length ? (needy[j] as number) : rng.int(0, cases.length - 1);
    const c = cases[ci] as ImportCase;
    const female = c.traffickingType === 'labor' ? rng.chance(0.4) : rng.chance(0.85);
    const minor = c.traffickingType !== 'labor' && rng.chance(0.15);
    const age = minor ? rng.int(13, 17) : rng.int(18, 45);
    const name = randomName(rng, female ? 'female' : 'male');
    const trueId = `${prefix}-V${j}`;
    const base = {
      role: 'victim' as const,
      gender: rng.chance(0.05)
        ? ('gender_minority' as const)
        : female
          ? ('female' as const)
          : ('male' as const),
      nationality: rng.chance(0.8) ? 'USA' : rng.pick(NATIONALITIES),
    };
    const again = rng.chance(0.1) ? otherCase(ci) : undefined;
    const ids = identifiers(rng, t.year, age, again !== undefined);
    c.persons.push({
      id: `${trueId}-a`,
      ...base,
      ...ids,
      givenName: name.given,
      familyName: name.family,
      ...(rng.chance(0.7) ? { ageYears: age } : {}),
      isMinor: minor,
    });
    truth.persons.set(`${trueId}-a`, trueId);
    if (again) {
      again.persons.push({ id: `${trueId}-b`, ...base, ...ids, ...variantOf(rng, name), isMinor: minor });
      truth.persons.set(`${trueId}-b`, trueId);
    }
  }

  for (let j = 0; j < t.traffickers; j++) {
    const ci = rng.int(0, cases.length - 1);
    const c = cases[ci] as ImportCase;
    const name = randomName(rng, rng.chance(0.75) ? 'male' : 'female');
    const trueId = `${prefix}-T${j}`;
    const again = rng.chance(0.08) ? otherCase(ci) : undefined;
    const ids = identifiers(rng, t.year, rng.int(19, 55), again !== undefined);
    c.persons.push({
      id: `${trueId}-a`,
      role: 'trafficker',
      ...ids,
      givenName: name.given,
      familyName: name.family,
    });
    truth.persons.set(`${trueId}-a`, trueId);
    if (again) {
      again.persons.push({ id: `${trueId}-b`, role: 'trafficker', ...ids, ...variantOf(rng, name) });
      truth.persons.set(`${trueId}-b`, trueId);
    }
  }

  for (let j = 0; j < t.businesses; j++) {
    const ci = rng.int(0, cases.length - 1);
    const typology = rng.pick(BUSINESS_TYPOLOGIES);
    const name = businessName(rng, typology);
    const trueId = `${prefix}-B${j}`;
    const contact = {
      phone: `+1${rng.int(201, 989)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`,
      address: `${rng.int(100, 9999)} ${rng.pick(['Main', 'Oak', 'Highway 49', 'Market', 'Pine', 'Commerce'])} St`,
    };
    (cases[ci] as ImportCase).businesses.push({
      id: `${trueId}-a`,
      name,
      typology,
      state: t.state,
      ...contact,
    });
    truth.businesses.set(`${trueId}-a`, trueId);
    const again = rng.chance(0.25) ? otherCase(ci) : undefined;
    if (again) {
      again.businesses.push({
        id: `${trueId}-b`,
        name: businessVariant(rng, name),
        typology,
        state: t.state,
        ...contact,
      });
      truth.businesses.set(`${trueId}-b`, trueId);
    }
  }

  const signals = generateSignals(t, rng, truth, cases, prefix);
  if (ctx.noise) addNoise(t, rng, truth, cases, signals, ctx.noise, prefix);
  return { cases, signals };
}
