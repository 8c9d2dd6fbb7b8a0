/**
 * Reading a labelled CSV for `waymark linkage evaluate`: which column feeds which field, and the
 * truth kept apart so that linking never sees it.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { FatalError } from '../../platform/errors';
import type { LinkRecord } from './engine/record';

export const FIELDS = [
  'givenName',
  'familyName',
  'fullName',
  'birthDate',
  'age',
  'phone',
  'email',
  'street',
  'city',
  'postcode',
  'state',
  'idNumber',
  'orgName',
] as const;
export type Field = (typeof FIELDS)[number];

/** Usual column names; the first present wins. A field may join several columns with '+'. */
const SYNONYMS: Record<Field, string[]> = {
  givenName: ['given_name', 'first_name', 'firstname', 'forename', 'given'],
  familyName: ['surname', 'family_name', 'last_name', 'lastname'],
  fullName: ['full_name', 'name'],
  birthDate: ['date_of_birth', 'dob', 'birth_date', 'birthdate'],
  age: ['age', 'age_years'],
  phone: ['phone', 'phones', 'phone_number', 'telephone', 'mobile'],
  email: ['email', 'emails', 'email_address'],
  street: ['street_number+address_1', 'address_1', 'street_address', 'address', 'street'],
  city: ['city', 'suburb', 'town'],
  postcode: ['postcode', 'zip', 'zipcode', 'postal_code'],
  state: ['state', 'region'],
  idNumber: ['soc_sec_id', 'ssn', 'id_number', 'national_id'],
  orgName: ['business_name', 'organisation', 'organization', 'company'],
};

export interface CsvOptions {
  idColumn?: string;
  truthColumn?: string;
  truthPattern?: string;
  map?: string;
  separator?: string;
}

export interface LabelledRecords {
  records: LinkRecord[];
  truth: string[];
  mapping: Partial<Record<Field, string[]>>;
}

function parseMap(spec: string): Partial<Record<Field, string[]>> {
  const out: Partial<Record<Field, string[]>> = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [field, column] = part.split('=').map((x) => x.trim());
    if (!field || !column || !(FIELDS as readonly string[]).includes(field)) {
      throw new FatalError(`--map: "${part}" is not field=column (fields: ${FIELDS.join(', ')}).`);
    }
    out[field as Field] = column.split('+').map((c) => c.trim());
  }
  return out;
}

export function readLabelledCsv(file: string, opts: CsvOptions): LabelledRecords {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new FatalError(`Cannot read ${file}.`);
  }
  const rows: string[][] = parse(text, {
    delimiter: opts.separator ?? ',',
    trim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
  });
  const header = rows[0] ?? [];
  const col = (name: string, what: string): number => {
    const i = header.indexOf(name);
    if (i < 0) {
      throw new FatalError(
        `Column "${name}" (${what}) is not in ${file}; its columns are: ${header.join(' | ')}. Check --separator.`,
      );
    }
    return i;
  };
  const idIdx = opts.idColumn
    ? col(opts.idColumn, '--id-column')
    : Math.max(
        0,
        ['unique_id', 'rec_id', 'id', 'record_id'].map((c) => header.indexOf(c)).find((i) => i >= 0) ?? 0,
      );
  let truthOf: (row: string[]) => string;
  let truthIdx = -1;
  if (opts.truthColumn) {
    truthIdx = col(opts.truthColumn, '--truth-column');
    truthOf = (row) => row[truthIdx] ?? '';
  } else if (opts.truthPattern) {
    const re = new RegExp(opts.truthPattern);
    truthOf = (row) => {
      const m = re.exec(row[idIdx] ?? '');
      if (!m?.[1]) throw new FatalError(`--truth-pattern has no first group matching id "${row[idIdx]}".`);
      return m[1];
    };
  } else {
    throw new FatalError('Say where the truth is: --truth-column NAME or --truth-pattern REGEX.');
  }
  const explicit = opts.map ? parseMap(opts.map) : {};
  const mapping: Partial<Record<Field, string[]>> = {};
  const columns: Partial<Record<Field, number[]>> = {};
  for (const field of FIELDS) {
    let names = explicit[field];
    if (!names) {
      const found = SYNONYMS[field].find((s) => s.split('+').every((c) => header.includes(c)));
      names = found ? found.split('+') : undefined;
    }
    if (!names) continue;
    const idx = names.map((n) => col(n, `--map ${field}`));
    // The model never reads the id (it may leak the truth) nor the truth itself.
    if (idx.some((i) => i === truthIdx || (i === idIdx && field !== 'idNumber'))) continue;
    mapping[field] = names;
    columns[field] = idx;
  }
  if (Object.keys(mapping).length === 0)
    throw new FatalError(`No column of ${file} maps to a field; use --map.`);
  const records: LinkRecord[] = [];
  const truth: string[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const get = (f: Field): string | null => {
      const idx = columns[f];
      if (!idx) return null;
      const v = idx
        .map((i) => row[i] ?? '')
        .filter(Boolean)
        .join(' ');
      return v || null;
    };
    const age = get('age');
    const list = (f: Field): string[] =>
      (get(f) ?? '')
        .split(/[;|]/)
        .map((x) => x.trim())
        .filter(Boolean);
    records.push({
      id: String(r - 1),
      givenName: get('givenName'),
      familyName: get('familyName'),
      fullName: get('fullName'),
      birthDate: get('birthDate'),
      ageYears: age && /^\d+$/.test(age) ? Number(age) : null,
      phones: list('phone'),
      emails: list('email'),
      street: get('street'),
      city: get('city'),
      postcode: get('postcode'),
      state: get('state'),
      idNumber: get('idNumber'),
      orgName: get('orgName'),
    });
    truth.push(truthOf(row));
  }
  return { records, truth, mapping };
}
