import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, get } from '../app/api';
import { FormError } from '../app/Field';
import { useI18n } from '../i18n/i18n';

interface AuditEvent {
  id: number;
  at: string;
  actorName: string | null;
  actorLabel: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
}

export function AuditLog() {
  const { t, lang } = useI18n();
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [action, setAction] = useState('');
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (before?: number) => {
      const params = new URLSearchParams({ limit: '50' });
      if (action) params.set('action', action);
      if (before) params.set('before', String(before));
      try {
        const page = await get<{ events: AuditEvent[]; nextBefore: number | null }>(
          `/api/audit?${params.toString()}`,
        );
        setEvents((prev) => (before ? [...prev, ...page.events] : page.events));
        setNext(page.nextBefore);
        setError(undefined);
      } catch (err) {
        setError(err instanceof ApiError ? err.message : t('common.error'));
      }
    },
    [action, t],
  );
  useEffect(() => {
    void load();
    // Once on arrival; the filter form reloads on submit.
  }, []);

  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <p className="hint">{t('audit.help')}</p>
      <form
        className="filters"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void load();
        }}
      >
        <label>
          {t('audit.filter.action')} <input value={action} onChange={(e) => setAction(e.target.value)} />
        </label>
        <button type="submit">{t('audit.filter.apply')}</button>
      </form>
      <FormError message={error} />
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('audit.col.when')}</th>
            <th scope="col">{t('audit.col.who')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.subject')}</th>
            <th scope="col">{t('audit.col.from')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{fmt.format(new Date(e.at))}</td>
              <td>{e.actorName ?? e.actorLabel}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{e.subjectType ? `${e.subjectType} ${e.subjectId?.slice(0, 8) ?? ''}` : ''}</td>
              <td>{e.ip}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.length === 0 && !error ? <p>{t('common.none')}</p> : null}
      {next ? (
        <button type="button" onClick={() => void load(next)}>
          {t('audit.more')}
        </button>
      ) : null}
    </section>
  );
}
