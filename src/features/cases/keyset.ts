/**
 * Keyset pagination: a list continues after the last row it showed ("newest first, id breaks ties"),
 * so page 1,000 costs what page 1 costs. The cursor is opaque to clients.
 */
import { AppError } from '../../platform/errors';

export interface KeysetCursor {
  at: string;
  id: string;
}

export function encodeCursor(at: Date | string | null, id: string): string {
  const iso = at instanceof Date ? at.toISOString() : (at ?? '');
  return Buffer.from(JSON.stringify({ at: iso, id })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): KeysetCursor | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      value &&
      typeof value === 'object' &&
      'at' in value &&
      'id' in value &&
      typeof value.at === 'string' &&
      typeof value.id === 'string' &&
      /^[a-e]?[0-9a-f-]{20,36}$/i.test(value.id)
    ) {
      // Re-written by Date so that only a time the database reads gets to it.
      const at = new Date(value.at);
      if (!Number.isNaN(at.getTime()) && /^\d{4}-/.test(at.toISOString())) {
        return { at: at.toISOString(), id: value.id };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation_failed', 'Some fields are missing or not valid.', {
    fields: [{ path: 'query.cursor', message: 'This page link is not valid; start from the first page' }],
  });
}

/** Takes one row more than the page to know whether another page follows. */
export function page<T>(
  rows: T[],
  limit: number,
  key: (row: T) => string,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? key(last) : null };
}
