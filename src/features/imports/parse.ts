/**
 * Reads and checks every line before anything is written: an import with one bad line imports
 * nothing, and the person fixing the file gets every problem with its line and field at once.
 */
import { AppError } from '../../platform/errors';
import { ImportRecord, type ImportCase, type ImportIssue, type ImportSignal } from './schema';

export interface ParsedImport {
  cases: Array<{ line: number; record: ImportCase }>;
  signals: Array<{ line: number; record: ImportSignal }>;
  lines: number;
}

/** How many problems an error lists; a file broken throughout needs fixing at its source. */
const MAX_ISSUES = 100;

export async function parseImport(lines: AsyncIterable<string> | Iterable<string>): Promise<ParsedImport> {
  const out: ParsedImport = { cases: [], signals: [], lines: 0 };
  const issues: ImportIssue[] = [];
  const caseLines = new Map<string, number>();
  const signalLines = new Map<string, number>();
  const add = (issue: ImportIssue): void => {
    if (issues.length < MAX_ISSUES) issues.push(issue);
  };

  let n = 0;
  for await (const raw of lines) {
    n++;
    const text = raw.trim();
    if (text === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      add({ line: n, field: '(line)', message: 'Not valid JSON.' });
      continue;
    }
    const parsed = ImportRecord.safeParse(json);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        add({ line: n, field: i.path.map(String).join('.') || '(record)', message: i.message });
      }
      continue;
    }
    const record = parsed.data;
    const seen = record.type === 'case' ? caseLines : signalLines;
    const earlier = seen.get(record.id);
    if (earlier !== undefined) {
      add({
        line: n,
        field: 'id',
        message: `The ${record.type} id "${record.id}" is also on line ${earlier}.`,
      });
      continue;
    }
    seen.set(record.id, n);
    if (record.type === 'case') out.cases.push({ line: n, record });
    else out.signals.push({ line: n, record });
  }
  out.lines = n;
  checkInsideRecords(out, add);
  if (issues.length > 0) {
    throw new AppError(
      'validation_failed',
      `The import file has ${issues.length === MAX_ISSUES ? 'at least ' : ''}${issues.length} problem(s); nothing was imported.`,
      { issues },
    );
  }
  return out;
}

/** Checks a schema cannot express: one person id used for two different roles' records, dates in order. */
function checkInsideRecords(parsed: ParsedImport, add: (i: ImportIssue) => void): void {
  for (const { line, record } of parsed.cases) {
    if (record.recordedAt && Date.parse(record.recordedAt) < Date.parse(record.identifiedAt)) {
      add({ line, field: 'recordedAt', message: 'A case cannot be recorded before it was identified.' });
    }
    const seen = new Set<string>();
    record.persons.forEach((p, i) => {
      const key = `${p.id}\u0000${p.role}`;
      if (seen.has(key))
        add({
          line,
          field: `persons.${i}.id`,
          message: `Person "${p.id}" is listed twice with the same role.`,
        });
      seen.add(key);
    });
  }
  for (const { line, record } of parsed.signals) {
    if (record.recordedAt && Date.parse(record.recordedAt) < Date.parse(record.receivedAt)) {
      add({ line, field: 'recordedAt', message: 'A signal cannot be recorded before it was received.' });
    }
  }
}

/** Raised by the loader for references it cannot resolve (a case id neither in the file nor stored). */
export function unresolved(issues: ImportIssue[]): AppError {
  return new AppError(
    'validation_failed',
    `The import file has ${issues.length} problem(s); nothing was imported.`,
    { issues },
  );
}
