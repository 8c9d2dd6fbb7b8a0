/**
 * The search index: for each service, the kinds of help, languages, area, ages and genders it
 * serves, derived from its HSDS records (see docs/directory.md for the conventions).
 */
import type { Queryable } from '../../platform/db/transaction';
import type { FlatRecord } from './hsds/model';
import { allRecords } from './store';
import { GENDER_TAXONOMY, isNeed, NEED_TAXONOMY, stateCode } from './vocabulary';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** "Hinds County, MS" -> county "hinds county" in MS; "Mississippi" or "MS" -> MS. */
function readArea(name: string): { state?: string; county?: string } {
  const parts = name.split(',').map((p) => p.trim());
  if (parts.length === 2 && /(county|parish|borough)$/i.test(parts[0]!)) {
    const state = stateCode(parts[1]!);
    return state ? { state, county: parts[0]!.toLowerCase() } : {};
  }
  const state = stateCode(name);
  return state ? { state } : {};
}

export async function rebuildServiceIndex(q: Queryable): Promise<number> {
  const records = await allRecords(q);
  const children = (kind: string, id: string): FlatRecord[] =>
    records.filter((r) => r.parentKind === kind && r.parentId === id);
  const byKindId = new Map(records.map((r) => [`${r.kind}:${r.id}`, r]));
  const services = records.filter((r) => r.kind === 'service');

  await q.deleteFrom('directory_service_index').execute();
  for (const s of services) {
    const orgId = str(s.data.organization_id) || (s.parentKind === 'organization' ? s.parentId : null);
    const org = orgId ? byKindId.get(`organization:${orgId}`) : undefined;
    const terms = children('service', s.id)
      .filter((c) => c.kind === 'attribute')
      .map((a) => byKindId.get(`taxonomy_term:${str(a.data.taxonomy_term_id)}`)?.data)
      .filter((t): t is Record<string, unknown> => t !== undefined);
    const codes = (taxonomy: string) => terms.filter((t) => t.taxonomy === taxonomy).map((t) => str(t.code));
    const sals = children('service', s.id).filter((c) => c.kind === 'service_at_location');
    const areas = [
      ...children('service', s.id),
      ...sals.flatMap((sal) => children('service_at_location', sal.id)),
    ]
      .filter((c) => c.kind === 'service_area')
      .map((a) => readArea(str(a.data.name)));
    let states = areas.map((a) => a.state).filter((x): x is string => Boolean(x));
    // No area given: the states where it is delivered.
    if (states.length === 0) {
      states = sals
        .map((sal) => byKindId.get(`location:${str(sal.data.location_id)}`))
        .flatMap((loc) => (loc ? children('location', loc.id) : []))
        .filter((c) => c.kind === 'address')
        .map((a) => stateCode(str(a.data.state_province)))
        .filter((x): x is string => Boolean(x));
    }
    const languages = children('service', s.id)
      .filter((c) => c.kind === 'language')
      .flatMap((l) => [str(l.data.code), str(l.data.name)])
      .filter(Boolean)
      .map((x) => x.toLowerCase());
    const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
    const name = str(s.data.name);
    const orgName = org ? str(org.data.name) : '';
    const description = str(s.data.description);
    await q
      .insertInto('directory_service_index')
      .values({
        service_id: s.id,
        organization_id: orgId,
        organization_name: orgName,
        name,
        description,
        status: str(s.data.status),
        needs: [...new Set(codes(NEED_TAXONOMY).filter(isNeed))],
        languages: [...new Set(languages)],
        states: [...new Set(states)],
        counties: [...new Set(areas.map((a) => a.county).filter((x): x is string => Boolean(x)))],
        genders: [...new Set(codes(GENDER_TAXONOMY))],
        minimum_age: num(s.data.minimum_age),
        maximum_age: num(s.data.maximum_age),
        search_text: `${name} ${orgName} ${description}`.toLowerCase(),
      })
      .execute();
  }
  return services.length;
}
