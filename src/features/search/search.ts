/**
 * Search across cases, people and businesses: trigram-fuzzy on names, aliases and addresses,
 * exact on normalised phone numbers, emails and case reference codes. Every branch is scoped to
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

/** Any whole-word match makes the trigram (misspelling) search unnecessary: exact people beat near ones. */
const WORD_HITS_ENOUGH = 1;

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

/** True when whole name words find fewer people than a page needs: then trigrams are worth their cost. */
const fewWordHits = (hotlineId: string, value: string): RawBuilder<unknown> =>
  sql`(select count(*) from (select 1 from persons w
        where w.hotline_id = ${hotlineId}
          and to_tsvector('simple', w.search_names) @@ plainto_tsquery('simple', ${value})
        limit ${WORD_HITS_ENOUGH}) e) < ${WORD_HITS_ENOUGH}`;

function branches(hotlineId: string, mode: Mode, value: string): RawBuilder<unknown>[] {
  // Addresses are searched when the words look like one (a number) or when names found little.
  const addresses = /\d/.test(value) ? sql`true` : fewWordHits(hotlineId, value);
  switch (mode) {
    case 'email':
      return [
        sql`select 'person' as kind, p.id, p.full_name as label, 'email' as matched_on, cp.role, 1.0::real as score, cp.case_id
              from persons p join case_persons cp on cp.person_id = p.id and cp.hotline_id = ${hotlineId}
             where p.hotline_id = ${hotlineId} and p.emails @> array[${value}]::text[]`,
      ];
    case 'phone':
      return [
        sql`select 'person' as kind, p.id, p.full_name as label, 'phone' as matched_on, cp.role, 1.0::real as score, cp.case_id
              from persons p join case_persons cp on cp.person_id = p.id and cp.hotline_id = ${hotlineId}
             where p.hotline_id = ${hotlineId} and p.phones @> array[${value}]::text[]`,
        sql`select 'business', b.id, b.name, 'phone', null, 1.0::real, cb.case_id
              from businesses b join case_businesses cb on cb.business_id = b.id and cb.hotline_id = ${hotlineId}
             where b.hotline_id = ${hotlineId} and b.phone = ${value}`,
      ];
    case 'reference':
      return [
        sql`select 'case' as kind, c.id, c.reference_code as label, 'reference' as matched_on, null as role, 1.0::real as score, c.id as case_id
              from cases c where c.hotline_id = ${hotlineId} and c.reference_code = ${value}`,
      ];
    case 'name':
      return [
        // Whole words first: fast at millions of people. Trigrams (misspellings) only when whole
        // words find less than a page, so a common name never scans every "maria".
        sql`select 'person' as kind, p.id, coalesce(p.full_name, p.aliases[1], '') as label, 'name' as matched_on, cp.role,
                   greatest(word_similarity(${value}, p.search_names), 0.999)::real as score, cp.case_id
              from persons p join case_persons cp on cp.person_id = p.id and cp.hotline_id = ${hotlineId}
             where p.hotline_id = ${hotlineId}
               and to_tsvector('simple', p.search_names) @@ plainto_tsquery('simple', ${value})`,
        sql`select 'person', p.id, coalesce(p.full_name, p.aliases[1], ''), 'name', cp.role,
                   word_similarity(${value}, p.search_names), cp.case_id
              from persons p join case_persons cp on cp.person_id = p.id and cp.hotline_id = ${hotlineId}
             where ${fewWordHits(hotlineId, value)}
               and p.hotline_id = ${hotlineId} and ${value} <% p.search_names
               and not to_tsvector('simple', p.search_names) @@ plainto_tsquery('simple', ${value})`,
        sql`select 'business', b.id, b.name, 'name', null, word_similarity(${value}, b.name), cb.case_id
              from businesses b join case_businesses cb on cb.business_id = b.id and cb.hotline_id = ${hotlineId}
             where b.hotline_id = ${hotlineId} and ${value} <% b.name`,
        sql`select 'business', b.id, b.name, 'address', null, word_similarity(${value}, b.address), cb.case_id
              from businesses b join case_businesses cb on cb.business_id = b.id and cb.hotline_id = ${hotlineId}
             where ${addresses} and b.hotline_id = ${hotlineId} and ${value} <% b.address`,
        sql`select 'location', l.id, l.address, 'address', l.venue_type, word_similarity(${value}, l.address), l.case_id
              from locations l
             where ${addresses} and l.hotline_id = ${hotlineId} and ${value} <% l.address`,
      ];
  }
}

export async function search(q: Queryable, actor: Actor, who: AuditActor, query: SearchQuery) {
  const { mode, value } = modeOf(query.q);
  const after = decode(query.cursor);
  const hotlineId = actor.hotlineId;
  // pg_trgm's default (0.6) still finds a misspelled name ("jasmin carter" scores 0.81); lower
  // values make a common first name alone match tens of thousands of people at 2 million rows.
  if (mode === 'name') await sql`set local pg_trgm.word_similarity_threshold = 0.6`.execute(q);
  const union = sql.join(branches(hotlineId, mode, value), sql` union all `);
  const { rows } = await sql<HitRow>`
    select h.kind, h.id::text as id, h.label, h.matched_on, h.role, round(h.score::numeric, 4)::float8 as score,
           c.id::text as case_id, c.reference_code, c.status, c.trafficking_type,
           c.id::text || ':' || h.kind || ':' || h.id::text as sort_key
      from (${union}) h
      join cases c on c.id = h.case_id and c.hotline_id = ${hotlineId}
     where ${query.status ? sql`c.status = ${query.status}` : sql`true`}
       and ${query.type ? sql`c.trafficking_type = ${query.type}` : sql`true`}
       and ${
         query.state
           ? sql`exists (select 1 from locations l2 where l2.case_id = c.id and l2.hotline_id = ${hotlineId} and l2.state = ${query.state})`
           : sql`true`
       }
       and ${after ? sql`(round(h.score::numeric, 4)::float8 < ${after.s} or (round(h.score::numeric, 4)::float8 = ${after.s} and c.id::text || ':' || h.kind || ':' || h.id::text > ${after.k}))` : sql`true`}
     order by score desc, sort_key
     limit ${query.limit + 1}
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
