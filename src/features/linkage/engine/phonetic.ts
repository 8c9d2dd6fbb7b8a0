/**
 * A phonetic key after Lawrence Philips' Metaphone, for names written in Latin letters: names that
 * sound alike ("Smith", "Smyth"; "Catherine", "Kathryn") get the same key. Letters of other scripts
 * are kept as they are, so a name in Arabic or Cyrillic still has a key (its own spelling) and is
 * never dropped. The input is expected to be normalised already (see text.ts: lower case, no accents).
 */

const VOWELS = new Set(['A', 'E', 'I', 'O', 'U']);
const FRONT = new Set(['E', 'I', 'Y']);
const isLatin = (c: string): boolean => c >= 'A' && c <= 'Z';

function initialFix(w: string): string {
  const two = w.slice(0, 2);
  if (two === 'AE' || two === 'GN' || two === 'KN' || two === 'PN' || two === 'WR') return w.slice(1);
  if (w[0] === 'X') return 'S' + w.slice(1);
  if (two === 'WH') return 'W' + w.slice(2);
  return w;
}

/** The phonetic key of one word (at most `maxLength` characters). */
export function phoneticKey(word: string, maxLength = 6): string {
  let w = initialFix(word.toUpperCase());
  // Doubled letters sound once (except C, as in "Accardi").
  w = w.replace(/([A-BD-Z])\1+/g, '$1');
  let out = '';
  const at = (i: number): string => w[i] ?? '';
  for (let i = 0; i < w.length && out.length < maxLength; i++) {
    const c = at(i);
    const next = at(i + 1);
    const prev = at(i - 1);
    if (!isLatin(c)) {
      // Another script, or a digit: keep it, compared as spelt.
      if (c !== ' ') out += c.toLowerCase();
      continue;
    }
    if (VOWELS.has(c)) {
      // Only an initial vowel is kept, as one symbol: "Ellen" and "Alan" share a key.
      if (i === 0) out += 'A';
      continue;
    }
    switch (c) {
      case 'B':
        if (!(prev === 'M' && i === w.length - 1)) out += 'B';
        break;
      case 'C':
        if (next === 'I' && at(i + 2) === 'A') out += 'X';
        else if (next === 'H') {
          out += prev === 'S' ? 'K' : 'X';
          i++;
        } else if (FRONT.has(next)) {
          if (prev !== 'S') out += 'S';
        } else out += 'K';
        break;
      case 'D':
        if (next === 'G' && FRONT.has(at(i + 2))) {
          out += 'J';
          i++;
        } else out += 'T';
        break;
      case 'G':
        if (next === 'H' && i + 2 < w.length && !VOWELS.has(at(i + 2))) break;
        if (next === 'N' && (i + 2 === w.length || (at(i + 2) === 'E' && at(i + 3) === 'D'))) break;
        if (FRONT.has(next)) out += 'J';
        else out += 'K';
        break;
      case 'H':
        if (VOWELS.has(next) && !'CGPST'.includes(prev)) out += 'H';
        break;
      case 'K':
        if (prev !== 'C') out += 'K';
        break;
      case 'P':
        if (next === 'H') {
          out += 'F';
          i++;
        } else out += 'P';
        break;
      case 'Q':
        out += 'K';
        break;
      case 'S':
        if (next === 'H') {
          out += 'X';
          i++;
        } else if (next === 'I' && (at(i + 2) === 'O' || at(i + 2) === 'A')) out += 'X';
        else out += 'S';
        break;
      case 'T':
        if (next === 'I' && (at(i + 2) === 'O' || at(i + 2) === 'A')) out += 'X';
        else if (next === 'H') {
          out += '0';
          i++;
        } else if (!(next === 'C' && at(i + 2) === 'H')) out += 'T';
        break;
      case 'V':
        out += 'F';
        break;
      case 'W':
      case 'Y':
        if (VOWELS.has(next)) out += c;
        break;
      case 'X':
        out += 'KS';
        break;
      case 'Z':
        out += 'S';
        break;
      default:
        out += c;
    }
  }
  return out.slice(0, maxLength);
}
