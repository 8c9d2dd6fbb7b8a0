/**
 * Search across cases, people and businesses: words of names, aliases, business names and
 * addresses, each also matching the indexed words that look like it (misspellings); exact on
 * normalised phone numbers, emails and case reference codes. Every branch is scoped to
 * the caller's hotline, so results obey the same rule as single reads.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../platform/auth/actor';
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { looksLikeEmail, normaliseEmail, normalisePhone } from '../cases/contact';
import type { SearchQuery } from './schema';

type Mode = 'name' | 'phone' | 'email' | 'reference';

interface HitRow {
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
  sort_key: string;
}

export function modeOf(text: string): { mode: Mode; value: string } {
  if (looksLikeEmail(text)) return { mode: 'email', value: normaliseEmail(text) };
  if (/^C-\d{4}-[0-9A-F]+$/i.test(text)) return { mode: 'reference', value: text.toUpperCase() };
  const digits = text.replace(/\D/g, '');
  const phone = digits.length >= 7 && /^[\d\s()+.-]+$/.test(text) ? normalisePhone(text) : null;
  if (phone) return { mode: 'phone', value: phone };
  return { mode: 'name', value: text.toLowerCase() };
}

interface Cursor {
  s: number;
  k: string;
}
const encode = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');
function decode(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof v.s === 'number' && typeof v.k === 'string' && v.k.length < 100) return { s: v.s, k: v.k };
  } catch {
    // fall through
  }
  throw new AppError('validation_failed', 'Some fields are missing or not valid.', {
    fields: [{ path: 'query.cursor', message: 'This page link is not valid; start from the first page' }],
  });
}

/** Indexed words offered for one misspelt word: at most this many, most similar first. */
const ALTERNATIVES = 6;

const lexeme = (w: string): string => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The words of a name or address query as a full-text query in which each word may also be one of
 * the hotline's indexed words that look like it ("jasmne" -> jasmine | jasmin). Trigrams run on
 * the small table of distinct words (search_words), never on the millions of people, and the
 * people are then found exactly through the full-text indexes. A word like nothing indexed is left
 * out; words with a digit (house numbers) match only as written. Null: nothing can match.
 */
export async function fuzzyWords(q: Queryable, hotlineId: string, value: string): Promise<string | null> {
  const { rows } = await sql<{ word: string; alternatives: string[]; scores: number[] }>`
    select q.w as word, coalesce(a.words, '{}') as alternatives, coalesce(a.scores, '{}') as scores
      from unnest(tsvector_to_array(to_tsvector('simple', ${value}))) q(w)
      left join lateral (
        select array_agg(n.word order by n.score desc, n.word) as words,
               array_agg(n.score order by n.score desc, n.word) as scores
          from (select s.word, similarity(q.w, s.word) as score from search_words s
                 where q.w !~ '[0-9]' and s.hotline_id = ${hotlineId} and s.word % q.w
                 order by score desc, s.word limit ${ALTERNATIVES}) n) a on true`.execute(q);
  // A word looking like two of the query's words stays only with the one it is closest to: one
  // indexed word must not satisfy two of them ("jose joseph" would otherwise match every Jose).
  const best = new Map<string, { group: number; score: number }>();
  rows.forEach((r, group) =>
    r.alternatives.forEach((w, i) => {
      const score = r.scores[i] ?? 0;
      const seen = best.get(w);
      if (!seen || score > seen.score) best.set(w, { group, score });
    }),
  );
  const groups = rows
    .map((r, group) =>
      /[0-9]/.test(r.word) ? [r.word] : r.alternatives.filter((w) => best.get(w)?.group === group),
    )
    .filter((alternatives) => alternatives.length > 0);
  if (groups.length === 0) return null;
  return groups.map((g) => `(${g.map(lexeme).join(' | ')})`).join(' & ');
}

/*
 * The joins from a match to its cases are per match (index lookups), never hash joins: PostgreSQL
 * cannot estimate how few rows a phone, email or word query finds (it guesses thousands) and
 * would otherwise read all of case_persons or cases (2 million rows) for a single hit. "offset 0"
 * keeps each lateral subquery as written.
 */
const casesOfPerson = (hotlineId: string): RawBuilder<unknown> =>
  sql`(select x.role, x.case_id from case_persons x
        where x.person_id = p.id and x.hotline_id = ${hotlineId} offset 0)`;
const casesOfBusiness = (hotlineId: string): RawBuilder<unknown> =>
  sql`(select x.case_id from case_businesses x
        where x.business_id = b.id and x.hotline_id = ${hotlineId} offset 0)`;

