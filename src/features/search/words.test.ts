import { describe, expect, it } from 'vitest';
import { lookAlikesOf, withKeys } from './words';

const row = (word: string, alternatives: string[]) => ({
  word,
  alternatives,
  scores: alternatives.map((w) => (w === word ? 1 : 0.5)),
});

describe('the words of a query and their look-alikes', () => {
  it('asks the index for near matches only through a look-alike of some word', () => {
    expect(lookAlikesOf([row('jasmine', ['jasmine', 'jasmin']), row('carter', ['carter'])])).toEqual({
      written: "'jasmine' & 'carter'",
      tsquery: "('jasmine' | 'jasmin') & ('carter')",
      near: "(('jasmin') & ('carter'))",
    });
    expect(lookAlikesOf([row('ana', ['ana', 'anna']), row('cruz', ['cruz', 'cruze'])])?.near).toBe(
      "(('anna') & ('cruz' | 'cruze')) | (('cruze') & ('ana' | 'anna'))",
    );
  });

  it('has no near query when every word is only itself, and all is near when one is misspelt', () => {
    expect(lookAlikesOf([row('smith', ['smith']), row('inn', ['inn'])])).toEqual({
      written: "'smith' & 'inn'",
      tsquery: "('smith') & ('inn')",
      near: null,
    });
    expect(lookAlikesOf([row('jasmne', ['jasmine', 'jasmin']), row('carter', ['carter'])])?.near).toBe(
      "(('jasmine' | 'jasmin') & ('carter'))",
    );
    // A word like nothing indexed is left out: nothing has it as written.
    const initial = lookAlikesOf([row('jasmine', ['jasmine']), row('q', []), row('carter', ['carter'])]);
    expect(initial).toEqual({
      written: "'jasmine' & 'q' & 'carter'",
      tsquery: "('jasmine') & ('carter')",
      near: "('jasmine') & ('carter')",
    });
    expect(lookAlikesOf([row('zq', [])])).toBeNull();
  });

  it('pairs every word of a query with every filter key, quotes and all', () => {
    expect(withKeys("('jasmin') & ('carter' | 'o''hara')", ['state:TX', 'status:open'])).toBe(
      "(('jasmin state:TX' & 'jasmin status:open')) & (('carter state:TX' & 'carter status:open') | " +
        "('o''hara state:TX' & 'o''hara status:open'))",
    );
    expect(withKeys(lookAlikesOf([row('4521', []), row('smith', ['smith'])])!.written, ['type:labor'])).toBe(
      "('4521 type:labor') & ('smith type:labor')",
    );
  });
});
