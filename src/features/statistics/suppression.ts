/**
 * Small numbers. A cell counted 1 to threshold-1 times is shown as "fewer than N" (primary
 * suppression). Because a reader knows the breakdown's total, more cells are hidden
 * (complementary suppression) until no hidden cell can be worked out from the total and the shown
 * cells. The check assumes a reader who knows this rule: a primary cell lies in [1, N-1], a
 * complementary one in [N, ∞). With one equation (the total) and a box per unknown, a cell is
 * determined exactly when its feasible interval is a single value, so the check is exact.
 * When no safe pattern exists the whole breakdown is withheld.
 */

export type Suppression = 'primary' | 'complementary' | 'withheld' | null;

export interface CellIn {
  key: string;
  label: string;
  value: number;
}

export interface CellOut {
  key: string;
  label: string;
  /** The count, or null when it is not disclosed. */
  value: number | null;
  /** What a person reads: the number, "fewer than 3", or "suppressed". */
  display: string;
  suppressed: Suppression;
}

export interface Breakdown {
  total: number;
  cells: CellOut[];
  /** True when too few cells could be shown safely and every cell is hidden. */
  withheld: boolean;
}

interface Box {
  lo: number;
  hi: number;
}

/** Whether some hidden cell is pinned to one value by the total. */
export function anyDetermined(hiddenValues: number[], boxes: Box[]): boolean {
  const remainder = hiddenValues.reduce((a, b) => a + b, 0);
  const sumLo = boxes.reduce((a, b) => a + b.lo, 0);
  const sumHi = boxes.reduce((a, b) => a + b.hi, 0);
  return boxes.some((b) => {
    const lo = Math.max(b.lo, remainder - (sumHi - b.hi));
    const hi = Math.min(b.hi, remainder - (sumLo - b.lo));
    return lo >= hi;
  });
}

export function fewerThan(threshold: number): string {
  return `fewer than ${threshold}`;
}

export function suppress(cells: CellIn[], threshold: number): Breakdown {
  const total = cells.reduce((a, c) => a + c.value, 0);
  const hidden = new Map<number, Suppression>();
  cells.forEach((c, i) => {
    if (c.value >= 1 && c.value < threshold) hidden.set(i, 'primary');
  });
  let withheld = false;
  if (hidden.size > 0) {
    // Smallest shown cells first: they give away least when hidden.
    const candidates = cells
      .map((c, i) => ({ i, v: c.value }))
      .filter((c) => c.v >= threshold)
      .sort((a, b) => a.v - b.v || a.i - b.i);
    const boxOf = (i: number): Box =>
      hidden.get(i) === 'primary' ? { lo: 1, hi: threshold - 1 } : { lo: threshold, hi: Infinity };
    const unsafe = (): boolean => {
      const idx = [...hidden.keys()];
      return anyDetermined(
        idx.map((i) => cells[i]?.value ?? 0),
        idx.map(boxOf),
      );
    };
    while (unsafe()) {
      const next = candidates.shift();
      if (!next) {
        withheld = true;
        break;
      }
      hidden.set(next.i, 'complementary');
    }
  }
  return {
    total,
    withheld,
    cells: cells.map((c, i) => {
      const how: Suppression = withheld && c.value > 0 ? 'withheld' : (hidden.get(i) ?? null);
      if (withheld) {
        return { key: c.key, label: c.label, value: null, display: 'not shown', suppressed: 'withheld' };
      }
      if (how === 'primary') {
        return { key: c.key, label: c.label, value: null, display: fewerThan(threshold), suppressed: how };
      }
      if (how === 'complementary') {
        return { key: c.key, label: c.label, value: null, display: 'suppressed', suppressed: how };
      }
      return { key: c.key, label: c.label, value: c.value, display: String(c.value), suppressed: null };
    }),
  };
}
