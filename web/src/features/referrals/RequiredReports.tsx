import './referrals.css';
import { useCallback, useEffect, useState } from 'react';
import { get } from '../../app/api';
import { FormError } from '../../app/Field';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import { ReportItem } from './ReportItem';
import type { RequiredReport } from './types';

/** Supervisors: what is due and what is overdue across the hotline. */
export function RequiredReports() {
  const t = useMessages(messages);
  const [view, setView] = useState<'due' | 'overdue'>('due');
  const [reports, setReports] = useState<RequiredReport[]>();
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    setReports((await get<{ reports: RequiredReport[] }>(`/api/required-reports?view=${view}`)).reports);
  }, [view]);
  useEffect(() => {
    load().catch(() => setError(t('error')));
  }, [load, t]);
  return (
    <section>
      <h1>{t('reportsTitle')}</h1>
      <div className="tabs" role="group" aria-label={t('reportsTitle')}>
        {(['due', 'overdue'] as const).map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {t(v)}
          </button>
        ))}
      </div>
      <FormError message={error} />
      {reports && reports.length === 0 ? <p>{t('noReports')}</p> : null}
      <ul className="plain-list">
        {reports?.map((r) => (
          <ReportItem key={r.id} r={r} canWaive onChange={load} />
        ))}
      </ul>
    </section>
  );
}
