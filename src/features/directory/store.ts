/** SQL for the directory. Organisations and services are public information, shared by the installation. */
import type { Queryable } from '../../platform/db/transaction';
import type { FlatRecord } from './hsds/model';
import './tables';

/** Adds or replaces each record by kind and id; a replaced record keeps its place in the order. */
export async function upsertRecords(q: Queryable, records: FlatRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    const chunk = records.slice(i, i + 500);
    await q
      .insertInto('directory_records')
      .values(
        chunk.map((r) => ({
          kind: r.kind,
          id: r.id,
          parent_kind: r.parentKind,
          parent_id: r.parentId,
          data: JSON.stringify(r.data),
        })),
      )
      .onConflict((oc) =>
        oc.columns(['kind', 'id']).doUpdateSet((eb) => ({
          parent_kind: eb.ref('excluded.parent_kind'),
          parent_id: eb.ref('excluded.parent_id'),
          data: eb.ref('excluded.data'),
          imported_at: new Date(),
        })),
      )
      .execute();
  }
}

export async function allRecords(q: Queryable): Promise<FlatRecord[]> {
  const rows = await q
    .selectFrom('directory_records')
    .select(['kind', 'id', 'parent_kind', 'parent_id', 'data'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    parentKind: r.parent_kind,
    parentId: r.parent_id,
    data: r.data as Record<string, unknown>,
  }));
}
