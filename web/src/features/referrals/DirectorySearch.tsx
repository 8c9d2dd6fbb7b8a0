import './referrals.css';
import { useState, type FormEvent } from 'react';
import { get } from '../../app/api';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { messages, NEEDS } from './messages';
import type { Service } from './types';

export function ServiceCard({ s }: { s: Service }) {
  const { lang } = useI18n();
  const t = useMessages(messages);
  return (
    <>
      <strong>{s.name}</strong> · {s.organizationName}
      <div className="muted">
        {s.needs.map((n) => NEEDS[n]?.[lang] ?? n).join(' · ')}
        {s.states.length ? ` · ${s.states.join(', ')}` : ''}
        {s.languages.length ? ` · ${s.languages.join(', ')}` : ''}
        {s.minimumAge !== null || s.maximumAge !== null
          ? ` · ${t('ages', { min: s.minimumAge ?? 0, max: s.maximumAge ?? '…' })}`
          : ''}
      </div>
      {s.phones.length ? (
        <div>
          {t('phone')}: {s.phones.join(', ')}
        </div>
      ) : null}
    </>
  );
}

export function DirectorySearch() {
  const { lang } = useI18n();
  const t = useMessages(messages);
  const [form, setForm] = useState({ state: '', need: '', language: '', age: '', text: '' });
  const [services, setServices] = useState<Service[]>();
  const [error, setError] = useState<string>();

  const search = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const params = new URLSearchParams(Object.entries(form).filter(([, v]) => v.trim() !== ''));
    try {
      setServices((await get<{ services: Service[] }>(`/api/directory/services?${params}`)).services);
    } catch {
      setError(t('error'));
    }
  };
  const field = (name: keyof typeof form, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`dir-${name}`}>{label}</label>
      <input
        id={`dir-${name}`}
        type={type}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </div>
  );

  return (
    <section>
      <h1>{t('directoryTitle')}</h1>
      <form className="filters" onSubmit={(e) => void search(e)}>
        {field('state', t('state'))}
        <div className="field">
          <label htmlFor="dir-need">{t('need')}</label>
          <select
            id="dir-need"
            value={form.need}
            onChange={(e) => setForm({ ...form, need: e.target.value })}
          >
            <option value="">{t('anyNeed')}</option>
            {Object.entries(NEEDS).map(([code, label]) => (
              <option key={code} value={code}>
                {label[lang]}
              </option>
            ))}
          </select>
        </div>
        {field('language', t('language'))}
        {field('age', t('age'), 'number')}
        {field('text', t('text'))}
        <button type="submit" className="primary">
          {t('search')}
        </button>
      </form>
      <FormError message={error} />
      {services && services.length === 0 ? <p>{t('noServices')}</p> : null}
      <ul className="plain-list">
        {services?.map((s) => (
          <li key={s.id} className="panel">
            <ServiceCard s={s} />
          </li>
        ))}
      </ul>
    </section>
  );
}
