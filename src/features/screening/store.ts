import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';
import type { KeysetCursor } from '../cases/keyset';
import './tables';

export type SignalFilter = 'new' | 'in_triage' | 'triaged' | 'closed' | 'open';

export async function listSignals(
  q: Queryable,
  hotlineId: string,
  opts: { status: SignalFilter; unassigned: boolean; after: KeysetCursor | undefined; limit: number },
) {
  let query = q
    .selectFrom('signals')
    .select(['id', 'reference_code', 'channel', 'received_at', 'status', 'state', 'category', 'assigned_to'])
    .where('hotline_id', '=', hotlineId);
  query =
    opts.status === 'open'
      ? query.where('status', 'in', ['new', 'in_triage'])
      : query.where('status', '=', opts.status);
  if (opts.unassigned) query = query.where('assigned_to', 'is', null);
  if (opts.after) {
    const { at, id } = opts.after;
    query = query.where(sql<boolean>`(received_at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  return query
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

export async function findSignal(q: Queryable, hotlineId: string, id: string) {
  return q
    .selectFrom('signals')
    .selectAll()
    .where('hotline_id', '=', hotlineId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function latestScreening(q: Queryable, hotlineId: string, signalId: string) {
  return q
    .selectFrom('signal_screenings')
    .selectAll()
    .where('hotline_id', '=', hotlineId)
    .where('signal_id', '=', signalId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function casesOfSignal(q: Queryable, hotlineId: string, signalId: string) {
  return q
    .selectFrom('case_signals')
    .innerJoin('cases', 'cases.id', 'case_signals.case_id')
    .select(['cases.id', 'cases.reference_code'])
    .where('case_signals.hotline_id', '=', hotlineId)
    .where('case_signals.signal_id', '=', signalId)
    .execute();
}

/** The hotline's own checklist versions win over the shipped ones of the same version. */
export async function findChecklist(q: Queryable, hotlineId: string, version: string) {
  return q
    .selectFrom('screening_checklists')
    .select(['definition', 'hotline_id'])
    .where('version', '=', version)
    .where((eb) => eb.or([eb('hotline_id', '=', hotlineId), eb('hotline_id', 'is', null)]))
    .orderBy(sql`hotline_id is null`)
    .limit(1)
    .executeTakeFirst();
}

/** The hotline's newest own version, if it has published one: its current checklist. */
export async function latestOwnChecklist(q: Queryable, hotlineId: string) {
  return q
    .selectFrom('screening_checklists')
    .select(['version', 'definition', 'seq'])
    .where('hotline_id', '=', hotlineId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The hotline's own versions, newest first, and the shipped ones, with who published each. */
export async function listChecklists(q: Queryable, hotlineId: string) {
  return q
    .selectFrom('screening_checklists as c')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'c.published_by').on('u.hotline_id', '=', hotlineId))
    .select([
      'c.version',
      'c.hotline_id',
      'c.seq',
      'c.based_on',
      'c.note',
      'c.created_at',
      'u.display_name as published_by_name',
    ])
    .where((eb) => eb.or([eb('c.hotline_id', '=', hotlineId), eb('c.hotline_id', 'is', null)]))
    .orderBy(sql`c.hotline_id is null`)
    .orderBy('c.seq', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();
}

/** A new version of the hotline's own checklist; false when that number was just taken. */
export async function insertOwnChecklist(
  q: Queryable,
  row: {
    hotlineId: string;
    version: string;
    seq: number;
    basedOn: string;
    note: string;
    publishedBy: string;
    definition: unknown;
  },
): Promise<Date | undefined> {
  const inserted = await q
    .insertInto('screening_checklists')
    .values({
      hotline_id: row.hotlineId,
      version: row.version,
      seq: row.seq,
      based_on: row.basedOn,
      note: row.note,
      published_by: row.publishedBy,
      definition: JSON.stringify(row.definition),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('created_at')
    .executeTakeFirst();
  return inserted?.created_at;
}

export async function storeChecklist(
  q: Queryable,
  hotlineId: string | null,
  version: string,
  definition: unknown,
): Promise<void> {
  await q
    .insertInto('screening_checklists')
    .values({ hotline_id: hotlineId, version, definition: JSON.stringify(definition) })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
