/**
 * One page of search results: the matches (matches.ts) ranked and cut to the page first, then
 * only the page's matches joined to their cases, one row per match and case. Keyset-paged by
 * (score descending, match key, case id): a person in several cases shows each, and a page may end
 * between two of them.
 */
import { sql, type RawBuilder } from 'kysely';
import { validationFailed } from '../../platform/errors';
import { caseFilter, matches, type Filters, type Mode } from './matches';
import type { LookAlikes } from './words';

/** Where a page ends: the score and key of its last match, and the last of that match's cases. */
export interface Cursor {
  s: number;
  k: string;
  c: string;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** After every case of a match: the next page starts with the following match. */
const LAST_CASE = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
const encode = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      typeof v.s === 'number' &&
      typeof v.k === 'string' &&
      v.k.length < 100 &&
      typeof v.c === 'string' &&
      UUID.test(v.c)
    ) {
      return { s: v.s, k: v.k, c: v.c };
    }
  } catch {
    // fall through
  }
  throw validationFailed([
    { path: 'query.cursor', message: 'This page link is not valid; start from the first page' },
  ]);
}

export interface PageRow {
  /** Some tier had more matches than it ranks. */
  more: boolean;
  /** Matches taken for this page, and the last of them (for a page whose matches had no case left). */
  matches: number;
  last_s: number | null;
  last_k: string | null;
  /** Null when the page is empty (one row still carries `more`). */
  k: string | null;
  kind: 'person' | 'business' | 'location' | 'case';
  id: string;
  label: string | null;
  matched_on: 'name' | 'phone' | 'email' | 'address' | 'reference';
  role: string | null;
  score: number;
  case_id: string;
  reference_code: string;
  status: string;
  trafficking_type: string;
}

export interface PageRequest extends Filters {
  hotlineId: string;
  mode: Mode;
  value: string;
  words: LookAlikes | null;
  cap: number;
  limit: number;
  after: Cursor | undefined;
}

/** The page's statement (also run by the benchmark as its plain SQL). */
export function pageStatement(r: PageRequest): RawBuilder<PageRow> {
  const { hotlineId, after, limit } = r;
  const { ctes, union } = matches(hotlineId, r, r.mode, r.value, r.words, r.cap);
  const passes = caseFilter(hotlineId, r, sql`cs.case_id`);
  // The match the last page ended in comes again, for the rest of its cases. limit + 2 matches:
  // that one, which may have no case left, and enough others for limit + 1 rows, as every match
  // has a case (one without is left out, and the cursor then goes on after the last match).
  return sql<PageRow>`
    with ${sql.join([...ctes, sql`m as materialized (${union})`], sql`, `)},
    e as materialized (
      select kind, matched_on, id, label, case_id, role, score, k
        from (select m.*, (kind || ':' || matched_on || ':' || id::text) collate "C" as k from m) d
       where ${after ? sql`(score < ${after.s} or (score = ${after.s} and k >= ${after.k}))` : sql`true`}
       order by score desc, k
       limit ${limit + 2}
    )
    select x.more, x.matches, x.last_s, x.last_k, r.*
      from (select coalesce((select bool_or(capped) from m), false) as more,
                   (select count(*)::int from e) as matches,
                   (select score from e order by score, k desc limit 1) as last_s,
                   (select k from e order by score, k desc limit 1) as last_k) x
      left join lateral (
        select e.kind, e.id::text as id, e.label, e.matched_on, cs.role, e.score, e.k,
               c.id::text as case_id, c.reference_code, c.status, c.trafficking_type
          from e
          cross join lateral (
            select y.case_id, y.role from case_persons y
             where e.kind = 'person' and y.person_id = e.id and y.hotline_id = ${hotlineId}
            union all
            select y.case_id, null from case_businesses y
             where e.kind = 'business' and y.business_id = e.id and y.hotline_id = ${hotlineId}
            union all
            select e.case_id, e.role where e.case_id is not null
          ) cs
          cross join lateral (select c.id, c.reference_code, c.status, c.trafficking_type from cases c
                               where c.id = cs.case_id and c.hotline_id = ${hotlineId} offset 0) c
         where ${passes ?? sql`true`}
           and ${after ? sql`(e.k <> ${after.k} or c.id > ${after.c}::uuid)` : sql`true`}
         order by e.score desc, e.k, c.id
         limit ${limit + 1}
      ) r on true`;
}

/** The page's hits, the link to the next page, and whether some matches were not ranked. */
export function readPage(
  rows: PageRow[],
  limit: number,
): { hits: PageRow[]; nextCursor: string | null; more: boolean } {
  const head = rows[0];
  const found = rows.filter((r) => r.k !== null);
  const hits = found.slice(0, limit);
  const last = hits[hits.length - 1];
  let nextCursor: string | null = null;
  if (found.length > limit && last?.k) nextCursor = encode({ s: last.score, k: last.k, c: last.case_id });
  else if (head && head.matches === limit + 2 && head.last_s !== null && head.last_k !== null) {
    // Fewer rows than the matches could give (a match without a case): go on after the last match.
    nextCursor = encode({ s: head.last_s, k: head.last_k, c: LAST_CASE });
  }
  return { hits, nextCursor, more: head?.more ?? false };
}
