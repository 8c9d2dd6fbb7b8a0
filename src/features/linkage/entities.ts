/**
 * The three kinds of records linkage joins, read from their own tables and turned into what the
 * engine compares. Always scoped to one hotline.
 */
import type { RawBuilder } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';
import type { LinkRecord } from './engine/record';
import { normaliseText } from './engine/text';
import type { EntityType } from './tables';

export const ENTITY_TYPES: readonly EntityType[] = ['person', 'business', 'signaler'];

/** Reads records of one type by id, or by a subquery of ids (all of the hotline's when `ids` is undefined). */
export async function loadRecords(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  ids?: readonly string[] | RawBuilder<string>,
): Promise<LinkRecord[]> {
  if (Array.isArray(ids) && ids.length === 0) return [];
  switch (type) {
    case 'person': {
      let query = q
        .selectFrom('persons')
        .select([
          'id',
          'given_name',
          'family_name',
          'full_name',
          'aliases',
          'birth_date',
          'age_years',
          'age_recorded_at',
          'phones',
          'emails',
        ])
        .where('hotline_id', '=', hotlineId);
      if (ids) query = query.where('id', 'in', ids as string[]);
      const rows = await query.orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        givenName: r.given_name,
        familyName: r.family_name,
        fullName: r.full_name,
        aliases: r.aliases,
        birthDate: r.birth_date,
        ageYears: r.age_years,
        ageRecordedAt: r.age_recorded_at,
        phones: r.phones,
        emails: r.emails,
      }));
    }
    case 'business': {
      let query = q
        .selectFrom('businesses')
        .select(['id', 'name', 'address', 'city', 'state', 'phone'])
        .where('hotline_id', '=', hotlineId);
      if (ids) query = query.where('id', 'in', ids as string[]);
      const rows = await query.orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        orgName: r.name,
        street: r.address,
        city: r.city,
        state: r.state,
        phones: r.phone ? [r.phone] : [],
      }));
    }
    case 'signaler': {
      let query = q
        .selectFrom('signalers')
        .select(['id', 'name', 'phone', 'email'])
        .where('hotline_id', '=', hotlineId);
      if (ids) query = query.where('id', 'in', ids as string[]);
      const rows = await query.orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        fullName: r.name,
        phones: r.phone ? [r.phone] : [],
        emails: r.email ? [r.email] : [],
      }));
    }
  }
}

/** The name searched by trigram similarity: given and family, or the business's name. */
export function searchName(r: LinkRecord): string {
  const parts = r.orgName
    ? [r.orgName]
    : [r.givenName ?? '', r.familyName ?? '', r.givenName || r.familyName ? '' : (r.fullName ?? '')];
  return normaliseText(parts.join(' ')).replace(/\s+/g, ' ').trim();
}

/** Sets cluster_id for records of one type (null = a cluster of one). */
export async function setClusterIds(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  clusterId: string | null,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const table = type === 'person' ? 'persons' : type === 'business' ? 'businesses' : 'signalers';
  await q
    .updateTable(table)
    .set({ cluster_id: clusterId })
    .where('hotline_id', '=', hotlineId)
    .where('id', 'in', ids)
    .execute();
}

/** The current cluster_id of records (only those of the hotline are found). */
export async function clusterIdsOf(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const table = type === 'person' ? 'persons' : type === 'business' ? 'businesses' : 'signalers';
  const rows = await q
    .selectFrom(table)
    .select(['id', 'cluster_id'])
    .where('hotline_id', '=', hotlineId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.cluster_id]));
}
