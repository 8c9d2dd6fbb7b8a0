/** Birth dates and ages as the engine compares them. */

export interface BirthInfo {
  /** Days since 1970-01-01 of the birth date, or NaN when only an age is known. */
  days: number;
  /** 'YYYYMMDD' for typo comparisons, '' when only an age is known. */
  digits: string;
  /** Birth year (from the date, or estimated from an age). */
  year: number;
  /** True when the year comes from an age: it may be one year early. */
  fromAge: boolean;
}

const DAY_MS = 86_400_000;

/** Reads 'YYYY-MM-DD', 'YYYY/MM/DD' or 'YYYYMMDD'; anything else is treated as missing. */
export function parseBirthDate(value: string | null | undefined): BirthInfo | null {
  if (!value) return null;
  const m = /^\s*(\d{4})[-/]?(\d{2})[-/]?(\d{2})/.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1800 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31) {
    // Still comparable by its digits (a typo in a month can make it invalid).
    return { days: Number.NaN, digits: `${m[1]}${m[2]}${m[3]}`, year: y, fromAge: false };
  }
  return { days: Date.UTC(y, mo - 1, d) / DAY_MS, digits: `${m[1]}${m[2]}${m[3]}`, year: y, fromAge: false };
}

/** An age given instead of a date: the birth year is the year it was recorded minus the age (or one less). */
export function birthFromAge(
  age: number | null | undefined,
  recordedAt: string | null | undefined,
): BirthInfo | null {
  if (age === null || age === undefined || !Number.isFinite(age)) return null;
  const at = recordedAt ? parseBirthDate(recordedAt) : null;
  const year = (at?.year ?? new Date().getUTCFullYear()) - age;
  return { days: Number.NaN, digits: '', year, fromAge: true };
}

/** Levels of agreement between two births; larger numbers are weaker. */
export const enum BirthLevel {
  Null = -1,
  Disagree = 0,
  Exact = 1,
  Typo = 2,
  Month = 3,
  Year = 4,
  TwoDigits = 5,
}

function digitsDifferent(a: string, b: string): number {
  if (a.length !== b.length) return 99;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  return diff;
}

function digitTypo(a: string, b: string): boolean {
  if (a.length !== 8 || b.length !== 8) return false;
  let diff = 0;
  let first = -1;
  for (let i = 0; i < 8; i++) {
    if (a[i] !== b[i]) {
      if (diff === 0) first = i;
      diff++;
    }
  }
  if (diff === 1) return true;
  // Neighbouring digits swapped, or day and month swapped.
  if (diff === 2 && a[first] === b[first + 1] && a[first + 1] === b[first]) return true;
  return (
    a.slice(0, 4) === b.slice(0, 4) && a.slice(4, 6) === b.slice(6, 8) && a.slice(6, 8) === b.slice(4, 6)
  );
}

export function compareBirth(a: BirthInfo | null, b: BirthInfo | null): BirthLevel {
  if (!a || !b) return BirthLevel.Null;
  if (a.fromAge || b.fromAge) {
    // An age pins the year within one either way.
    return Math.abs(a.year - b.year) <= 1 ? BirthLevel.Year : BirthLevel.Disagree;
  }
  if (a.digits === b.digits) return BirthLevel.Exact;
  if (digitTypo(a.digits, b.digits)) return BirthLevel.Typo;
  const gap = Math.abs(a.days - b.days);
  if (gap <= 31) return BirthLevel.Month;
  if (gap <= 366) return BirthLevel.Year;
  // Two mistyped digits (often one in the year and one in the day).
  if (digitsDifferent(a.digits, b.digits) <= 2) return BirthLevel.TwoDigits;
  return BirthLevel.Disagree;
}
