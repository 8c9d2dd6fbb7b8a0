import { useState } from 'react';
import { Link } from 'react-router';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { CASE_STATUSES, US_STATES } from '../../../../src/features/cases/vocabulary';
import { TRAFFICKING_TYPES } from '../../../../src/features/screening/rules';
import { caseMessages, type CaseMessageKey } from './messages';
import type { CaseSummary } from './types';
import { formatDate, usePaged } from './ui';

export function CaseTable({ items }: { items: CaseSummary[] }) {
  const t = useMessages(caseMessages);
  const { lang } = useI18n();
  return (
    <table className="data">
      <thead>
        <tr>
          <th scope="col">{t('reference')}</th>
          <th scope="col">{t('status')}</th>
          <th scope="col">{t('type')}</th>
          <th scope="col">{t('level')}</th>
          <th scope="col">{t('assignee')}</th>
          <th scope="col">{t('identified')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/console/cases/${c.id}`}>{c.referenceCode}</Link>
            </td>
            <td>{t(`st.${c.status}` as CaseMessageKey)}</td>
            <td>{t(`ty.${c.traffickingType}` as CaseMessageKey)}</td>
            <td>{c.indicatorLevel ? t(`lv.${c.indicatorLevel}` as CaseMessageKey) : ''}</td>
            <td>{c.assignedTo?.displayName ?? t('nobody')}</td>
            <td>{formatDate(c.identifiedAt, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CaseList() {
  const t = useMessages(caseMessages);
  const [filters, setFilters] = useState({ status: 'not_closed', type: '', state: '', assignee: '' });
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
  const { items, error, loading, hasMore, more } = usePaged<CaseSummary>(`/api/cases?${params.toString()}`);
  const set = (k: keyof typeof filters) => (e: { target: { value: string } }) =>
    setFilters({ ...filters, [k]: e.target.value });
  return (
    <section>
      <h1>{t('cases')}</h1>
      <div className="filters">
        <label>
          {t('status')}
          <select value={filters.status} onChange={set('status')}>
            <option value="">{t('any')}</option>
            <option value="not_closed">{t('notClosed')}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`st.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('type')}
          <select value={filters.type} onChange={set('type')}>
            <option value="">{t('any')}</option>
            {TRAFFICKING_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`ty.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('state')}
          <select value={filters.state} onChange={set('state')}>
            <option value="">{t('any')}</option>
            {US_STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          {t('assignee')}
          <select value={filters.assignee} onChange={set('assignee')}>
            <option value="">{t('any')}</option>
            <option value="me">{t('me')}</option>
            <option value="none">{t('nobody')}</option>
          </select>
        </label>
      </div>
      <FormError message={error ? t('error') : undefined} />
      {!loading && items.length === 0 ? <p>{t('none')}</p> : <CaseTable items={items} />}
      {hasMore ? (
        <button type="button" onClick={more}>
          {t('more')}
        </button>
      ) : null}
    </section>
  );
}
