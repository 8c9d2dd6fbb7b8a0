/**
 * Each state's reporting rules are data (reference/jurisdictions/XX.json), validated against
 * jurisdiction.schema.json. A file with an unknown field or condition stops Waymark at start:
 * a rule silently ignored would be a report silently not made.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { FatalError } from '../../platform/errors';
import { referenceDir } from '../../platform/paths';

export const JURISDICTIONS_DIR = path.join(referenceDir, 'jurisdictions');

export type Fact =
  | 'victim.under_18'
  | 'victim.adult_consents_to_law_enforcement'
  | 'case.trafficking_type'
  | 'case.indicator_level'
  | 'location.state';

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: Fact; equals: string | boolean }
  | { fact: Fact; in: string[] };

export interface Text {
  en: string;
  es: string;
}
export interface Channel {
  type: 'phone' | 'online_form' | 'email' | 'text' | 'in_person';
  value: string;
  label?: Text;
}
export interface Agency {
  id: string;
  name: Text;
  when: Text;
  channels: Channel[];
}
export interface Rule {
  id: string;
  title: Text;
  basis: 'law' | 'consent';
  agency: string;
  condition: Condition;
  deadline: { hours: number; note?: string };
  note?: string;
}
export interface Jurisdiction {
  jurisdiction: string;
  name: Text;
  sources: Array<{ title: string; url: string; retrieved?: string }>;
  agencies: Agency[];
  rules: Rule[];
}

function compileValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = JSON.parse(
    readFileSync(path.join(JURISDICTIONS_DIR, 'jurisdiction.schema.json'), 'utf8'),
  ) as object;
  return ajv.compile<Jurisdiction>(schema);
}
let validator: ReturnType<typeof compileValidator> | undefined;

/** The most useful single error: an unknown field first, then an unknown value, then the rest. */
function describe(errors: ErrorObject[]): string {
  const unknownField = errors.find((e) => e.keyword === 'additionalProperties');
  if (unknownField) {
    const field = String((unknownField.params as { additionalProperty: string }).additionalProperty);
    return `unknown field "${field}" at ${unknownField.instancePath || '/'}`;
  }
  const unknownValue = errors.find((e) => e.keyword === 'enum');
  if (unknownValue) {
    const field = unknownValue.instancePath.split('/').at(-1) ?? '';
    const label = field === 'fact' ? 'unknown condition fact' : `unknown value for "${field}"`;
    return `${label} at ${unknownValue.instancePath}`;
  }
  const first = errors.find((e) => e.keyword !== 'oneOf') ?? errors[0];
  return `${first?.instancePath || '/'} ${first?.message ?? 'is not valid'}`;
}

/** Parses and checks one file; throws FatalError naming the file and the field. */
export function parseJurisdiction(file: string, text: string): Jurisdiction {
  const name = path.relative(process.cwd(), file) || file;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new FatalError(`${name}: not valid JSON (${(err as Error).message})`);
  }
  validator ??= compileValidator();
  if (!validator(data)) throw new FatalError(`${name}: ${describe(validator.errors ?? [])}`);
  const j = data;
  const agencies = new Set(j.agencies.map((a) => a.id));
  j.rules.forEach((r, i) => {
    if (!agencies.has(r.agency))
      throw new FatalError(`${name}: unknown agency "${r.agency}" at /rules/${i}/agency`);
  });
  const expected = path.basename(file, '.json');
  if (/^[A-Z]{2}$/.test(expected) && j.jurisdiction !== expected) {
    throw new FatalError(
      `${name}: "jurisdiction" is ${j.jurisdiction} but the file is named ${expected}.json`,
    );
  }
  return j;
}

/** The state files: XX.json only (template.json and the schema are not states). */
export function loadJurisdictions(dir = JURISDICTIONS_DIR): Jurisdiction[] {
  return readdirSync(dir)
    .filter((f) => /^[A-Z]{2}\.json$/.test(f))
    .sort()
    .map((f) => parseJurisdiction(path.join(dir, f), readFileSync(path.join(dir, f), 'utf8')));
}

let cached: Jurisdiction[] | undefined;
/** Read once per process; `waymark serve` calls this before it listens, so a bad file stops it. */
export function jurisdictions(): Jurisdiction[] {
  cached ??= loadJurisdictions();
  return cached;
}

export function jurisdictionByCode(code: string): Jurisdiction | undefined {
  return jurisdictions().find((j) => j.jurisdiction === code);
}
