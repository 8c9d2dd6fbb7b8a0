/** Triage: the signals waiting, and one signal's screening. One registry entry, its own pages. */
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { formatDate, usePaged } from '../cases/ui';
import '../cases/cases.css';
import './screening.css';
import { screeningMessages, type ScreeningMessageKey } from './messages';
import { TriageSignal } from './TriageSignal';

interface SignalRow {
  id: string;
  referenceCode: string;
  channel: string;
  receivedAt: string;
  status: string;
  state: string | null;
  category: string | null;
}

function TriageList() {
  const t = useMessages(screeningMessages);
  const { lang } = useI18n();
  const [status, setStatus] = useState('open');
  const [unassigned, setUnassigned] = useState(false);
  const { items, error, loading, hasMore, more } = usePaged<SignalRow>(
    `/api/screening/signals?status=${status}${unassigned ? '&unassigned=true' : ''}`,
  );
  return (
    <section>
      <h1>{t('signals')}</h1>
      <div className="filters">
        <label>
          {t('status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="open">{t('open')}</option>
            {(['new', 'in_triage', 'triaged', 'closed'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`st.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={unassigned} onChange={(e) => setUnassigned(e.target.checked)} />{' '}
          {t('unassigned')}
        </label>
      </div>
      <FormError message={error ? t('error') : undefined} />
      {!loading && items.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('reference')}</th>
              <th scope="col">{t('channel')}</th>
              <th scope="col">{t('received')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('state')}</th>
              <th scope="col">{t('category')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/console/triage/${s.id}`}>{s.referenceCode}</Link>
                </td>
                <td>{s.channel}</td>
                <td>{formatDate(s.receivedAt, lang)}</td>
                <td>{t(`st.${s.status}` as ScreeningMessageKey)}</td>
                <td>{s.state ?? ''}</td>
                <td>{s.category ? t(`c.${s.category}` as ScreeningMessageKey) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasMore ? (
        <button type="button" onClick={more}>
          {t('more')}
        </button>
      ) : null}
    </section>
  );
}

/** Registered as `triage` and `triage/*` (routes.tsx): the list, or one signal by its id. */
export function TriageSection() {
  const id =
    useLocation()
      .pathname.replace(/^\/console\/triage\/?/, '')
      .split('/')[0] ?? '';
  return id ? <TriageSignal id={id} /> : <TriageList />;
}
