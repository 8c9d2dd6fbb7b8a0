/**
 * Canonical JSON: an array of HSDS organization objects (or one), each with its services and
 * locations nested as the specification's compiled schemas nest them.
 */
import { CHILDREN, isObject, type FlatRecord, type HsdsIssue, type HsdsKind, type Json } from './model';
import { validateObject } from './validate';

/** Validates the whole document, then flattens it. Nothing is returned unless it is all valid. */
export function readCanonical(doc: unknown): { records: FlatRecord[]; issues: HsdsIssue[] } {
  const orgs = Array.isArray(doc) ? doc : [doc];
  const issues: HsdsIssue[] = [];
  orgs.forEach((o, i) =>
    issues.push(...validateObject('organization', o, Array.isArray(doc) ? `/${i}` : '')),
  );
  if (issues.length) return { records: [], issues };

  const records: FlatRecord[] = [];
  const seen = new Set<string>();
  const add = (
    kind: HsdsKind,
    obj: Json,
    parentKind: HsdsKind | null,
    parentId: string | null,
    where: string,
  ): void => {
    const id = String(obj.id);
    const key = `${kind}:${id}`;
    if (seen.has(key)) return; // the same object listed twice (a location under its organization and its service)
    seen.add(key);
    const data: Json = { ...obj };
    for (const [prop] of CHILDREN[kind]) delete data[prop];
    if (kind === 'service') delete data.organization; // the parent it sits in
    if (kind === 'service_at_location' && isObject(obj.location)) {
      delete data.location;
      data.location_id ??= obj.location.id;
    }
    if (kind === 'attribute' && isObject(obj.taxonomy_term)) {
      delete data.taxonomy_term;
      data.taxonomy_term_id ??= obj.taxonomy_term.id;
    }
    records.push({ kind, id, parentKind, parentId, data });
    if (kind === 'attribute' && isObject(obj.taxonomy_term))
      add('taxonomy_term', obj.taxonomy_term, null, null, `${where}/taxonomy_term`);
    if (kind === 'service_at_location' && isObject(obj.location))
      add('location', obj.location, 'service_at_location', id, `${where}/location`);
    for (const [prop, childKind] of CHILDREN[kind]) {
      const list = obj[prop];
      if (!Array.isArray(list)) continue;
      list.forEach((c, i) => {
        if (isObject(c)) add(childKind, c, kind, id, `${where}/${prop}/${i}`);
      });
    }
  };
  orgs.forEach((o, i) => add('organization', o as Json, null, null, Array.isArray(doc) ? `/${i}` : ''));
  return { records, issues };
}

/** Builds the canonical document back from stored records, in the order they arrived. */
export function writeCanonical(records: FlatRecord[]): Json[] {
  const byParent = new Map<string, FlatRecord[]>();
  for (const r of records) {
    if (!r.parentKind || !r.parentId) continue;
    const key = `${r.parentKind}:${r.parentId}`;
    byParent.set(key, [...(byParent.get(key) ?? []), r]);
  }
  const terms = new Map(records.filter((r) => r.kind === 'taxonomy_term').map((r) => [r.id, r.data]));

  const build = (r: FlatRecord): Json => {
    const out: Json = { ...r.data };
    if (r.kind === 'attribute' && typeof r.data.taxonomy_term_id === 'string') {
      const term = terms.get(r.data.taxonomy_term_id);
      if (term) out.taxonomy_term = { ...term };
    }
    const children = byParent.get(`${r.kind}:${r.id}`) ?? [];
    if (r.kind === 'service_at_location') {
      const location = children.find((c) => c.kind === 'location');
      if (location) out.location = build(location);
    }
    for (const [prop, kind] of CHILDREN[r.kind]) {
      const list = children.filter((c) => c.kind === kind);
      if (list.length) out[prop] = list.map(build);
    }
    return out;
  };
  return records.filter((r) => r.kind === 'organization').map(build);
}