function branches(hotlineId: string, mode: Mode, value: string, words: string | null): RawBuilder<unknown>[] {
  switch (mode) {
    case 'email':
      return [
        sql`select 'person' as kind, p.id, p.full_name as label, 'email' as matched_on, cp.role, 1.0::real as score, cp.case_id
              from persons p cross join lateral ${casesOfPerson(hotlineId)} cp
             where p.hotline_id = ${hotlineId} and p.emails @> array[${value}]::text[]`,
      ];
    case 'phone':
      return [
        sql`select 'person' as kind, p.id, p.full_name as label, 'phone' as matched_on, cp.role, 1.0::real as score, cp.case_id
              from persons p cross join lateral ${casesOfPerson(hotlineId)} cp
             where p.hotline_id = ${hotlineId} and p.phones @> array[${value}]::text[]`,
        sql`select 'business', b.id, b.name, 'phone', null, 1.0::real, cb.case_id
              from businesses b cross join lateral ${casesOfBusiness(hotlineId)} cb
             where b.hotline_id = ${hotlineId} and b.phone = ${value}`,
      ];
    case 'reference':
      return [
        sql`select 'case' as kind, c.id, c.reference_code as label, 'reference' as matched_on, null as role, 1.0::real as score, c.id as case_id
              from cases c where c.hotline_id = ${hotlineId} and c.reference_code = ${value}`,
      ];
    case 'name': {
      if (words === null) return [];
      const tsq = sql`${words}::tsquery`;
      // Everything written matches as a whole word: ranked above near matches of any similarity.
      const score = (text: RawBuilder<unknown>) =>
        sql`case when to_tsvector('simple', ${text}) @@ plainto_tsquery('simple', ${value})
                 then greatest(word_similarity(${value}, ${text}), 0.999) else word_similarity(${value}, ${text}) end`;
      return [
        sql`select 'person' as kind, p.id, coalesce(p.full_name, p.aliases[1], '') as label, 'name' as matched_on, cp.role,
                   ${score(sql`p.search_names`)}::real as score, cp.case_id
              from persons p cross join lateral ${casesOfPerson(hotlineId)} cp
             where p.hotline_id = ${hotlineId} and to_tsvector('simple', p.search_names) @@ ${tsq}`,
        sql`select 'business', b.id, b.name, 'name', null, ${score(sql`b.name`)}::real, cb.case_id
              from businesses b cross join lateral ${casesOfBusiness(hotlineId)} cb
             where b.hotline_id = ${hotlineId} and to_tsvector('simple', b.name) @@ ${tsq}`,
        sql`select 'business', b.id, b.name, 'address', null, ${score(sql`coalesce(b.address, '')`)}::real, cb.case_id
              from businesses b cross join lateral ${casesOfBusiness(hotlineId)} cb
             where b.hotline_id = ${hotlineId} and to_tsvector('simple', coalesce(b.address, '')) @@ ${tsq}`,
        sql`select 'location', l.id, l.address, 'address', l.venue_type, ${score(sql`coalesce(l.address, '')`)}::real, l.case_id
              from locations l
             where l.hotline_id = ${hotlineId} and to_tsvector('simple', coalesce(l.address, '')) @@ ${tsq}`,
      ];
    }
  }
}

export async function search(q: Queryable, actor: Actor, who: AuditActor, query: SearchQuery) {
  const { mode, value } = modeOf(query.q);
  const after = decode(query.cursor);
  const hotlineId = actor.hotlineId;
  // Every branch reads a few hundred rows at most: starting parallel workers would cost more than
  // the search (PostgreSQL overestimates array and full-text matches and plans them otherwise).
  await sql`set local max_parallel_workers_per_gather = 0`.execute(q);
  const words = mode === 'name' ? await fuzzyWords(q, hotlineId, value) : null;
  const parts = branches(hotlineId, mode, value, words);
  const union =
    parts.length > 0
      ? sql.join(parts, sql` union all `)
      : sql`select null::text as kind, null::uuid as id, null::text as label, null::text as matched_on,
                   null::text as role, 0::real as score, null::uuid as case_id where false`;
  const onCase =
    query.status || query.type
      ? sql`exists (select 1 from cases f where f.id = h.case_id and f.hotline_id = ${hotlineId}
                  and ${query.status ? sql`f.status = ${query.status}` : sql`true`}
                  and ${query.type ? sql`f.trafficking_type = ${query.type}` : sql`true`})`
      : sql`true`;
  // The page is chosen first; only its rows are joined to their cases for display.
  const { rows } = await sql<HitRow>`
    select h.kind, h.id, h.label, h.matched_on, h.role, h.score,
           c.id::text as case_id, c.reference_code, c.status, c.trafficking_type, h.sort_key
      from (
        select h.kind, h.id::text as id, h.label, h.matched_on, h.role, h.case_id,
               round(h.score::numeric, 4)::float8 as score,
               h.case_id::text || ':' || h.kind || ':' || h.id::text as sort_key
          from (${union}) h
         where ${onCase}
           and ${
             query.state
               ? sql`exists (select 1 from locations l2 where l2.case_id = h.case_id and l2.hotline_id = ${hotlineId} and l2.state = ${query.state})`
               : sql`true`
           }
           and ${after ? sql`(round(h.score::numeric, 4)::float8 < ${after.s} or (round(h.score::numeric, 4)::float8 = ${after.s} and h.case_id::text || ':' || h.kind || ':' || h.id::text > ${after.k}))` : sql`true`}
         order by score desc, sort_key
         limit ${query.limit + 1}
      ) h
      cross join lateral (select c.id, c.reference_code, c.status, c.trafficking_type from cases c
                           where c.id = h.case_id and c.hotline_id = ${hotlineId} offset 0) c
     order by h.score desc, h.sort_key
  `.execute(q);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  await recordAudit(q, who, {
    action: 'search.run',
    subjectType: 'search',
    // The words searched for are personal data: the trail keeps the kind of search and the count.
    details: {
      mode,
      count: items.length,
      filters: { state: query.state, type: query.type, status: query.status },
    },
  });
  return {
    mode,
    nextCursor: rows.length > query.limit && last ? encode({ s: last.score, k: last.sort_key }) : null,
    items: items.map((r) => ({
      kind: r.kind,
      id: r.id,
      label: r.label ?? '',
      matchedOn: r.matched_on,
      role: r.role,
      score: Number(r.score),
      case: {
        id: r.case_id,
        referenceCode: r.reference_code,
        status: r.status,
        traffickingType: r.trafficking_type,
      },
    })),
  };
}
