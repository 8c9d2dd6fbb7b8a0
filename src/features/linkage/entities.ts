/**
 * The three kinds of records linkage joins, read from their own tables and turned into what the
 * engine compares. Always scoped to one hotline.
 */
import type { Queryable } from '../../platform/db/transaction';
import type { LinkRecord } from './engine/record';
import { normaliseText } from './engine/text';
import type { EntityType } from './tables';

export const ENTITY_TYPES: readonly EntityType[] = ['person', 'business', 'signaler'];

export const TABLE_OF = { person: 'persons', business: 'businesses', signaler: 'signalers' } as const;

/** The columns linkage reads of persons, for Kysely (`.returning(LINKED_PERSON_COLUMNS)` after an insert). */
export const LINKED_PERSON_COLUMNS = [
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
] as const;

/** The columns linkage reads of each type, for statements written in SQL. */
export const COLUMNS_OF: Record<EntityType, string> = {
  person: LINKED_PERSON_COLUMNS.join(', '),
  business: 'id, name, address, city, state, phone',
  signaler: 'id, name, phone, email',
};

type Row = Record<string, unknown>;
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);

/** A row of COLUMNS_OF[type] as the engine's record. */
export const ROW_TO_RECORD: Record<EntityType, (r: Row) => LinkRecord> = {
  person: (r) => ({
    id: text(r.id)!,
    givenName: text(r.given_name),
    familyName: text(r.family_name),
    fullName: text(r.full_name),
    aliases: list(r.aliases),
    birthDate: text(r.birth_date),
    ageYears: r.age_years === null || r.age_years === undefined ? null : Number(r.age_years),
    ageRecordedAt: text(r.age_recorded_at),
    phones: list(r.phones),
    emails: list(r.emails),
  }),
  business: (r) => ({
    id: text(r.id)!,
    orgName: text(r.name),
    street: text(r.address),
    city: text(r.city),
    state: text(r.state),
    phones: text(r.phone) ? [text(r.phone)!] : [],
  }),
  signaler: (r) => ({
    id: text(r.id)!,
    fullName: text(r.name),
    phones: text(r.phone) ? [text(r.phone)!] : [],
    emails: text(r.email) ? [text(r.email)!] : [],
  }),
};

/** Reads records of one type by id (all of the hotline's when `ids` is undefined). */
export async function loadRecords(
  q: Queryable,
  hotlineId: string,
  type: EntityType,
  ids?: readonly string[],
): Promise<LinkRecord[]> {
  if (ids && ids.length === 0) return [];
  switch (type) {
    case 'person': {
      let query = q.selectFrom('persons').select(LINKED_PERSON_COLUMNS).where('hotline_id', '=', hotlineId);
      if (ids) query = query.where('id', 'in', ids);
      return (await query.orderBy('id').execute()).map(ROW_TO_RECORD.person);
    }
    case 'business': {
      let query = q
        .selectFrom('businesses')
        .select(['id', 'name', 'address', 'city', 'state', 'phone'])
        .where('hotline_id', '=', hotlineId);
      if (ids) query = query.where('id', 'in', ids);
      return (await query.orderBy('id').execute()).map(ROW_TO_RECORD.business);
    }
    case 'signaler': {
      let query = q
        .selectFrom('signalers')
        .select(['id', 'name', 'phone', 'email'])
        .where('hotline_id', '=', hotlineId);
      if (ids) query = query.where('id', 'in', ids);
      return (await query.orderBy('id').execute()).map(ROW_TO_RECORD.signaler);
    }
  }
}

/** The name searched for close spellings: given and family, or the business's name. */
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
