import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { referenceDir } from '../../platform/paths';
import { TYPOLOGY } from './vocabulary';

it('the typology the console offers is the one in reference/trafficking_typology.csv', () => {
  const rows = parse<{ name: string; slug: string }>(
    readFileSync(path.join(referenceDir, 'trafficking_typology.csv'), 'utf8'),
    {
      columns: true,
    },
  );
  expect(TYPOLOGY.map((t) => ({ name: t.en, slug: t.slug }))).toEqual(
    rows.map((r) => ({ name: r.name, slug: r.slug })),
  );
});
