import { useCallback, useState, type FormEvent } from 'react';
import { post } from '../../app/api';
import { Field, FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { GENDERS, PERSON_ROLES } from '../../../../src/features/cases/vocabulary';
import { GENDER_LABELS } from './labels';
import { caseMessages, type CaseMessageKey } from './messages';
import type { CaseDetail, Person } from './types';
import { fieldError, SelectField, splitList, TextAreaField } from './ui';

const empty = {
  role: 'victim',
  fullName: '',
  aliases: '',
  ageYears: '',
  birthDate: '',
  gender: '',
  nationality: '',
  languages: '',
  phones: '',
  emails: '',
  identifyingDetails: '',
  isMinor: false,
};

function PersonRow({ p }: { p: Person }) {
  const t = useMessages(caseMessages);
  const { lang } = useI18n();
  const facts = [
    p.ageYears != null ? `${t('age')} ${p.ageYears}` : p.birthDate ? `${t('birthDate')} ${p.birthDate}` : '',
    p.gender ? (GENDER_LABELS[p.gender]?.[lang] ?? p.gender) : '',
    p.nationality ?? '',
    p.languages.join(', '),
    p.phones.join(', '),
    p.emails.join(', '),
  ].filter(Boolean);
  return (
    <li className="person">
      <strong>{p.fullName ?? p.aliases[0] ?? '—'}</strong>{' '}
      <span className="badge">{t(`role.${p.role}` as CaseMessageKey)}</span>{' '}
      {p.isMinor ? <span className="badge high">{t('minor')}</span> : null}
      {p.aliases.length ? <span className="muted"> “{p.aliases.join('”, “')}”</span> : null}
      <div className="muted">{facts.join(' · ')}</div>
      {p.identifyingDetails ? <div>{p.identifyingDetails}</div> : null}
    </li>
  );
}

export function PeoplePanel({ kase, onSaved }: { kase: CaseDetail; onSaved: () => Promise<void> }) {
  const t = useMessages(caseMessages);
  const { lang } = useI18n();
  const [form, setForm] = useState(empty);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>();
  const [group, setGroup] = useState({ role: 'victim', count: '', includesMinors: false });
  const set = useCallback(
    (k: keyof typeof empty, v: string | boolean) => setForm((f) => ({ ...f, [k]: v })),
    [],
  );

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post(`/api/cases/${kase.id}/persons`, {
        role: form.role,
        fullName: form.fullName,
        aliases: splitList(form.aliases),
        ageYears: form.ageYears === '' ? null : Number(form.ageYears),
        birthDate: form.birthDate || null,
        gender: form.gender || null,
        nationality: form.nationality,
        languages: splitList(form.languages),
        phones: splitList(form.phones),
        emails: splitList(form.emails),
        identifyingDetails: form.identifyingDetails,
        isMinor: form.isMinor ? true : null,
      });
      setForm(empty);
      setError(undefined);
      setOpen(false);
      await onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const addGroup = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post(`/api/cases/${kase.id}/groups`, {
        role: group.role,
        count: Number(group.count),
        includesMinors: group.includesMinors,
      });
      setGroup({ role: 'victim', count: '', includesMinors: false });
      await onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const err = (f: string) => fieldError(error, f);

  return (
    <div className="panel">
      <h2>{t('people')}</h2>
      <ul className="people">
        {kase.people.map((p) => (
          <PersonRow key={`${p.id}:${p.role}`} p={p} />
        ))}
        {kase.groups.map((g) => (
          <li key={g.id}>
            <strong>{g.count}</strong> <span className="badge">{t(`role.${g.role}` as CaseMessageKey)}</span>{' '}
            {g.includesMinors ? <span className="badge high">{t('includesMinors')}</span> : null}{' '}
            {g.description ?? ''}
          </li>
        ))}
      </ul>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          {t('addPerson')}
        </button>
      ) : (
        <form onSubmit={(e) => void add(e)} noValidate aria-label={t('addPerson')}>
          <h3>{t('addPerson')}</h3>
          <FormError message={error ? t('error') : undefined} />
          <div className="row">
            <SelectField
              label={t('role')}
              value={form.role}
              onChange={(e) => set('role', e.target.value)}
              error={err('role')}
            >
              {PERSON_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </SelectField>
            <Field
              label={t('fullName')}
              value={form.fullName}
              onChange={(e) => set('fullName', e.target.value)}
              error={err('fullName')}
            />
            <Field
              label={t('aliases')}
              value={form.aliases}
              onChange={(e) => set('aliases', e.target.value)}
              error={err('aliases')}
            />
          </div>
          <div className="row">
            <Field
              label={t('age')}
              type="number"
              min={0}
              max={120}
              value={form.ageYears}
              onChange={(e) => set('ageYears', e.target.value)}
              error={err('ageYears')}
            />
            <Field
              label={t('birthDate')}
              type="date"
              value={form.birthDate}
              onChange={(e) => set('birthDate', e.target.value)}
              error={err('birthDate')}
            />
            <SelectField
              label={t('gender')}
              value={form.gender}
              onChange={(e) => set('gender', e.target.value)}
            >
              <option value="">—</option>
              {GENDERS.map((g) => (
                <option key={g} value={g}>
                  {GENDER_LABELS[g]?.[lang] ?? g}
                </option>
              ))}
            </SelectField>
            <label className="check">
              <input
                type="checkbox"
                checked={form.isMinor}
                onChange={(e) => set('isMinor', e.target.checked)}
              />{' '}
              {t('minor')}
            </label>
          </div>
          {err('isMinor') ? <p className="field-error">{err('isMinor')}</p> : null}
          <div className="row">
            <Field
              label={t('nationality')}
              value={form.nationality}
              onChange={(e) => set('nationality', e.target.value)}
            />
            <Field
              label={t('languages')}
              value={form.languages}
              onChange={(e) => set('languages', e.target.value)}
            />
          </div>
          <div className="row">
            <Field
              label={t('phones')}
              value={form.phones}
              onChange={(e) => set('phones', e.target.value)}
              error={err('phones')}
            />
            <Field
              label={t('emails')}
              value={form.emails}
              onChange={(e) => set('emails', e.target.value)}
              error={err('emails')}
            />
          </div>
          <TextAreaField
            label={t('details')}
            rows={2}
            value={form.identifyingDetails}
            onChange={(e) => set('identifyingDetails', e.target.value)}
          />
          <button type="submit" className="primary">
            {t('add')}
          </button>
        </form>
      )}
      <form className="filters" onSubmit={(e) => void addGroup(e)} aria-label={t('groups')}>
        <label>
          {t('groups')}: {t('role')}
          <select value={group.role} onChange={(e) => setGroup({ ...group, role: e.target.value })}>
            {PERSON_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('count')}
          <input
            type="number"
            min={1}
            value={group.count}
            onChange={(e) => setGroup({ ...group, count: e.target.value })}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={group.includesMinors}
            onChange={(e) => setGroup({ ...group, includesMinors: e.target.checked })}
          />{' '}
          {t('includesMinors')}
        </label>
        <button type="submit">{t('add')}</button>
      </form>
    </div>
  );
}
