import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { InboxItem } from '../../../../src/features/intake/inbox-schema';
import { ApiError, get } from '../../app/api';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { intakeMessages, type IntakeKey } from './messages';

const CHANNELS = ['phone', 'text', 'webform', 'email', 'webchat'] as const;
const STATUSES = ['new', 'in_triage', 'triaged', 'closed'] as const;

interface Filters {
  channel: string;
  status: string;
  state: string;
}

function queryFor(f: Filters, after?: string): string {
  const p = new URLSearchParams({ limit: '50' });
  if (f.channel) p.set('channel', f.channel);
  if (f.status) p.set('status', f.status);
  if (f.state) p.set('state', f.state.toUpperCase());
  if (after) p.set('after', after);
  return `/api/signals?${p.toString()}`;
}

/** Signals from every channel, newest first; new ones arrive over Server-Sent Events. */
export function Inbox() {
  const t = useMessages(intakeMessages);
  const { lang } = useI18n();
  const [filters, setFilters] = useState<Filters>({ channel: '', status: '', state: '' });
  const [signals, setSignals] = useState<InboxItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [connected, setConnected] = useState(false);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  const load = useCallback(async (f: Filters, after?: string) => {
    try {
      const page = await get<{ signals: InboxItem[]; next: string | null }>(queryFor(f, after));
      setSignals((prev) => (after ? [...prev, ...page.signals] : page.signals));
      setNext(page.next);
      setError(undefined);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }, []);

  /** A live event: fetch the newest page and put what changed on top, keeping older pages. */
  const refreshTop = useCallback(async () => {
    try {
      const page = await get<{ signals: InboxItem[] }>(queryFor(filtersRef.current));
      setSignals((prev) => {
        const fresh = new Map(page.signals.map((s) => [s.id, s]));
        return [...page.signals, ...prev.filter((s) => !fresh.has(s.id))];
      });
    } catch {
      /* the next event or a reload will catch up */
    }
  }, []);

  useEffect(() => {
    void load(filtersRef.current);
    const source = new EventSource('/api/signals/live');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('signal', () => void refreshTop());
    return () => source.close();
  }, [load, refreshTop]);

  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    void load(filters);
  };
  return (
    <section>
      <h1>{t('inbox')}</h1>
      <p className="hint" role="status" data-live={connected ? 'on' : 'off'}>
        {connected ? t('live') : t('offline')}
      </p>
      <p>
        <Link to="/console/calls/new">{t('logCall')}</Link>
      </p>
      <form className="filters" onSubmit={apply} aria-label={t('filter')}>
        <label>
          {t('channel')}{' '}
          <select
            value={filters.channel}
            onChange={(e) => setFilters({ ...filters, channel: e.target.value })}
          >
            <option value="">{t('any')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`ch.${c}` as IntakeKey)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('status')}{' '}
          <select value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value })}>
            <option value="">{t('any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`st.${s}` as IntakeKey)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('state')}{' '}
          <input
            size={3}
            maxLength={2}
            value={filters.state}
            onChange={(e) => setFilters({ ...filters, state: e.target.value })}
          />
        </label>{' '}
        <button type="submit">{t('filter')}</button>
      </form>
      <FormError message={error} />
      {signals.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table className="data" data-testid="inbox">
          <thead>
            <tr>
              <th scope="col">{t('received')}</th>
              <th scope="col">{t('reference')}</th>
              <th scope="col">{t('channel')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('state')}</th>
              <th scope="col">{t('preview')}</th>
            </tr>
          </thead>
          <tbody>
            {signals.map((s) => (
              <tr key={s.id} data-channel={s.channel}>
                <td>{fmt.format(new Date(s.receivedAt))}</td>
                <td>
                  <Link to={`/console/inbox/${s.id}`}>{s.referenceCode}</Link>
                </td>
                <td>{t(`ch.${s.channel}` as IntakeKey)}</td>
                <td>{t(`st.${s.status}` as IntakeKey)}</td>
                <td>
                  {s.state ?? ''} {s.stateInferred ? t('inferred') : ''}
                </td>
                <td>{s.preview}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <button type="button" onClick={() => void load(filters, next)}>
          {t('more')}
        </button>
      ) : null}
    </section>
  );
}
