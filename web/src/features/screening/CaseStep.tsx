/** After screening: open a case from the signal, or attach it to a case found by search. */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, post } from '../../app/api';
import { FormError } from '../../app/Field';
import { useMessages } from '../../i18n/i18n';
import { SearchBox } from '../cases/SearchPage';
import { TextAreaField } from '../cases/ui';
import { screeningMessages } from './messages';

export function CaseStep({
  signalId,
  cases,
  onAttached,
}: {
  signalId: string;
  cases: Array<{ id: string; referenceCode: string }>;
  onAttached: () => void;
}) {
  const t = useMessages(screeningMessages);
  const navigate = useNavigate();
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const open = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const c = await post<{ id: string }>('/api/cases', { signalId, summary });
      await navigate(`/console/cases/${c.id}`);
    } catch (err) {
      setError(err);
    }
  };
  const attach = async (caseId: string) => {
    try {
      await post(`/api/cases/${caseId}/signals`, { signalId });
      setNotice(t('attached'));
      onAttached();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="panel">
      <h2>{t('nextStep')}</h2>
      {cases.map((c) => (
        <p key={c.id}>
          {t('inCases')} <Link to={`/console/cases/${c.id}`}>{c.referenceCode}</Link>
        </p>
      ))}
      <FormError message={error instanceof ApiError ? error.message : error ? t('error') : undefined} />
      {notice ? <p role="status">{notice}</p> : null}
      <form onSubmit={(e) => void open(e)} noValidate>
        <TextAreaField
          label={t('caseSummary')}
          rows={2}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
        <button type="submit" className="primary">
          {t('openCase')}
        </button>
      </form>
      <p>{t('attachHint')}</p>
      <SearchBox action={{ label: t('attach'), run: (id) => void attach(id) }} />
    </div>
  );
}
