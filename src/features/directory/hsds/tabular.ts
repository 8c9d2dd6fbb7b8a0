/**
 * The HSDS tabular data package: one CSV per object (organizations.csv, services.csv, ...) and a
 * datapackage.json that lists them with their fields. Children name their parent by foreign key.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  isKind,
  KINDS,
  PARENT_KEYS,
  type FlatRecord,
  type HsdsIssue,
  type HsdsKind,
  type Json,
} from './model';
import { schemas, validateObject } from './validate';

const SCALAR = new Set(['string', 'number', 'integer', 'boolean']);

function scalarColumns(kind: HsdsKind): string[] {
  return Object.entries(schemas[kind].properties)
    .filter(([, p]) => p.type !== undefined && SCALAR.has(p.type))
    .map(([name]) => name);
}

/** CSV cells are text: numbers become numbers, empty cells are absent. */
function typed(kind: HsdsKind, row: Record<string, string>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === '') continue;
    const type = schemas[kind].properties[k]?.type;
    if ((type === 'number' || type === 'integer') && v.trim() !== '' && !Number.isNaN(Number(v)))
      out[k] = Number(v);
    else if (type === 'boolean' && (v === 'true' || v === 'false')) out[k] = v === 'true';
    else out[k] = v;
  }
  return out;
}

interface Resource {
  name?: string;
  path?: string;
}

export function readPackage(dir: string): { records: FlatRecord[]; issues: HsdsIssue[] } {
  const issues: HsdsIssue[] = [];
  const manifest = path.join(dir, 'datapackage.json');
  if (!existsSync(manifest))
    return { records: [], issues: [{ path: 'datapackage.json', message: 'not found' }] };
  let resources: Resource[];
  try {
    resources = (JSON.parse(readFileSync(manifest, 'utf8')) as { resources?: Resource[] }).resources ?? [];
  } catch (err) {
    return {
      records: [],
      issues: [{ path: 'datapackage.json', message: `not valid JSON (${(err as Error).message})` }],
    };
  }
  const records: FlatRecord[] = [];
  for (const res of resources) {
    // Resources for objects Waymark does not model (funding.csv, ...) are left alone.
    if (!res.name || !isKind(res.name) || !res.path) continue;
    const kind = res.name;
    const file = path.join(dir, path.basename(res.path));
    if (!existsSync(file)) {
      issues.push({ path: res.path, message: 'listed in datapackage.json but not found' });
      continue;
    }
    const rows = parse<Record<string, string>>(readFileSync(file), {
      columns: true,
      skip_empty_lines: true,
      bom: true,
    });
    rows.forEach((row, i) => {
      const where = `${path.basename(res.path!)} row ${i + 2}`; // row 1 is the header
      const data = typed(kind, row);
      issues.push(
        ...validateObject(kind, data, `${where}: `).map((x) => ({
          ...x,
          path: x.path.replace(/: $/, ': /'),
        })),
      );
      for (const col of schemas[kind]['x-tabular-required']) {
        if (data[col] === undefined)
          issues.push({ path: `${where}: /${col}`, message: `must have required property '${col}'` });
      }
      const parentKey = PARENT_KEYS[kind].find(([col]) => typeof data[col] === 'string');
      let parentKind: HsdsKind | null = parentKey?.[1] ?? null;
      let parentId = parentKey ? String(data[parentKey[0]]) : null;
      if (kind === 'attribute' && typeof data.link_entity === 'string' && isKind(data.link_entity)) {
        parentKind = data.link_entity;
        parentId = typeof data.link_id === 'string' ? data.link_id : null;
      }
      records.push({ kind, id: typeof data.id === 'string' ? data.id : '', parentKind, parentId, data });
    });
  }
  // A location no organization lists belongs where a service_at_location points to it.
  const sals = records.filter((r) => r.kind === 'service_at_location');
  for (const r of records) {
    if (r.kind !== 'location' || r.parentKind) continue;
    const sal = sals.find((s) => s.data.location_id === r.id);
    if (sal) {
      r.parentKind = 'service_at_location';
      r.parentId = sal.id;
    }
  }
  return { records: issues.length ? [] : records, issues };
}

/** The row as the package holds it: own fields plus the foreign key to where it sits. */
function row(r: FlatRecord): Json {
  const out: Json = { ...r.data };
  if (r.parentKind && r.parentId) {
    if (r.kind === 'attribute') {
      out.link_id ??= r.parentId;
      out.link_entity ??= r.parentKind;
    } else if (PARENT_KEYS[r.kind].some(([, k]) => k === r.parentKind)) {
      out[`${r.parentKind}_id`] ??= r.parentId;
    }
  }
  return out;
}

const TYPES: Record<string, string> = { number: 'number', integer: 'integer', boolean: 'boolean' };

export function writePackage(records: FlatRecord[], dir: string): void {
  mkdirSync(dir, { recursive: true });
  const resources = KINDS.map((kind) => {
    const rows = records.filter((r) => r.kind === kind).map(row);
    const known = scalarColumns(kind);
    const extra = [...new Set(rows.flatMap((r) => Object.keys(r)))]
      .filter((k) => !known.includes(k) && rows.some((r) => r[k] !== null && typeof r[k] !== 'object'))
      .sort();
    const columns = [...known.filter((c) => c === 'id' || rows.some((r) => r[c] !== undefined)), ...extra];
    const file = schemas[kind]['x-tabular-path'];
    const cell = (v: unknown): string =>
      typeof v === 'string'
        ? v
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : v == null
            ? ''
            : JSON.stringify(v);
    writeFileSync(
      path.join(dir, file),
      stringify(
        rows.map((r) => columns.map((c) => cell(r[c]))),
        { header: true, columns },
      ),
    );
    return {
      name: kind,
      path: file,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: {
        fields: columns.map((c) => {
          const p = schemas[kind].properties[c];
          const type = p?.format === 'date' ? 'date' : (TYPES[p?.type ?? ''] ?? 'string');
          return { name: c, type };
        }),
        primaryKey: 'id',
      },
    };
  });
  const manifest = { name: 'waymark-hsds-directory', profile: 'tabular-data-package', resources };
  writeFileSync(path.join(dir, 'datapackage.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
