/**
 * Clusters from scored pairs: strongest pairs first, each joining two clusters unless a pair that
 * people rejected would end up inside one cluster. Confirmed pairs join first, whatever their score.
 */

export class Clusters {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  /** Per root: records of its cluster that have rejected partners (rarely any). */
  private readonly cannot = new Map<number, Set<number>>();

  constructor(readonly count: number) {
    this.parent = new Int32Array(count);
    this.size = new Int32Array(count).fill(1);
    for (let i = 0; i < count; i++) this.parent[i] = i;
  }

  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  /** Records that must never share a cluster. */
  forbid(i: number, j: number): void {
    const ri = this.find(i);
    const rj = this.find(j);
    if (!this.cannot.has(ri)) this.cannot.set(ri, new Set());
    if (!this.cannot.has(rj)) this.cannot.set(rj, new Set());
    this.cannot.get(ri)!.add(j);
    this.cannot.get(rj)!.add(i);
  }

  /** Joins the clusters of i and j; returns false when already joined or when a rejection forbids it. */
  union(i: number, j: number): boolean {
    let ri = this.find(i);
    let rj = this.find(j);
    if (ri === rj) return false;
    const ci = this.cannot.get(ri);
    const cj = this.cannot.get(rj);
    if (ci && cj) {
      for (const x of ci) if (this.find(x) === rj) return false;
    }
    if (this.size[ri]! < this.size[rj]!) [ri, rj] = [rj, ri];
    this.parent[rj] = ri;
    this.size[ri]! += this.size[rj]!;
    if (cj) {
      const merged = this.cannot.get(ri) ?? new Set<number>();
      for (const x of cj) merged.add(x);
      this.cannot.set(ri, merged);
      this.cannot.delete(rj);
    }
    return true;
  }

  /** The cluster of each record as the index of its root. */
  labels(): Int32Array {
    const out = new Int32Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.find(i);
    return out;
  }
}
