/** The case page: everything about one case on one screen, editable in place. */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, get } from '../../app/api';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { caseMessages, type CaseMessageKey } from './messages';
import { PeoplePanel } from './PeoplePanel';
import { PlacesPanel } from './PlacesPanel';
import { StatusPanel } from './StatusPanel';
import { SummaryPanel } from './SummaryPanel';
import type { CaseDetail } from './types';
import { formatDate } from './ui';
import { WorkPanel } from './WorkPanel';

export function CasePage({ id }: { id: string }) {
  const t = useMessages(caseMessages);
  const { lang } = useI18n();
  const [kase, setKase] = useState<CaseDetail>();
  const [error, setError] = useState<unknown>();
  const reload = useCallback(async () => {
    try {
      setKase(await get<CaseDetail>(`/api/cases/${id}`));
      setError(undefined);
    } catch (err) {
      setError(err);
    }
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (error) {
    return <FormError message={error instanceof ApiError ? error.message : t('error')} />;
  }
  if (!kase) return <p className="loading">{t('loading')}</p>;
  return (
    <section aria-labelledby="case-title">
      <header className="case-head">
        <h1 id="case-title">
          {t('case')} {kase.referenceCode}
        </h1>
        <span className={`badge ${kase.status === 'closed' ? '' : 'ok'}`}>
          {t(`st.${kase.status}` as CaseMessageKey)}
        </span>
        <span className="badge">{t(`ty.${kase.traffickingType}` as CaseMessageKey)}</span>
        {kase.indicatorLevel ? (
          <span className={`badge ${kase.indicatorLevel === 'high' ? 'high' : 'warn'}`}>
            {t('level')}: {t(`lv.${kase.indicatorLevel}` as CaseMessageKey)}
          </span>
        ) : null}
        <span className="muted">
          {t('identified')} {formatDate(kase.identifiedAt, lang)}
        </span>
        <span className="muted shortcuts">{t('shortcuts')}</span>
        <Link to={`/console/referrals/case/${kase.id}`}>{t('referAndReports')}</Link>
      </header>
      <div className="case-grid">
        <div>
          <SummaryPanel kase={kase} onSaved={reload} />
          <PeoplePanel kase={kase} onSaved={reload} />
          <PlacesPanel kase={kase} onSaved={reload} />
        </div>
        <div>
          <StatusPanel kase={kase} onSaved={reload} />
          <WorkPanel kase={kase} onSaved={reload} />
        </div>
      </div>
    </section>
  );
}
