/**
 * What a search matches, as one row per matching person, business or location (its cases are
 * joined afterwards, for the page only). A name or an address is matched in tiers, each read
 * through an index and each bounded, so that a query whose every word is common ("george george":
 * thousands of people have it as a first or a family name) costs no more than a rare one:
 *
 * 1. people whose full name or an alias has exactly the query's words, in any order (score 1),
 *    through an index on those words (`person_name_keys`, migration 0018);
 * 2. whole-word matches: every word of the query as written (score 0.9 to 0.99, the shorter the
 *    name beside the query the higher: fewest other words first; a length, as trigram similarity
 *    for each of a thousand matches cost more than the rest of the tier);
 * 3. near matches, through the words that look like the query's (below 0.9); not read when the
 *    whole-word matches alone are over the bound, as they would all rank above them.
 *
 * Each tier reads at most MATCH_CAP matches (after the filters) and says when there were more.
 * With a filter, a common word's matches mostly fail it, and a tier bounded after the filter would
 * read them all: the words are asked for paired with the filter keys of each row's cases, through
 * their own index (migration 0028), so only rows with both are read.
 */
import { sql, type RawBuilder } from 'kysely';
import { withKeys, type LookAlikes } from './words';

/** The most matches one tier reads and ranks (per kind of record). */
export const MATCH_CAP = 1000;

export type Mode = 'name' | 'phone' | 'email' | 'reference';

export interface Filters {
  state?: string | undefined;
  type?: string | undefined;
  status?: string | undefined;
}

/**
 * A case id passes the filters (status, type, state), or null when there are none. Scoped to the
 * hotline like every read.
 */
export function caseFilter(
  hotlineId: string,
  f: Filters,
  caseId: RawBuilder<unknown>,
): RawBuilder<unknown> | null {
  const onCase =
    f.status || f.type
      ? sql`exists (select 1 from cases f where f.id = ${caseId} and f.hotline_id = ${hotlineId}
                  and ${f.status ? sql`f.status = ${f.status}` : sql`true`}
                  and ${f.type ? sql`f.trafficking_type = ${f.type}` : sql`true`})`
      : null;
  const inState = f.state
    ? sql`exists (select 1 from locations fl where fl.case_id = ${caseId} and fl.hotline_id = ${hotlineId}
                and fl.state = ${f.state})`
    : null;
  if (onCase && inState) return sql`${onCase} and ${inState}`;
  return onCase ?? inState;
}

/** Columns every match row has, in this order. */
const row = (kind: string, matchedOn: string, rest: RawBuilder<unknown>): RawBuilder<unknown> =>
  sql`select ${kind}::text as kind, ${matchedOn}::text as matched_on, ${rest}`;

/** At most cap + 1 rows of a tier, each saying whether the tier had more than the cap. */
const bounded = (rows: RawBuilder<unknown>, cap: number): RawBuilder<unknown> =>
  sql`select t.*, count(*) over () > ${cap} as capped from (${rows} limit ${cap + 1}) t`;

/** The keys a row's cases have when one of them passes the filters (migration 0028). */
function filterKeys(f: Filters): string[] {
  return [
    f.state ? `state:${f.state}` : null,
    f.status ? `status:${f.status}` : null,
    f.type ? `type:${f.type}` : null,
  ].filter((k): k is string => k !== null);
}

/**
 * A person, business or location with a case that passes the filters, by the keys on its row. They
 * say so exactly for one filter, for a location (one case), and for a row whose cases all have the
 * status and the type it is filtered by (a case has one of each: the one with the state passes).
 * Otherwise they only say that each filter passes in some case, and the row's cases are read (one
 * case must pass them all at once). Nothing when there are no filters.
 */
