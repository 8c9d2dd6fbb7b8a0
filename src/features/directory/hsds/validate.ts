/** The HSDS JSON Schemas in reference/hsds/, compiled once with ajv. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { referenceDir } from '../../../platform/paths';
import { KINDS, type HsdsIssue, type HsdsKind } from './model';

export const HSDS_DIR = path.join(referenceDir, 'hsds');

export interface KindSchema {
  properties: Record<string, { type?: string; format?: string; $ref?: string }>;
  required: string[];
  'x-tabular-path': string;
  'x-tabular-required': string[];
}

export const schemas: Record<HsdsKind, KindSchema> = Object.fromEntries(
  KINDS.map((k) => [k, JSON.parse(readFileSync(path.join(HSDS_DIR, `${k}.json`), 'utf8')) as KindSchema]),
) as Record<HsdsKind, KindSchema>;

let compiled: Record<HsdsKind, ValidateFunction> | undefined;

function compile(): Record<HsdsKind, ValidateFunction> {
  // strict: false because the schemas carry the specification's own annotations (x-source, ...).
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // HSDS examples write opening hours as "09:00"; ajv-formats' time wants seconds and an offset.
  ajv.addFormat('time', /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(z|Z|[+-]\d\d(:?\d\d)?)?$/);
  for (const k of KINDS) ajv.addSchema(schemas[k]);
  return Object.fromEntries(
    KINDS.map((k) => [k, ajv.getSchema(`https://schemas.waymark.local/hsds/3.0/${k}.json`)!]),
  ) as Record<HsdsKind, ValidateFunction>;
}

const describe = (e: ErrorObject): string =>
  e.keyword === 'required'
    ? `must have required property '${String((e.params as { missingProperty: string }).missingProperty)}'`
    : (e.message ?? 'is not valid');

/** Every error, each with its path below `prefix`. */
export function validateObject(kind: HsdsKind, value: unknown, prefix: string): HsdsIssue[] {
  compiled ??= compile();
  const validate = compiled[kind];
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: `${prefix}${e.instancePath}` || '/',
    message: describe(e),
  }));
}
