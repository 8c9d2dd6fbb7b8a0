/**
 * Search across cases, people and businesses: words of names, aliases, business names and
 * addresses, each also matching the indexed words that look like it (misspellings); exact on
 * normalised phone numbers, emails and case reference codes. Every branch is scoped to
 * the caller's hotline, so results obey the same rule as single reads.
 *
 * The matching people, businesses and locations are ranked first (matches.ts bounds how many);
 * only the page's matches are then joined to their cases, one row per match and case.
 */
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor';
import { recordAudit, type AuditActor } from '../../platform/audit/audit';
import type { Queryable } from '../../platform/db/transaction';
import { looksLikeEmail, normaliseEmail, normalisePhone } from '../cases/contact';
import { MATCH_CAP, type Mode } from './matches';
import { decodeCursor, pageStatement, readPage } from './page';
import type { SearchQuery } from './schema';
import { lookAlikes } from './words';

export function modeOf(text: string): { mode: Mode; value: string } {
  if (looksLikeEmail(text)) return { mode: 'email', value: normaliseEmail(text) };
  if (/^C-\d{4}-[0-9A-F]+$/i.test(text)) return { mode: 'reference', value: text.toUpperCase() };
  const digits = text.replace(/\D/g, '');
  const phone = digits.length >= 7 && /^[\d\s()+.-]+$/.test(text) ? normalisePhone(text) : null;
  if (phone) return { mode: 'phone', value: phone };
  return { mode: 'name', value: text.toLowerCase() };
}

export async function search(q: Queryable, actor: Actor, who: AuditActor, query: SearchQuery) {
  const { mode, value } = modeOf(query.q);
  const after = decodeCursor(query.cursor);
  const hotlineId = actor.hotlineId;
  const cap = MATCH_CAP;
  // Every branch reads a bounded number of rows: starting parallel workers would cost more than
  // the search (PostgreSQL overestimates array and full-text matches and plans them otherwise).
  // A bounded tier takes the first matches it reads: a table scan must start at the table's start
  // every time, or the same search could rank other matches from one page to the next. Its many
  // tiers add up to a plan cost over PostgreSQL's JIT threshold, and compiling it took about
  // 100 ms, more than running it.
  await sql`select set_config('max_parallel_workers_per_gather', '0', true),
                   set_config('synchronize_seqscans', 'off', true),
                   set_config('jit', 'off', true)`.execute(q);
  const words = mode === 'name' ? await lookAlikes(q, hotlineId, value) : null;
  const { rows } = await pageStatement({
    hotlineId,
    mode,
    value,
    words,
    cap,
    limit: query.limit,
    after,
    state: query.state,
    type: query.type,
    status: query.status,
  }).execute(q);
  const { hits: items, nextCursor, more } = readPage(rows, query.limit);
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
    nextCursor,
    moreThan: more ? cap : null,
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
