import { useState } from 'react';
import { ApiError, post } from '../../app/api';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { messages, type MessageKey } from './messages';
import type { RequiredReport } from './types';

const METHODS = ['phone', 'online_form', 'email', 'in_person', 'other'] as const;

/** One required report: what, to whom, when due, and the forms to file or (supervisors) waive it. */
export function ReportItem({
  r,
  canWaive,
  onChange,
}: {
  r: RequiredReport;
  canWaive: boolean;
  onChange: () => Promise<void>;
}) {
  const { lang } = useI18n();
  const t = useMessages(messages);
  const [filing, setFiling] = useState({ method: 'phone', filedTo: '', referenceNumber: '' });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const id = `report-${r.id}`;

  const send = async (what: 'file' | 'waive') => {
    setError(undefined);
    try {
      const body =
        what === 'file'
          ? {
              filedAt: new Date().toISOString(),
              method: filing.method,
              filedTo: filing.filedTo,
              ...(filing.referenceNumber ? { referenceNumber: filing.referenceNumber } : {}),
              version: r.version,
            }
          : { reason, version: r.version };
      await post(`/api/required-reports/${r.id}/${what}`, body);
      await onChange();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('error'));
    }
  };

  return (
    <li className="panel">
      <h3>{r.title?.[lang] ?? r.jurisdiction}</h3>
      <p>
        {r.caseReference ? `${t('caseRef', { ref: r.caseReference })} · ` : ''}
        {r.agency?.name[lang]} · {r.agency?.channels.map((c) => c.value).join(' · ')}
      </p>
      <p>
        <span className={r.overdue ? 'badge danger' : 'badge'}>
          {r.status === 'due'
            ? r.overdue
              ? t('overdue')
              : t('due')
            : t(r.status === 'filed' ? 'filed' : 'waived')}
        </span>{' '}
        {t('dueAt', { date: new Date(r.dueAt).toLocaleString(lang) })}
        {r.status === 'filed' ? ` · ${r.filedTo ?? ''} ${r.referenceNumber ?? ''}` : ''}
        {r.status === 'waived' ? ` · ${r.waiveReason ?? ''}` : ''}
      </p>
      <FormError message={error} />
      {r.status === 'due' ? (
        <div className="actions">
          <label htmlFor={`${id}-method`}>{t('method')}</label>
          <select
            id={`${id}-method`}
            value={filing.method}
            onChange={(e) => setFiling({ ...filing, method: e.target.value })}
          >
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`m.${m}` as MessageKey)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-to`}>{t('filedTo')}</label>
          <input
            id={`${id}-to`}
            value={filing.filedTo}
            onChange={(e) => setFiling({ ...filing, filedTo: e.target.value })}
          />
          <label htmlFor={`${id}-ref`}>{t('reference')}</label>
          <input
            id={`${id}-ref`}
            value={filing.referenceNumber}
            onChange={(e) => setFiling({ ...filing, referenceNumber: e.target.value })}
          />
          <button type="button" className="primary" onClick={() => void send('file')}>
            {t('file')}
          </button>
          {canWaive ? (
            <>
              <label htmlFor={`${id}-waive`}>{t('waiveReason')}</label>
              <input id={`${id}-waive`} value={reason} onChange={(e) => setReason(e.target.value)} />
              <button type="button" onClick={() => void send('waive')}>
                {t('waive')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
