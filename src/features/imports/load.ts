/**
 * `waymark import` and `waymark demo`: parse and check the whole file, then write it in one
 * transaction. Records whose external id is already stored are skipped, so the same file twice
 * changes nothing; any problem rolls everything back.
 */
import type { Kysely } from 'kysely';
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { DB } from '../../platform/db/schema';
import type { Tx } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { parseImport, unresolved, type ParsedImport } from './parse';
import { linkImported } from './link';
import { buildRows, type Existing, type ImportRows } from './rows';
import type { ImportSummary } from './schema';
import './db';

export interface ImportOptions {
  hotlineId: string;
  who: AuditActor;
  /** Rows written so far and in all; for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /**
   * 'auto' (default): record linkage places the new people, businesses and signalers in clusters,
   * in the import's transaction. 'skip': leave them as clusters of one.
   */
  linkage?: 'auto' | 'skip';
}

const LOOKUP_CHUNK = 5000;
/** Rows per insert statement: well under PostgreSQL's 65,535 parameters for our widest table. */
const INSERT_CHUNK = 1000;

async function lookup(
  trx: Tx,
  table: 'cases' | 'signals' | 'persons' | 'businesses' | 'signalers',
  hotlineId: string,
  externalIds: string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const unique = [...new Set(externalIds)];
  for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
    const chunk = unique.slice(i, i + LOOKUP_CHUNK);
    const rows = await trx
      .selectFrom(table)
      .select(['id', 'external_id'])
      .where('hotline_id', '=', hotlineId)
      .where('external_id', 'in', chunk)
      .execute();
    for (const r of rows) if (r.external_id !== null) found.set(r.external_id, r.id);
  }
  return found;
}

async function findExisting(trx: Tx, parsed: ParsedImport, hotlineId: string): Promise<Existing> {
  const caseRefs = [
    ...parsed.cases.map((c) => c.record.id),
    ...parsed.signals.flatMap((s) => s.record.caseIds),
  ];
  const cases = parsed.cases.flatMap((c) => c.record);
  return {
    cases: await lookup(trx, 'cases', hotlineId, caseRefs),
    signals: new Set(
      (
        await lookup(
          trx,
          'signals',
          hotlineId,
          parsed.signals.map((s) => s.record.id),
        )
      ).keys(),
    ),
    persons: await lookup(
      trx,
      'persons',
      hotlineId,
      cases.flatMap((c) => c.persons.map((p) => p.id)),
    ),
    businesses: await lookup(
      trx,
      'businesses',
      hotlineId,
      cases.flatMap((c) => c.businesses.map((b) => b.id)),
    ),
    signalers: await lookup(
      trx,
      'signalers',
      hotlineId,
      parsed.signals.flatMap((s) => (s.record.signaler ? [s.record.signaler.id] : [])),
    ),
  };
}

/** The tables an import writes, parents before children, so that foreign keys hold at every statement. */
export const IMPORT_TABLES: ReadonlyArray<keyof ImportRows> = [
  'cases',
  'locations',
  'persons',
  'case_persons',
  'case_person_groups',
  'businesses',
  'case_businesses',
  'signalers',
  'signals',
  'case_signals',
];

async function writeRows(
  trx: Tx,
  rows: ImportRows,
  onProgress?: (d: number, t: number) => void,
): Promise<void> {
  const total = IMPORT_TABLES.reduce((n, t) => n + rows[t].length, 0);
  let done = 0;
  onProgress?.(0, total);
  for (const table of IMPORT_TABLES) {
    const list = rows[table];
    for (let i = 0; i < list.length; i += INSERT_CHUNK) {
      const chunk = list.slice(i, i + INSERT_CHUNK);
      // The row types are checked where they are built (rows.ts); here every table is the same loop.
      await trx.insertInto(table).values(chunk).execute();
      done += chunk.length;
      onProgress?.(done, total);
    }
  }
}

function translate(err: unknown): unknown {
  const pgErr = err as { code?: string; constraint?: string };
  if (pgErr.code === '23505') {
    return new AppError('conflict', 'A record in the file has a reference code that is already in use.', {
      constraint: pgErr.constraint,
    });
  }
  return err;
}

export async function importRecords(
  db: Kysely<DB>,
  lines: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions,
): Promise<ImportSummary> {
  const parsed = await parseImport(lines);
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await findExisting(trx, parsed, options.hotlineId);
      const built = buildRows(parsed, options.hotlineId, existing);
      if (built.issues.length > 0) throw unresolved(built.issues);
      await writeRows(trx, built.rows, options.onProgress);
      const batch = {
        hotlineId: options.hotlineId,
        personIds: built.rows.persons.map((p) => p.id as string),
        businessIds: built.rows.businesses.map((b) => b.id as string),
        signalerIds: built.rows.signalers.map((s) => s.id as string),
      };
      const linked = options.linkage !== 'skip';
      if (linked) await linkImported(trx, batch, options.who);
      const summary: ImportSummary = {
        lines: parsed.lines,
        cases: { created: built.rows.cases.length, skipped: built.skipped.cases },
        signals: { created: built.rows.signals.length, skipped: built.skipped.signals },
        persons: { created: built.rows.persons.length, reused: built.reused.persons },
        businesses: { created: built.rows.businesses.length, reused: built.reused.businesses },
        signalers: { created: built.rows.signalers.length, reused: built.reused.signalers },
        reclustered: linked,
      };
      // Counts only: the file's people never reach the audit trail.
      await recordAudit(trx, options.who, {
        action: 'import.loaded',
        subjectType: 'import',
        details: { ...summary },
      });
      return summary;
    });
  } catch (err) {
    throw translate(err);
  }
}
