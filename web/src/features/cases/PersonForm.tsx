/** One person's details, to add them to a case or to change them (role included). */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../app/api';
import { Field, FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { GENDERS, PERSON_ROLES } from '../../../../src/features/cases/vocabulary';
import { GENDER_LABELS } from './labels';
import { caseMessages } from './messages';
import { personMessages, sayFieldError } from './person-messages';
import type { Person } from './types';
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
type Values = typeof empty;

const valuesOf = (p: Person): Values => ({
  role: p.role,
  fullName: p.fullName ?? '',
  aliases: p.aliases.join(', '),
  ageYears: p.ageYears == null ? '' : String(p.ageYears),
  birthDate: p.birthDate ?? '',
  gender: p.gender ?? '',
  nationality: p.nationality ?? '',
  languages: p.languages.join(', '),
  phones: p.phones.join(', '),
  emails: p.emails.join(', '),
  identifyingDetails: p.identifyingDetails ?? '',
  isMinor: p.isMinor === true,
});

const bodyOf = (form: Values) => ({
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

/**
 * Without `person`: a new person for the case. With one: their details as saved, sent back with
 * the version they were read at, so that a save after someone else's gets a 409 and is shown so.
 */
export function PersonForm({
  caseId,
  person,
  onDone,
}: {
  caseId: string;
  person?: Person;
  onDone: (saved: boolean) => Promise<void> | void;
}) {
  const t = useMessages(caseMessages);
  const tp = useMessages(personMessages);
  const { lang } = useI18n();
  const [form, setForm] = useState<Values>(person ? valuesOf(person) : empty);
  const [error, setError] = useState<unknown>();
  const first = useRef<HTMLSelectElement>(null);
  const set = useCallback((k: keyof Values, v: string | boolean) => setForm((f) => ({ ...f, [k]: v })), []);
  useEffect(() => first.current?.focus(), []);

  const title = person
    ? tp('editTitle', { name: person.fullName ?? person.aliases[0] ?? '—' })
    : t('addPerson');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      if (person) {
        await api('PUT', `/api/cases/${caseId}/persons/${person.id}`, {
          ...bodyOf(form),
          version: person.version,
        });
      } else {
        await api('POST', `/api/cases/${caseId}/persons`, bodyOf(form));
      }
      setError(undefined);
      setForm(empty);
      await onDone(true);
    } catch (err) {
      setError(err);
    }
  };
  const err = (f: string) => sayFieldError(fieldError(error, f), lang);
  const stale = error instanceof ApiError && error.status === 409;

  return (
    <form
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && person) void onDone(false);
      }}
      noValidate
      aria-label={title}
    >
      <h3>{title}</h3>
      {stale ? (
        <div className="form-error" role="alert">
          <p>{tp('conflict')}</p>
          <button type="button" onClick={() => void onDone(true)}>
            {t('reload')}
          </button>
        </div>
      ) : (
        <FormError message={error ? (fieldErrorsOnly(error) ? tp('fixFields') : t('error')) : undefined} />
      )}
      <div className="row">
        <SelectField
          ref={first}
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
        <SelectField label={t('gender')} value={form.gender} onChange={(e) => set('gender', e.target.value)}>
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
            aria-invalid={err('isMinor') ? true : undefined}
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
          error={err('nationality')}
        />
        <Field
          label={t('languages')}
          value={form.languages}
          onChange={(e) => set('languages', e.target.value)}
          error={err('languages')}
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
        error={err('identifyingDetails')}
      />
      <button type="submit" className="primary">
        {person ? t('save') : t('add')}
      </button>{' '}
      {person ? (
        <button type="button" onClick={() => void onDone(false)}>
          {tp('cancel')}
        </button>
      ) : null}
    </form>
  );
}

const fieldErrorsOnly = (error: unknown): boolean =>
  error instanceof ApiError && (error.body.details?.fields?.length ?? 0) > 0;
