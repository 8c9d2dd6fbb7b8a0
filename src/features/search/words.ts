/**
 * The words of a name or address query, and the hotline's indexed words that look like them.
 * Trigrams run on the small table of distinct words (search_words, migrations 0009 and 0015), never
 * on the millions of people; the people are then found exactly through the full-text indexes.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../platform/db/transaction';

/** Indexed words offered for one misspelt word: at most this many, most similar first. */
const ALTERNATIVES = 6;

const lexeme = (w: string): string => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export interface LookAlikes {
  /** Every word of the query as written ("'jasmne' & 'carter'"). */
  written: string;
  /** The full-text query: each word or one of its look-alikes ("(jasmine | jasmin) & (carter)"). */
  tsquery: string;
  /**
   * What `tsquery` finds beyond the words as written, for the index: some word as one of its
   * look-alikes and the others as either ("(jasmin) & (carter | carr)"). Rows it finds may still
   * have every word as written too. Null when the query has no look-alike at all.
   */
  near: string | null;
}

export interface WordRow {
  word: string;
  alternatives: string[];
  scores: number[];
}

/** Each word of the query and the indexed words most like it (trigram similarity). */
export function lookAlikesStatement(hotlineId: string, value: string): RawBuilder<WordRow> {
  return sql<WordRow>`
    select q.w as word, coalesce(a.words, '{}') as alternatives, coalesce(a.scores, '{}') as scores
      from unnest(tsvector_to_array(to_tsvector('simple', ${value}))) q(w)
      left join lateral (
        select array_agg(n.word order by n.score desc, n.word) as words,
               array_agg(n.score order by n.score desc, n.word) as scores
          from (select s.word, similarity(q.w, s.word) as score from search_words s
                 where q.w !~ '[0-9]' and s.hotline_id = ${hotlineId} and s.word % q.w
                 order by score desc, s.word limit ${ALTERNATIVES}) n) a on true`;
}

export async function lookAlikes(q: Queryable, hotlineId: string, value: string): Promise<LookAlikes | null> {
  return lookAlikesOf((await lookAlikesStatement(hotlineId, value).execute(q)).rows);
}

/**
 * Each word of the query as a group of itself and the indexed words that look like it. A word like
 * nothing indexed is left out (a middle initial nobody recorded); words with a digit (house numbers)
 * match only as written. Null: nothing can match.
 */
export function lookAlikesOf(rows: WordRow[]): LookAlikes | null {
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
  const written = rows.map((r) => lexeme(r.word)).join(' & ');
  const or = (g: string[]) => `(${g.map(lexeme).join(' | ')})`;
  const tsquery = groups.map(or).join(' & ');
  // A word left out (like nothing indexed): nothing has every word as written, so all is near.
  if (groups.length < rows.length) return { written, tsquery, near: tsquery };
  const branches = groups.flatMap((g, i) => {
    const others = g.filter((w) => w !== rows[i]?.word);
    if (others.length === 0) return [];
    return [[or(others), ...groups.filter((_, j) => j !== i).map(or)].join(' & ')];
  });
  return {
    written,
    tsquery,
    near: branches.length > 0 ? branches.map((b) => `(${b})`).join(' | ') : null,
  };
}

/**
 * A full-text query of ours with each word paired with each filter key, for the index of words and
 * keys (migration 0028): "'george' & 'smith'" with state:TX -> "('george state:TX') & ('smith state:TX')".
 */
export function withKeys(tsquery: string, keys: string[]): string {
  return tsquery.replace(
    /'((?:[^'\\]|\\.|'')*)'/g,
    (_, w: string) => `(${keys.map((k) => `'${w} ${k}'`).join(' & ')})`,
  );
}

/** The query's words and their look-alikes as a full-text query ("jasmne" -> jasmine | jasmin). */
export async function fuzzyWords(q: Queryable, hotlineId: string, value: string): Promise<string | null> {
  return (await lookAlikes(q, hotlineId, value))?.tsquery ?? null;
}