function passes(
  hotlineId: string,
  f: Filters,
  alias: 'p' | 'b' | 'l',
  table: 'case_persons' | 'case_businesses' | null,
): RawBuilder<unknown> {
  const list = filterKeys(f);
  if (list.length === 0) return sql``;
  const row = sql.raw(alias);
  const keys = sql`and ${row}.case_filters @> array[${sql.join(list)}]::text[]`;
  if (list.length === 1 || table === null) return keys;
  // Two filters or more: at least one of them is the status or the type.
  const single = [f.status ? 'status:%' : null, f.type ? 'type:%' : null]
    .filter((p): p is string => p !== null)
    .map((p) => sql`(select count(*) from unnest(${row}.case_filters) k where k like ${p}) = 1`);
  const through = table === 'case_persons' ? sql`x.person_id` : sql`x.business_id`;
  const onCase = caseFilter(hotlineId, f, sql`x.case_id`) ?? sql`true`;
  return sql`${keys}
             and (${sql.join(single, sql` and `)}
                  or exists (select 1 from ${sql.table(table)} x where ${through} = ${row}.id and x.hotline_id = ${hotlineId}
                               and ${onCase}))`;
}

interface Source {
  kind: 'person' | 'business' | 'location';
  /** The table's alias in `from`. */
  alias: 'p' | 'b' | 'l';
  matchedOn: 'name' | 'address';
  from: RawBuilder<unknown>;
  /** The text matched and ranked. */
  text: RawBuilder<unknown>;
  /** id, label, case_id (locations only), role (locations: the venue type). */
  columns: RawBuilder<unknown>;
  /** Scope and filters. */
  where: RawBuilder<unknown>;
}

function sources(hotlineId: string, f: Filters): Source[] {
  // A business is matched on its name and, apart, on its address.
  const business = {
    kind: 'business',
    alias: 'b',
    from: sql`businesses b`,
    columns: sql`b.id, b.name as label, null::uuid as case_id, null::text as role`,
    where: sql`b.hotline_id = ${hotlineId} ${passes(hotlineId, f, 'b', 'case_businesses')}`,
  } as const;
  return [
    {
      kind: 'person',
      alias: 'p',
      matchedOn: 'name',
      from: sql`persons p`,
      text: sql`p.search_names`,
      columns: sql`p.id, coalesce(p.full_name, p.aliases[1], '') as label, null::uuid as case_id, null::text as role`,
      where: sql`p.hotline_id = ${hotlineId} ${passes(hotlineId, f, 'p', 'case_persons')}`,
    },
    { ...business, matchedOn: 'name', text: sql`b.name` },
    { ...business, matchedOn: 'address', text: sql`coalesce(b.address, '')` },
    {
      kind: 'location',
      alias: 'l',
      matchedOn: 'address',
      from: sql`locations l`,
      text: sql`coalesce(l.address, '')`,
      columns: sql`l.id, l.address as label, l.case_id, l.venue_type as role`,
      where: sql`l.hotline_id = ${hotlineId} ${passes(hotlineId, f, 'l', null)}`,
    },
  ];
}

/**
 * The common table expressions of a name or address search (one or two per source and tier) and
 * the names of those to combine. Each tier is materialised on its own: its bound stops the scan.
 */
