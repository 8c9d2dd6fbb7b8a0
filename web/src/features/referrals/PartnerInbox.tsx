import './referrals.css';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../app/api';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { messages, type MessageKey } from './messages';
import type { PartnerReferral } from './types';

const show = (v: unknown): string =>
  Array.isArray(v) ? v.join(', ') : typeof v === 'string' || typeof v === 'number' ? String(v) : '';

function Item({ r, onChange }: { r: PartnerReferral; onChange: () => Promise<void> }) {
  const { lang } = useI18n();
  const t = useMessages(messages);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const act = async (what: 'accept' | 'decline' | 'complete') => {
    setError(undefined);
    try {
      await post(`/api/partner/referrals/${r.id}/${what}`, what === 'decline' ? { reason } : {});
      await onChange();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('error'));
    }
  };
  return (
    <li className="panel" aria-label={r.serviceName}>
      <h2>{r.serviceName}</h2>
      <p>
        <span className="badge">{t(`status.${r.status}` as MessageKey)}</span>{' '}
        {r.status === 'sent' ? t('respondBy', { date: new Date(r.respondBy).toLocaleString(lang) }) : null}
      </p>
      <dl className="facts">
        {Object.entries(r.shared).map(([k, v]) => (
          <div key={k}>
            <dt>{t(`f.${k}` as MessageKey)}</dt>
            <dd>{show(v)}</dd>
          </div>
        ))}
      </dl>
      <FormError message={error} />
      {r.status === 'sent' ? (
        <div className="actions">
          <button type="button" className="primary" onClick={() => void act('accept')}>
            {t('accept')}
          </button>
          <label htmlFor={`reason-${r.id}`}>{t('declineReason')}</label>
          <input id={`reason-${r.id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" onClick={() => void act('decline')}>
            {t('decline')}
          </button>
        </div>
      ) : null}
      {r.status === 'accepted' ? (
        <button type="button" className="primary" onClick={() => void act('complete')}>
          {t('complete')}
        </button>
      ) : null}
    </li>
  );
}

export function PartnerInbox() {
  const t = useMessages(messages);
  const [referrals, setReferrals] = useState<PartnerReferral[]>();
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    setReferrals((await get<{ referrals: PartnerReferral[] }>('/api/partner/referrals')).referrals);
  }, []);
  useEffect(() => {
    load().catch(() => setError(t('error')));
  }, [load, t]);
  return (
    <section>
      <h1>{t('inboxTitle')}</h1>
      <FormError message={error} />
      {referrals && referrals.length === 0 ? <p>{t('noReferrals')}</p> : null}
      <ul className="plain-list">
        {referrals?.map((r) => (
          <Item key={r.id} r={r} onChange={load} />
        ))}
      </ul>
    </section>
  );
}
