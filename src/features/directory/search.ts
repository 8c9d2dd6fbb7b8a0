/** Finding services: by state, county, kind of help, language and age, over the search index. */
import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';
import './tables';

export interface ServiceCriteria {
  state?: string | undefined;
  county?: string | undefined;
  need?: string | undefined;
  /** ISO 639 code or language name, matched case-insensitively. */
  language?: string | undefined;
  age?: number | undefined;
  text?: string | undefined;
  limit?: number | undefined;
}

export interface ServiceSummary {
  id: string;
  organizationId: string | null;
  organizationName: string;
  name: string;
  description: string;
  needs: string[];
  languages: string[];
  states: string[];
  counties: string[];
  genders: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  phones: string[];
  url: string | null;
  email: string | null;
  /** How well it fits a case: one point per criterion met (need, language, county, age). */
  score: number;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

export async function searchServices(q: Queryable, c: ServiceCriteria): Promise<ServiceSummary[]> {
  let query = q.selectFrom('directory_service_index').selectAll().where('status', '=', 'active');
  // A service with no area listed is not known to serve the state, so it is left out of a state search.
  if (c.state) query = query.where(sql<boolean>`${c.state.toUpperCase()} = any(states)`);
  if (c.need) query = query.where(sql<boolean>`${c.need} = any(needs)`);
  if (c.language) {
    const lang = c.language.toLowerCase();
    query = query.where(sql<boolean>`(${lang} = any(languages) or cardinality(languages) = 0)`);
  }
  if (c.age !== undefined) {
    query = query
      .where((eb) => eb.or([eb('minimum_age', 'is', null), eb('minimum_age', '<=', String(c.age))]))
      .where((eb) => eb.or([eb('maximum_age', 'is', null), eb('maximum_age', '>=', String(c.age))]));
  }
  if (c.county) {
    const county = c.county.toLowerCase();
    query = query.where(sql<boolean>`(${county} = any(counties) or cardinality(counties) = 0)`);
  }
  if (c.text) query = query.where('search_text', 'like', `%${c.text.toLowerCase().replace(/[%_\\]/g, '')}%`);
  const rows = await query
    .orderBy('organization_name')
    .orderBy('name')
    .limit(c.limit ?? 100)
    .execute();
  if (rows.length === 0) return [];

  const ids = rows.map((r) => r.service_id);
  const [phones, services] = await Promise.all([
    q
      .selectFrom('directory_records')
      .select(['parent_id', 'data'])
      .where('kind', '=', 'phone')
      .where('parent_kind', '=', 'service')
      .where('parent_id', 'in', ids)
      .orderBy('seq')
      .execute(),
    q
      .selectFrom('directory_records')
      .select(['id', 'data'])
      .where('kind', '=', 'service')
      .where('id', 'in', ids)
      .execute(),
  ]);
  const serviceData = new Map(services.map((s) => [s.id, s.data as { url?: string; email?: string }]));

  return rows
    .map((r) => {
      const data = serviceData.get(r.service_id) ?? {};
      const score =
        (c.need && r.needs.includes(c.need) ? 1 : 0) +
        (c.language && r.languages.includes(c.language.toLowerCase()) ? 1 : 0) +
        (c.county && r.counties.includes(c.county.toLowerCase()) ? 1 : 0) +
        (c.age !== undefined && (r.minimum_age !== null || r.maximum_age !== null) ? 1 : 0);
      return {
        id: r.service_id,
        organizationId: r.organization_id,
        organizationName: r.organization_name,
        name: r.name,
        description: r.description,
        needs: r.needs,
        languages: r.languages,
        states: r.states,
        counties: r.counties,
        genders: r.genders,
        minimumAge: num(r.minimum_age),
        maximumAge: num(r.maximum_age),
        phones: phones
          .filter((p) => p.parent_id === r.service_id)
          .map((p) => String((p.data as { number?: string }).number ?? ''))
          .filter(Boolean),
        url: data.url ?? null,
        email: data.email ?? null,
        score,
      };
    })
    .sort((a, b) => b.score - a.score);
}
