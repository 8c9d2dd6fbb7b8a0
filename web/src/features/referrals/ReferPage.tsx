import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { ApiError, get, post } from '../../app/api';
import { FormError } from '../../app/Field';
import { useSession } from '../../app/session';
import { useI18n, useMessages } from '../../i18n/i18n';
import { ServiceCard } from './DirectorySearch';
import { messages, NEEDS, SHAREABLE, type MessageKey } from './messages';
import { ReportItem } from './ReportItem';
import type { Referral, RequiredReport, Service } from './types';

interface CasePeople {
  referenceCode: string;
  people: Array<{ id: string; role: string; fullName: string | null }>;
}

/** Refer a victim on a case to services, with consent and the fields that may be shared. */
export function ReferPage() {
  const { caseId = '' } = useParams();
  const { lang } = useI18n();
  const { session } = useSession();
  const t = useMessages(messages);
  const [kase, setKase] = useState<CasePeople>();
  const [need, setNeed] = useState('');
  const [services, setServices] = useState<Service[]>([]);
  const [referrals, setReferrals] = useState<Referral[]>([]);
  const [reports, setReports] = useState<RequiredReport[]>([]);
  const [form, setForm] = useState({
    personId: '',
    serviceIds: [] as string[],
    method: 'verbal',
    consent: false,
    shared: [] as string[],
    message: '',
    hours: '72',
  });
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    const [c, r, rep] = await Promise.all([
      get<CasePeople>(`/api/cases/${caseId}`),
      get<{ referrals: Referral[] }>(`/api/cases/${caseId}/referrals`),
      // Opening the page checks the case's facts: a report they call for is raised and listed.
      post<{ reports: RequiredReport[] }>(`/api/cases/${caseId}/required-reports/check`),
    ]);
    setKase(c);
    setReferrals(r.referrals);
    setReports(rep.reports);
    const firstVictim = c.people.find((p) => p.role === 'victim');
    setForm((f) => (f.personId || !firstVictim ? f : { ...f, personId: firstVictim.id }));
  }, [caseId]);
  useEffect(() => {
    load().catch(() => setError(t('error')));
  }, [load, t]);
  useEffect(() => {
    const q = new URLSearchParams({
      ...(need ? { need } : {}),
      ...(form.personId ? { personId: form.personId } : {}),
    });
    get<{ services: Service[] }>(`/api/cases/${caseId}/service-matches?${q}`)
      .then((m) => setServices(m.services))
      .catch(() => setError(t('error')));
  }, [caseId, need, form.personId, t]);

  const toggle = (list: string[], v: string) =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setNotice(undefined);
    try {
      await post(`/api/cases/${caseId}/referrals`, {
        personId: form.personId,
        serviceIds: form.serviceIds,
        consent: { method: form.method },
        sharedFields: form.shared,
        ...(form.message ? { message: form.message } : {}),
        respondWithinHours: Number(form.hours),
      });
      setNotice(t('sent'));
      setForm({ ...form, serviceIds: [], consent: false });
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('error'));
    }
  };
  const revoke = async (id: string) => {
    const reason = window.prompt(t('revokeReason'));
    if (!reason) return;
    await post(`/api/referrals/${id}/revoke`, { reason }).catch(() => setError(t('error')));
    await load();
  };

  const victims = kase?.people.filter((p) => p.role === 'victim') ?? [];
  return (
    <section>
      <h1>
        {t('referTitle')} {kase?.referenceCode}
      </h1>
      <form onSubmit={(e) => void send(e)}>
        <div className="field">
          <label htmlFor="refer-person">{t('victim')}</label>
          <select
            id="refer-person"
            value={form.personId}
            onChange={(e) => setForm({ ...form, personId: e.target.value })}
          >
            {victims.map((v) => (
              <option key={v.id} value={v.id}>
                {v.fullName ?? v.id.slice(0, 8)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="refer-need">{t('need')}</label>
          <select id="refer-need" value={need} onChange={(e) => setNeed(e.target.value)}>
            <option value="">{t('anyNeed')}</option>
            {Object.entries(NEEDS).map(([code, label]) => (
              <option key={code} value={code}>
                {label[lang]}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('chooseServices')}</legend>
          {services.length === 0 ? <p>{t('noServices')}</p> : null}
          {services.map((s) => (
            <div key={s.id} className="check">
              <input
                type="checkbox"
                id={`svc-${s.id}`}
                checked={form.serviceIds.includes(s.id)}
                onChange={() => setForm({ ...form, serviceIds: toggle(form.serviceIds, s.id) })}
              />
              <label htmlFor={`svc-${s.id}`}>
                <ServiceCard s={s} />
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('consent')}</legend>
          <label htmlFor="refer-method">{t('consentMethod')}</label>
          <select
            id="refer-method"
            value={form.method}
            onChange={(e) => setForm({ ...form, method: e.target.value })}
          >
            {(['verbal', 'written', 'guardian'] as const).map((m) => (
              <option key={m} value={m}>
                {t(m)}
              </option>
            ))}
          </select>
          <div className="check">
            <input
              type="checkbox"
              id="refer-consent"
              checked={form.consent}
              onChange={(e) => setForm({ ...form, consent: e.target.checked })}
            />
            <label htmlFor="refer-consent">{t('consentGiven')}</label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('share')}</legend>
          {SHAREABLE.map((f) => (
            <div key={f} className="check">
              <input
                type="checkbox"
                id={`share-${f}`}
                checked={form.shared.includes(f)}
                onChange={() => setForm({ ...form, shared: toggle(form.shared, f) })}
              />
              <label htmlFor={`share-${f}`}>{t(`f.${f}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="refer-message">{t('message')}</label>
          <textarea
            id="refer-message"
            value={form.message}
            onChange={(e) => setForm({ ...form, message: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="refer-hours">{t('respondWithin')}</label>
          <input
            id="refer-hours"
            type="number"
            min={1}
            value={form.hours}
            onChange={(e) => setForm({ ...form, hours: e.target.value })}
          />
        </div>
        <FormError message={error} />
        {notice ? <p role="status">{notice}</p> : null}
        <button
          type="submit"
          className="primary"
          disabled={!form.consent || form.serviceIds.length === 0 || !form.personId}
        >
          {t('send')}
        </button>
      </form>

      <h2>{t('caseReferrals')}</h2>
      <ul className="plain-list">
        {referrals.map((r) => (
          <li key={r.id} className="panel">
            <strong>{r.serviceName}</strong> · {r.organizationName} ·{' '}
            <span className="badge">{t(`status.${r.status}` as MessageKey)}</span>
            {r.declineReason ? ` · ${r.declineReason}` : ''}
            {r.status === 'sent' || r.status === 'accepted' ? (
              <button type="button" onClick={() => void revoke(r.id)}>
                {t('revoke')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>

      <h2>{t('caseReports')}</h2>
      <p>
        <a href={`/api/cases/${caseId}/required-reports/print`} target="_blank" rel="noreferrer">
          {t('print')}
        </a>
      </p>
      <ul className="plain-list">
        {reports.map((r) => (
          <ReportItem
            key={r.id}
            r={r}
            canWaive={session?.user.role === 'supervisor' || session?.user.role === 'admin'}
            onChange={load}
          />
        ))}
      </ul>
    </section>
  );
}
