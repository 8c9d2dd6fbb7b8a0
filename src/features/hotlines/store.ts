import type { Queryable } from '../../platform/db/transaction';

export interface NewHotline {
  name: string;
  slug?: string;
  jurisdictions?: string[];
}

export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return s.length >= 2 ? s : `hotline-${s}`;
}

export async function insertHotline(
  q: Queryable,
  input: NewHotline,
): Promise<{ id: string; slug: string; name: string }> {
  const base = input.slug ?? slugify(input.name);
  let slug = base;
  for (
    let n = 2;
    await q.selectFrom('hotlines').select('id').where('slug', '=', slug).executeTakeFirst();
    n++
  ) {
    slug = `${base}-${n}`;
  }
  return q
    .insertInto('hotlines')
    .values({ name: input.name, slug, jurisdictions: input.jurisdictions ?? [], updated_at: new Date() })
    .returning(['id', 'slug', 'name'])
    .executeTakeFirstOrThrow();
}

export async function findHotlines(q: Queryable): Promise<Array<{ id: string; slug: string; name: string }>> {
  return q.selectFrom('hotlines').select(['id', 'slug', 'name']).orderBy('created_at').execute();
}

export async function hotlineName(q: Queryable, id: string): Promise<string> {
  const row = await q.selectFrom('hotlines').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? '';
}
