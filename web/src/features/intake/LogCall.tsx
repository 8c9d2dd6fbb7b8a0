import { useState, type FormEvent } from 'react';
import type { CallLog } from '../../../../src/features/intake/inbox-schema';
import { ApiError, post } from '../../app/api';
import { Field, FormError } from '../../app/Field';
import { useMessages } from '../../i18n/i18n';
import { intakeMessages } from './messages';

const ROLES = [
  'victim_survivor',
  'family_friend',
  'community_member',
  'service_provider',
  'law_enforcement',
  'other',
] as const;

/** An advocate's record of a phone call: who called, in what language, for how long, what was said. */
export function LogCall() {
  const t = useMessages(intakeMessages);
  const [form, setForm] = useState({
    callerRole: 'other' as CallLog['callerRole'],
    language: 'en',
    durationMinutes: '',
    summary: '',
    state: '',
    city: '',
    locationText: '',
    callbackSafe: false,
    callbackNumber: '',
    callbackInstructions: '',
  });
  const [error, setError] = useState<ApiError | string>();
  const [saved, setSaved] = useState<string>();
  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setSaved(undefined);
    try {
      const r = await post<{ referenceCode: string }>('/api/signals/calls', {
        callerRole: form.callerRole,
        language: form.language,
        durationMinutes: Number(form.durationMinutes || '0'),
        summary: form.summary,
        state: opt(form.state.toUpperCase()),
        city: opt(form.city),
        locationText: opt(form.locationText),
        callbackSafe: form.callbackSafe,
        callbackNumber: form.callbackSafe ? opt(form.callbackNumber) : undefined,
        callbackInstructions: form.callbackSafe ? opt(form.callbackInstructions) : undefined,
      });
      setSaved(t('saved', { code: r.referenceCode }));
    } catch (err) {
      setError(err instanceof ApiError ? err : String(err));
    }
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  return (
    <section>
      <h1>{t('logCall')}</h1>
      <FormError message={error instanceof ApiError ? error.message : error} />
      {saved ? <p role="status">{saved}</p> : null}
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="callerRole">{t('callerRole')}</label>
          <select
            id="callerRole"
            value={form.callerRole}
            onChange={(e) => setForm({ ...form, callerRole: e.target.value as CallLog['callerRole'] })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r.replace('_', ' ')}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t('language')}
          value={form.language}
          onChange={set('language')}
          error={fieldError('language')}
        />
        <Field
          label={t('duration')}
          type="number"
          min={0}
          value={form.durationMinutes}
          onChange={set('durationMinutes')}
          error={fieldError('durationMinutes')}
        />
        <div className="field">
          <label htmlFor="summary">{t('summary')}</label>
          <textarea id="summary" rows={6} value={form.summary} onChange={set('summary')} />
          {fieldError('summary') ? <p className="field-error">{fieldError('summary')}</p> : null}
        </div>
        <Field
          label={t('state')}
          maxLength={2}
          value={form.state}
          onChange={set('state')}
          error={fieldError('state')}
        />
        <Field label={t('city')} value={form.city} onChange={set('city')} />
        <Field label={t('location')} value={form.locationText} onChange={set('locationText')} />
        <label className="choice">
          <input
            type="checkbox"
            checked={form.callbackSafe}
            onChange={(e) => setForm({ ...form, callbackSafe: e.target.checked })}
          />{' '}
          {t('callbackSafe')}
        </label>
        {form.callbackSafe ? (
          <>
            <Field
              label={t('callbackNumber')}
              type="tel"
              value={form.callbackNumber}
              onChange={set('callbackNumber')}
            />
            <Field
              label={t('callbackInstructions')}
              value={form.callbackInstructions}
              onChange={set('callbackInstructions')}
            />
          </>
        ) : null}
        <button type="submit" className="primary">
          {t('save')}
        </button>
      </form>
    </section>
  );
}
