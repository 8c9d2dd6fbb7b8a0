import { Link } from 'react-router';
import { useI18n, useMessages } from '../../i18n/i18n';
import { CaseTable } from './CaseList';
import { caseMessages } from './messages';
import { TaskTable } from './MyTasks';
import type { CaseSummary } from './types';
import { formatDate, usePaged } from './ui';

interface SignalRow {
  id: string;
  referenceCode: string;
  channel: string;
  receivedAt: string;
  state: string | null;
}

export function SupervisorView() {
  const t = useMessages(caseMessages);
  const { lang } = useI18n();
  const cases = usePaged<CaseSummary>('/api/cases?status=open&assignee=none');
  const signals = usePaged<SignalRow>('/api/screening/signals?status=open&unassigned=true');
  return (
    <section>
      <h1>{t('supervisor')}</h1>
      <div className="panel">
        <h2>{t('unassignedCases')}</h2>
        {cases.items.length ? <CaseTable items={cases.items} /> : <p>{t('none')}</p>}
        {cases.hasMore ? (
          <button type="button" onClick={cases.more}>
            {t('more')}
          </button>
        ) : null}
      </div>
      <div className="panel">
        <h2>{t('unassignedSignals')}</h2>
        {signals.items.length ? (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('reference')}</th>
                <th scope="col">{t('channel')}</th>
                <th scope="col">{t('received')}</th>
                <th scope="col">{t('state')}</th>
              </tr>
            </thead>
            <tbody>
              {signals.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/console/triage/${s.id}`}>{s.referenceCode}</Link>
                  </td>
                  <td>{s.channel}</td>
                  <td>{formatDate(s.receivedAt, lang)}</td>
                  <td>{s.state ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('none')}</p>
        )}
        {signals.hasMore ? (
          <button type="button" onClick={signals.more}>
            {t('more')}
          </button>
        ) : null}
      </div>
      <div className="panel">
        <h2>{t('overdueTasks')}</h2>
        <TaskTable url="/api/supervisor/overdue-tasks" showAssignee />
      </div>
    </section>
  );
}