function nameTiers(
  hotlineId: string,
  f: Filters,
  value: string,
  words: LookAlikes,
  cap: number,
): { ctes: RawBuilder<unknown>[]; names: string[] } {
  const ctes: RawBuilder<unknown>[] = [];
  const names: string[] = [];
  const asWritten = sql`plainto_tsquery('simple', ${value})`;
  const keys = filterKeys(f);
  sources(hotlineId, f).forEach((s, i) => {
    const tsv = sql`to_tsvector('simple', ${s.text})`;
    // With filters, the words are asked for paired with the filter keys, through the index of those
    // pairs (migration 0028): only rows with the words and the keys are read.
    const found = (query: string, plain: RawBuilder<unknown>) =>
      keys.length > 0
        ? sql`search_filter_words(${s.text}, ${sql.raw(s.alias)}.case_filters) @@ ${withKeys(query, keys)}::tsquery`
        : sql`${tsv} @@ ${plain}`;
    // Rounded as the page's cursor carries it, so that equal scores compare equal.
    const select = (score: RawBuilder<unknown>) =>
      row(
        s.kind,
        s.matchedOn,
        sql`${s.columns}, round((${score})::numeric, 4)::float8 as score from ${s.from}`,
      );
    // The exact names are also whole-word matches: each match comes from one tier only.
    let notExact = sql``;
    if (s.kind === 'person') {
      const exact = `m${i}x`;
      ctes.push(
        sql`${sql.raw(exact)} as materialized (${bounded(
          sql`${select(sql`1`)} where ${s.where}
                and person_name_keys(p.full_name, p.aliases) @> person_name_keys(${value}, '{}')`,
          cap,
        )})`,
      );
      names.push(exact);
      notExact = sql`and p.id not in (select x.id from ${sql.raw(exact)} x)`;
    }
    const whole = `m${i}w`;
    ctes.push(
      sql`${sql.raw(whole)} as materialized (${bounded(
        sql`${select(sql`0.9 + 0.09 * least(1, length(${value})::float8 / greatest(length(${s.text}), 1))`)}
             where ${s.where} and ${found(words.written, asWritten)} ${notExact}`,
        cap,
      )})`,
    );
    names.push(whole);
    if (words.near !== null) {
      const nearQuery = words.near;
      const near = `m${i}n`;
      ctes.push(
        sql`${sql.raw(near)} as materialized (${bounded(
          sql`${select(sql`0.89 * word_similarity(${value}, ${s.text})`)}
               where (select count(*) from ${sql.raw(whole)}) <= ${cap}
                 and ${s.where} and ${found(nearQuery, sql`${nearQuery}::tsquery`)}
                 and not (${tsv} @@ ${asWritten})`,
          cap,
        )})`,
      );
      names.push(near);
    }
  });
  return { ctes, names };
}

/**
 * The matches of a query as common table expressions and the union of their rows: kind,
 * matched_on, id, label, case_id, role, score (rounded to 4 places), capped. No match comes twice.
 */
export function matches(
  hotlineId: string,
  f: Filters,
  mode: Mode,
  value: string,
  words: LookAlikes | null,
  cap: number,
): { ctes: RawBuilder<unknown>[]; union: RawBuilder<unknown> } {
  const exactly = (rows: RawBuilder<unknown>[]) => ({ ctes: [], union: sql.join(rows, sql` union all `) });
  const person = passes(hotlineId, f, 'p', 'case_persons');
  const personRow = (on: string) =>
    row(
      'person',
      on,
      sql`p.id, coalesce(p.full_name, p.aliases[1], '') as label, null::uuid as case_id,
                          null::text as role, 1::float8 as score, false as capped from persons p`,
    );
  switch (mode) {
    case 'email':
      return exactly([
        sql`${personRow('email')} where p.hotline_id = ${hotlineId} and p.emails @> array[${value}]::text[] ${person}`,
      ]);
    case 'phone':
      return exactly([
        sql`${personRow('phone')} where p.hotline_id = ${hotlineId} and p.phones @> array[${value}]::text[] ${person}`,
        sql`${row('business', 'phone', sql`b.id, b.name as label, null::uuid as case_id, null::text as role, 1::float8 as score, false as capped from businesses b`)}
             where b.hotline_id = ${hotlineId} and b.phone = ${value} ${passes(hotlineId, f, 'b', 'case_businesses')}`,
      ]);
    case 'reference':
      return exactly([
        sql`${row('case', 'reference', sql`c.id, c.reference_code as label, c.id as case_id, null::text as role, 1::float8 as score, false as capped from cases c`)}
             where c.hotline_id = ${hotlineId} and c.reference_code = ${value}`,
      ]);
    case 'name': {
      if (words === null) {
        return exactly([
          sql`select null::text as kind, null::text as matched_on, null::uuid as id, null::text as label,
                     null::uuid as case_id, null::text as role, 0::float8 as score, false as capped where false`,
        ]);
      }
      const { ctes, names } = nameTiers(hotlineId, f, value, words, cap);
      return {
        ctes,
        union: sql.join(
          names.map((n) => sql`select * from ${sql.raw(n)}`),
          sql` union all `,
        ),
      };
    }
  }
}
