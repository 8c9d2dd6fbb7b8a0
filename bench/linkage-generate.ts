/**
 * Deterministic synthetic person mentions for the linkage benchmark: people drawn from long-tailed
 * name lists, each mentioned one to five times with the mistakes hotline data has (typos,
 * nicknames, swapped names, missing fields, an age instead of a date, several phone numbers,
 * other formats). The truth (who is who) is returned apart from the records.
 */
import type { LinkRecord } from '../src/features/linkage/engine/record';
import { mulberry32 } from '../src/features/linkage/engine/random';

const GIVEN = (
  'james mary robert patricia john jennifer michael linda william elizabeth david barbara richard susan joseph jessica ' +
  'thomas sarah charles karen christopher nancy daniel lisa matthew betty anthony margaret mark sandra donald ashley ' +
  'steven kimberly paul emily andrew donna joshua michelle kenneth carol kevin amanda brian dorothy george melissa ' +
  'edward deborah ronald stephanie timothy rebecca jason sharon jeffrey laura ryan cynthia jacob kathleen gary amy ' +
  'nicholas angela eric shirley jonathan anna stephen brenda larry pamela justin emma scott nicole brandon helen ' +
  'jose maria juan carmen luis ana carlos rosa jorge guadalupe miguel sofia alejandro lucia francisco isabel ' +
  'mohammed fatima ahmed aisha ali mariam omar layla wei li ming xin hiroshi yuki olga ivan dmitri natalia'
).split(' ');
const SYLL =
  'ka ro mi na li sa to be da ni vo re lu ga te pa zo ri mo ha ve ki du so ne ta ma la po fi ju'.split(' ');
const FAMILY_REAL = (
  'smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson ' +
  'anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson ' +
  'walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell ' +
  'mitchell carter roberts kim chen wang patel singh khan ivanov petrov novak kowalski muller schmidt rossi'
).split(' ');
const NICK: Record<string, string> = {
  robert: 'bob',
  william: 'bill',
  richard: 'rick',
  elizabeth: 'liz',
  margaret: 'maggie',
  james: 'jim',
  michael: 'mike',
  joseph: 'joe',
  thomas: 'tom',
  charles: 'charlie',
  christopher: 'chris',
  daniel: 'dan',
  jennifer: 'jenny',
  jessica: 'jess',
  anthony: 'tony',
  francisco: 'paco',
  jose: 'pepe',
  guadalupe: 'lupe',
};
const CITIES =
  'jackson gulfport biloxi hattiesburg tupelo meridian st louis kansas city springfield columbia'.split(' ');

/** Long-tailed choice: weight 1/(rank + offset), like real name frequencies. */
function zipfPicker(size: number, offset: number, rand: () => number): () => number {
  const cum = new Float64Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) cum[r] = total += 1 / (r + offset);
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function typo(s: string, rand: () => number): string {
  if (s.length < 2) return s;
  const i = Math.floor(rand() * s.length);
  const letter = String.fromCharCode(97 + Math.floor(rand() * 26));
  switch (Math.floor(rand() * 4)) {
    case 0:
      return s.slice(0, i) + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + letter + s.slice(i);
    case 2:
      return s.slice(0, i) + letter + s.slice(i + 1);
    default:
      return i < s.length - 1 ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
  }
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const pad = (n: number): string => String(n).padStart(2, '0');

export function generatePeople(count: number, seed = 42): { records: LinkRecord[]; truth: string[] } {
  const rand = mulberry32(seed);
  const familyNames = [...FAMILY_REAL];
  while (familyNames.length < 30_000) {
    const parts = 2 + Math.floor(rand() * 2);
    let n = '';
    for (let p = 0; p < parts; p++) n += SYLL[Math.floor(rand() * SYLL.length)];
    familyNames.push(n + (rand() < 0.3 ? 's' : ''));
  }
  const givenNames = [...GIVEN];
  while (givenNames.length < 3_000)
    givenNames.push(
      SYLL[Math.floor(rand() * SYLL.length)]! +
        SYLL[Math.floor(rand() * SYLL.length)]! +
        (rand() < 0.5 ? 'a' : 'o'),
    );
  const pickFamily = zipfPicker(familyNames.length, 30, rand);
  const pickGiven = zipfPicker(givenNames.length, 15, rand);
  const records: LinkRecord[] = [];
  const truth: string[] = [];
  let person = 0;
  while (records.length < count) {
    const given = givenNames[pickGiven()]!;
    const family = familyNames[pickFamily()]!;
    const year = 1945 + Math.floor(rand() * 65);
    const dob = `${year}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`;
    const phone = `601${String(2000000 + Math.floor(rand() * 7999999))}`;
    // An address belongs to one person: the same name gets a different number.
    const email = `${given}.${family}${person.toString(36)}@example.org`;
    const city = CITIES[Math.floor(rand() * CITIES.length)]!;
    // One to five mentions; most people are mentioned once or twice.
    const mentions = 1 + Math.min(4, Math.floor(-Math.log(1 - rand()) * 0.9));
    for (let k = 0; k < mentions && records.length < count; k++) {
      const clean = k === 0 && rand() < 0.5;
      let g = given;
      let f = family;
      if (!clean) {
        if (rand() < 0.25) g = typo(g, rand);
        if (rand() < 0.25) f = typo(f, rand);
        if (rand() < 0.15 && NICK[given]) g = NICK[given]!;
        if (rand() < 0.05) [g, f] = [f, g];
      }
      const r: LinkRecord = { id: String(records.length), givenName: cap(g), familyName: cap(f) };
      if (!clean && rand() < 0.1) r.givenName = null;
      if (!clean && rand() < 0.05) r.familyName = null;
      const d = rand();
      if (clean || d < 0.55)
        r.birthDate =
          !clean && rand() < 0.15 ? typo(dob.replace(/-/g, ''), rand).replace(/\D/g, '').padEnd(8, '1') : dob;
      else if (d < 0.75) {
        r.ageYears = 2024 - year - (rand() < 0.5 ? 1 : 0);
        r.ageRecordedAt = '2024-06-01';
      }
      const phones: string[] = [];
      if (clean || rand() < 0.6)
        phones.push(
          rand() < 0.5 ? `(${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}` : `+1${phone}`,
        );
      if (rand() < 0.15) phones.push(`601${String(2000000 + Math.floor(rand() * 7999999))}`);
      r.phones = phones;
      r.emails = clean || rand() < 0.4 ? [rand() < 0.1 ? typo(email, rand) : email] : [];
      r.city = rand() < 0.5 ? city : null;
      records.push(r);
      truth.push(String(person));
    }
    person++;
  }
  return { records, truth };
}

/**
 * The generated people as a labelled CSV (`truth` names the person), the shape `waymark linkage
 * evaluate --truth-column truth` reads; `withId` puts each record's index in a first `id` column.
 */
export function peopleCsv(count: number, seed: number, { withId = false } = {}): string {
  const { records, truth } = generatePeople(count, seed);
  const cell = (x: string | number | null | undefined): string => `"${String(x ?? '').replace(/"/g, '""')}"`;
  const head = ['truth', 'given_name', 'surname', 'dob', 'age', 'phone', 'email', 'city'];
  const lines = [(withId ? ['id', ...head] : head).join(',')];
  records.forEach((r, i) => {
    const row = [
      truth[i],
      r.givenName,
      r.familyName,
      r.birthDate,
      r.ageYears,
      (r.phones ?? []).join(';'),
      (r.emails ?? []).join(';'),
      r.city,
    ];
    lines.push((withId ? [i, ...row] : row).map(cell).join(','));
  });
  return lines.join('\n');
}
