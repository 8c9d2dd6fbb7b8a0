/**
 * Importing and exporting the directory in HSDS 3.0: canonical JSON or the tabular data package.
 * A file that fails its schema is rejected with every error's path, and nothing is imported from it.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Queryable } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { readCanonical, writeCanonical } from './hsds/canonical';
import type { FlatRecord, HsdsIssue } from './hsds/model';
import { readPackage, writePackage } from './hsds/tabular';
import { rebuildServiceIndex } from './service-index';
import { allRecords, upsertRecords } from './store';

export class HsdsInvalid extends AppError {
  constructor(
    readonly source: string,
    readonly issues: HsdsIssue[],
  ) {
    super(
      'validation_failed',
      `${source} does not follow HSDS 3.0 (${issues.length} error${issues.length === 1 ? '' : 's'}); nothing was imported.`,
      {
        fields: issues,
      },
    );
  }
}

/** Reads and validates FILE (canonical .json) or DIR (a data package, or its datapackage.json). */
export function readHsds(source: string): FlatRecord[] {
  if (!existsSync(source)) throw new AppError('not_found', `${source} does not exist.`);
  const isDir = statSync(source).isDirectory();
  const isManifest = path.basename(source) === 'datapackage.json';
  if (isDir || isManifest) {
    const { records, issues } = readPackage(isDir ? source : path.dirname(source));
    if (issues.length) throw new HsdsInvalid(source, issues);
    return records;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(source, 'utf8'));
  } catch (err) {
    throw new HsdsInvalid(source, [{ path: '/', message: `not valid JSON (${(err as Error).message})` }]);
  }
  const { records, issues } = readCanonical(doc);
  if (issues.length) throw new HsdsInvalid(source, issues);
  return records;
}

export interface ImportSummary {
  records: number;
  organizations: number;
  services: number;
}

/** Call inside one transaction: the records and the search index change together or not at all. */
export async function importRecords(q: Queryable, records: FlatRecord[]): Promise<ImportSummary> {
  await upsertRecords(q, records);
  await rebuildServiceIndex(q);
  return {
    records: records.length,
    organizations: records.filter((r) => r.kind === 'organization').length,
    services: records.filter((r) => r.kind === 'service').length,
  };
}

export async function exportDirectory(
  q: Queryable,
  format: 'json' | 'package',
  out: string,
): Promise<number> {
  const records = await allRecords(q);
  if (format === 'json') writeFileSync(out, `${JSON.stringify(writeCanonical(records), null, 2)}\n`);
  else writePackage(records, out);
  return records.length;
}
