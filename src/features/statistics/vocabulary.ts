/**
 * The words the published figures use: states, venue and industry types, channels, trafficking
 * types. Venue and industry types are one vocabulary because a location names either (a hotel is a
 * venue, agriculture an industry); industries are the 25 typology slugs in reference/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { referenceDir } from '../../platform/paths';
import { STATES_AND_DC, TERRITORIES } from '../../platform/us-states';

export const CHANNELS = ['phone', 'webform', 'email', 'text', 'webchat'] as const;
export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  phone: 'Phone calls',
  webform: 'Webforms',
  email: 'Emails',
  text: 'Texts',
  webchat: 'Webchats',
};

export const TRAFFICKING_TYPES = ['sex', 'labor', 'sex_and_labor', 'not_specified'] as const;
export const TRAFFICKING_TYPE_LABELS: Record<(typeof TRAFFICKING_TYPES)[number], string> = {
  sex: 'Sex trafficking',
  labor: 'Labor trafficking',
  sex_and_labor: 'Sex & labor trafficking',
  not_specified: 'Type not specified',
};

/** Venues the hotline names in its reports, besides the industry typology. */
export const VENUE_LABELS: Record<string, string> = {
  hotel_motel: 'Hotel/motel-based',
  residence: 'Residence-based',
  street: 'Street-based',
  truck_stop: 'Truck stop',
  massage_spa: 'Massage/spa business',
  online_ad: 'Online ad (venue unknown)',
  farm: 'Farm',
  construction_site: 'Construction site',
  restaurant: 'Restaurant/food service',
  factory: 'Factory',
  other: 'Other venue',
  unknown: 'Venue not known',
};

interface TypologyRow {
  id: string;
  name: string;
  slug: string;
}

function readCsv<T>(file: string): T[] {
  return parse<T>(readFileSync(path.join(referenceDir, file), 'utf8'), { columns: true, trim: true });
}

export const TYPOLOGY: ReadonlyMap<string, string> = new Map(
  readCsv<TypologyRow>('trafficking_typology.csv').map((r) => [r.slug, r.name]),
);

export const VENUE_TYPES: readonly string[] = [...Object.keys(VENUE_LABELS), ...TYPOLOGY.keys()];

export function venueLabel(slug: string): string {
  return VENUE_LABELS[slug] ?? TYPOLOGY.get(slug) ?? slug;
}

/** The 50 states and DC (the rows of the population table). */
export const STATE_NAMES: ReadonlyMap<string, string> = new Map(STATES_AND_DC);
export const STATE_CODES: readonly string[] = [...STATE_NAMES.keys()];
/** Territories a signal or location may name; they have no population row, so no rate. */
export const TERRITORY_CODES: readonly string[] = TERRITORIES.map(([code]) => code);
export const ALL_PLACE_CODES: readonly string[] = [...STATE_CODES, ...TERRITORY_CODES];

export function stateName(code: string): string {
  return STATE_NAMES.get(code) ?? code;
}

export const GENDERS = ['female', 'male', 'gender_minority', 'not_reported'] as const;
export const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = {
  female: 'Female',
  male: 'Male',
  gender_minority: 'Gender minority',
  not_reported: 'Not reported',
};
export const AGE_GROUPS = ['minor', 'adult', 'not_reported'] as const;
export const AGE_LABELS: Record<(typeof AGE_GROUPS)[number], string> = {
  minor: 'Minors',
  adult: 'Adults',
  not_reported: 'Not reported',
};
export const SIGNALER_ROLES = [
  'victim_survivor',
  'family_friend',
  'community_member',
  'service_provider',
  'law_enforcement',
  'other',
] as const;
export const SIGNALER_LABELS: Record<(typeof SIGNALER_ROLES)[number], string> = {
  victim_survivor: 'Victim/survivor',
  family_friend: 'Family/friend',
  community_member: 'Community member',
  service_provider: 'Service provider',
  law_enforcement: 'Law enforcement',
  other: 'Other',
};
