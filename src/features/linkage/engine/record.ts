/**
 * What the engine links: one mention of a person, business or signaler, and its prepared form
 * (normalised once, compared many times).
 */
import { birthFromAge, parseBirthDate, type BirthInfo } from './dates';
import { phoneticKey } from './phonetic';
import { compactName, nameTokens, normaliseEmail, normalisePhone, normaliseText, phoneTail } from './text';

export interface LinkRecord {
  id: string;
  givenName?: string | null;
  familyName?: string | null;
  /** Used when given and family names are not recorded apart: first word given, last word family. */
  fullName?: string | null;
  aliases?: readonly string[];
  /** 'YYYY-MM-DD' or 'YYYYMMDD'. */
  birthDate?: string | null;
  /** An age given instead of a date, and when it was given. */
  ageYears?: number | null;
  ageRecordedAt?: string | null;
  phones?: readonly string[];
  emails?: readonly string[];
  street?: string | null;
  city?: string | null;
  postcode?: string | null;
  state?: string | null;
  /** A document or other identifying number. */
  idNumber?: string | null;
  /** A business's name. */
  orgName?: string | null;
}

export interface Prepared {
  id: string;
  given: string;
  /** Other given names to try: aliases and nicknames recorded with the mention. */
  givenAlt: string[];
  family: string;
  familyTokens: string[];
  givenPh: string;
  familyPh: string;
  birth: BirthInfo | null;
  phones: string[];
  phoneTails: string[];
  emails: string[];
  emailLocals: string[];
  street: string;
  city: string;
  postcode: string;
  state: string;
  idNumber: string;
  org: string;
  orgTokens: string[];
  /** Nothing to compare: such a record is kept but never linked. */
  empty: boolean;
}

const phoneticOf = (tokens: readonly string[]): string => tokens.map((t) => phoneticKey(t)).join('');

// Names repeat (a million mentions hold a few thousand distinct names): normalise each once.
const tokenMemo = new Map<string, string[]>();
function tokensOf(value: string | null | undefined): string[] {
  if (!value) return [];
  const hit = tokenMemo.get(value);
  if (hit) return hit;
  if (tokenMemo.size > 200_000) tokenMemo.clear();
  const tokens = nameTokens(value);
  tokenMemo.set(value, tokens);
  return tokens;
}
const phoneticMemo = new Map<string, string>();
function phoneticMemoised(tokens: readonly string[], first: boolean): string {
  const key = (first ? '1' : '*') + tokens.join(' ');
  const hit = phoneticMemo.get(key);
  if (hit !== undefined) return hit;
  if (phoneticMemo.size > 200_000) phoneticMemo.clear();
  const value = tokens.length === 0 ? '' : first ? phoneticKey(tokens[0]!) : phoneticOf(tokens);
  phoneticMemo.set(key, value);
  return value;
}

export function prepare(r: LinkRecord): Prepared {
  let givenTokens = tokensOf(r.givenName);
  let familyTokens = tokensOf(r.familyName);
  if (givenTokens.length === 0 && familyTokens.length === 0 && r.fullName) {
    const all = nameTokens(r.fullName);
    givenTokens = all.slice(0, 1);
    familyTokens = all.length > 1 ? all.slice(-1) : [];
  }
  const given = givenTokens.join('');
  const family = familyTokens.join('');
  const givenAlt = (r.aliases ?? []).map(compactName).filter((a) => a && a !== given);
  const phones = [...new Set((r.phones ?? []).map((p) => normalisePhone(p)).filter(Boolean))];
  const emails = [...new Set((r.emails ?? []).map(normaliseEmail).filter(Boolean))];
  const birth = parseBirthDate(r.birthDate) ?? birthFromAge(r.ageYears, r.ageRecordedAt);
  const org = compactName(r.orgName);
  const p: Prepared = {
    id: r.id,
    given,
    givenAlt,
    family,
    familyTokens,
    givenPh: phoneticMemoised(givenTokens, true),
    familyPh: phoneticMemoised(familyTokens, false),
    birth,
    phones,
    phoneTails: phones.map(phoneTail),
    emails,
    emailLocals: emails.map((e) => e.slice(0, e.lastIndexOf('@'))),
    street: normaliseText(r.street),
    city: tokensOf(r.city).join(''),
    postcode: normaliseText(r.postcode).replace(/ /g, ''),
    state: normaliseText(r.state),
    idNumber: normaliseText(r.idNumber).replace(/ /g, ''),
    org,
    orgTokens: nameTokens(r.orgName),
    empty: false,
  };
  p.empty =
    !p.given &&
    !p.family &&
    !p.birth &&
    !p.phones.length &&
    !p.emails.length &&
    !p.street &&
    !p.city &&
    !p.postcode &&
    !p.idNumber &&
    !p.org &&
    !givenAlt.length;
  return p;
}
