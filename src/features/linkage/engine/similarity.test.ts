import { describe, expect, it } from 'vitest';
import { compareBirth, BirthLevel, birthFromAge, parseBirthDate } from './dates';
import { phoneticKey } from './phonetic';
import { damerauLevenshtein, jaroWinkler, withinOneEdit } from './similarity';
import { normaliseEmail, normalisePhone, normaliseText } from './text';

describe('Jaro–Winkler', () => {
  it('gives the published values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('same', 'same')).toBe(1);
    expect(jaroWinkler('', 'x')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});

describe('Damerau–Levenshtein', () => {
  it('counts edits, a swap of neighbours as one', () => {
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('abcd', 'acbd')).toBe(1);
    expect(damerauLevenshtein('ca', 'abc')).toBe(3);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('smith', 'smith')).toBe(0);
  });
  it('stops early past the limit', () => {
    expect(damerauLevenshtein('abcdefgh', 'zyxwvuts', 1)).toBe(2);
    expect(damerauLevenshtein('abc', 'abcdef', 1)).toBe(2);
  });
});

describe('phonetic key', () => {
  it('gives names that sound alike the same key', () => {
    expect(phoneticKey('smith')).toBe(phoneticKey('smyth'));
    expect(phoneticKey('catherine')).toBe(phoneticKey('kathryn'));
    expect(phoneticKey('knight')).toBe(phoneticKey('night'));
    expect(phoneticKey('philip')).toBe(phoneticKey('filip'));
    expect(phoneticKey('smith')).not.toBe(phoneticKey('jones'));
  });
  it('keeps letters of other scripts instead of dropping them', () => {
    expect(phoneticKey('мария')).toBe('мария');
    expect(phoneticKey('محمد')).toBe('محمد');
    expect(phoneticKey('')).toBe('');
  });
});

describe('normalisation', () => {
  it('removes accents but keeps every script', () => {
    expect(normaliseText('José-María  Núñez')).toBe('jose maria nunez');
    expect(normaliseText('Zoë Straße')).toBe('zoe strasse');
    expect(normaliseText('Мария Иванова')).toBe('мария иванова');
    expect(normaliseText('王秀英')).toBe('王秀英');
    expect(normaliseText('  ')).toBe('');
  });
  it('reads phone numbers into E.164', () => {
    expect(normalisePhone('(601) 555-0134')).toBe('+16015550134');
    expect(normalisePhone('+1 601 555 0134')).toBe('+16015550134');
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalisePhone('no number')).toBe('');
  });
  it('reads email addresses case-blind and without +tags', () => {
    expect(normaliseEmail(' Ana.Lopez+hotline@Example.ORG ')).toBe('ana.lopez@example.org');
    expect(normaliseEmail('not an address')).toBe('');
  });
});

describe('birth dates and ages', () => {
  const d = (s: string) => parseBirthDate(s);
  it('has a level for each kind of mistake', () => {
    expect(compareBirth(d('1990-04-02'), d('19900402'))).toBe(BirthLevel.Exact);
    expect(compareBirth(d('1990-04-02'), d('1990-04-03'))).toBe(BirthLevel.Typo);
    expect(compareBirth(d('1990-04-02'), d('1990-02-04'))).toBe(BirthLevel.Typo);
    expect(compareBirth(d('1990-04-02'), d('1990-04-25'))).toBe(BirthLevel.Month);
    expect(compareBirth(d('1990-04-02'), d('1990-11-20'))).toBe(BirthLevel.Year);
    expect(compareBirth(d('1990-04-02'), d('1980-04-12'))).toBe(BirthLevel.TwoDigits);
    expect(compareBirth(d('1990-04-02'), d('1955-09-17'))).toBe(BirthLevel.Disagree);
    expect(compareBirth(d('1990-04-02'), null)).toBe(BirthLevel.Null);
  });
  it('compares an age given instead of a date by the year it implies', () => {
    const age = birthFromAge(30, '2020-05-01');
    expect(compareBirth(age, d('1990-04-02'))).toBe(BirthLevel.Year);
    expect(compareBirth(age, d('1989-12-30'))).toBe(BirthLevel.Year);
    expect(compareBirth(age, d('1970-01-01'))).toBe(BirthLevel.Disagree);
  });
});

describe('withinOneEdit', () => {
  it('agrees with damerauLevenshtein(a, b, 1) <= 1 on every pair of a set of near spellings', () => {
    const words = [
      '',
      'a',
      'ab',
      'ba',
      'abc',
      'acb',
      'bac',
      'abd',
      'abcd',
      'abdc',
      'bacd',
      'acbd',
      'xbcd',
      'abcde',
    ];
    const extra = ['maria', 'marai', 'mario', 'amria', 'mariah', 'aria', 'mraia', 'maira', 'marja'];
    const all = [...words, ...extra];
    for (const a of all)
      for (const b of all)
        expect([a, b, withinOneEdit(a, b)]).toEqual([a, b, damerauLevenshtein(a, b, 1) <= 1]);
  });
});
