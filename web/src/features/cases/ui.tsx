/** Small pieces the case and triage pages share: labelled selects and text areas, paged lists, shortcuts. */
import {
  useCallback,
  useEffect,
  useId,
  useState,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError, get } from '../../app/api';

export function SelectField({
  label,
  error,
  children,
  ...select
}: {
  label: string;
  error?: string | undefined;
  children: ReactNode;
  ref?: Ref<HTMLSelectElement>;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...select}
      >
        {children}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextAreaField({
  label,
  error,
  ...area
}: {
  label: string;
  error?: string | undefined;
  ref?: Ref<HTMLTextAreaElement>;
} & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...area}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The message the API gave for a field (paths like body.phones.0 match "phones"). */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.body.details?.fields?.find(
    (f) => f.path === `body.${field}` || f.path.startsWith(`body.${field}.`),
  )?.message;
}

export const splitList = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** A keyset-paged list: the first page, then "show more" appends the next one. */
export function usePaged<T>(url: string) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const sep = url.includes('?') ? '&' : '?';
        const page = await get<{ items: T[]; nextCursor: string | null }>(
          after ? `${url}${sep}cursor=${encodeURIComponent(after)}` : url,
        );
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (err) {
        setError(err);
      } finally {
        setLoading(false);
      }
    },
    [url],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  return {
    items,
    error,
    loading,
    hasMore: cursor !== null,
    more: () => void load(cursor),
    reload: () => void load(null),
  };
}

/** A one-key shortcut that stays out of the way while someone types. */
export function useShortcut(key: string, action: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (el.closest('input, textarea, select, [contenteditable]') || e.ctrlKey || e.metaKey || e.altKey)
        return;
      if (e.key === key) {
        e.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, action]);
}

export const formatDate = (iso: string | null, lang: string): string =>
  iso
    ? new Date(iso).toLocaleString(lang === 'es' ? 'es-US' : 'en-US', {
        dateStyle: 'medium',
        timeStyle: 'short',
      })
    : '';
