import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../app/api';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { MEANS_OF_CONTROL } from '../../../../src/features/screening/checklist';
import { INDICATOR_LEVELS, TRAFFICKING_TYPES } from '../../../../src/features/screening/rules';
import { MEANS_LABELS } from './labels';
import { caseMessages, type CaseMessageKey } from './messages';
import type { CaseDetail } from './types';
import { SelectField, TextAreaField } from './ui';

interface Change {
  kind: string;
  by: string | null;
  fields: string[];
}

export function SummaryPanel({ kase, onSaved }: { kase: CaseDetail; onSaved: () => Promise<void> }) {
  const t = useMessages(caseMessages);
  const { lang } = useI18n();
  const [form, setForm] = useState({
    summary: kase.summary,
    traffickingType: kase.traffickingType,
    indicatorLevel: kase.indicatorLevel ?? '',
    meansOfControl: kase.meansOfControl,
  });
  const [baseVersion, setBaseVersion] = useState(kase.version);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  // A newer case from the server becomes the form's base only when nothing is pending.
  useEffect(() => {
    if (!(error instanceof ApiError && error.status === 409)) setBaseVersion(kase.version);
  }, [kase.version, error]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(undefined);
    try {
      await api('PATCH', `/api/cases/${kase.id}`, {
        version: baseVersion,
        summary: form.summary,
        traffickingType: form.traffickingType,
        indicatorLevel: form.indicatorLevel || null,
        meansOfControl: form.meansOfControl,
      });
      setError(undefined);
      setNotice(t('saved'));
      await onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const conflict =
    error instanceof ApiError && error.status === 409
      ? (error.body.details?.changes as Change[] | undefined)
      : undefined;
  const toggle = (code: string) =>
    setForm({
      ...form,
      meansOfControl: form.meansOfControl.includes(code)
        ? form.meansOfControl.filter((c) => c !== code)
        : [...form.meansOfControl, code],
    });

  return (
    <form className="panel" onSubmit={(e) => void save(e)} noValidate aria-labelledby="summary-h">
      <h2 id="summary-h">{t('summary')}</h2>
      {conflict ? (
        <div className="form-error" role="alert">
          <p>{t('conflict')}</p>
          <ul>
            {conflict.map((c, i) => (
              <li key={i}>
                {c.by ?? ''}: {c.fields.join(', ')}
              </li>
            ))}
          </ul>
          <p>{t('conflictReload')}</p>
          <button
            type="button"
            onClick={() => {
              setError(undefined);
              void onSaved();
            }}
          >
            {t('reload')}
          </button>
        </div>
      ) : (
        <FormError message={error instanceof ApiError ? error.message : error ? t('error') : undefined} />
      )}
      <TextAreaField
        label={t('summary')}
        rows={3}
        value={form.summary}
        onChange={(e) => setForm({ ...form, summary: e.target.value })}
      />
      <div className="row">
        <SelectField
          label={t('type')}
          value={form.traffickingType}
          onChange={(e) => setForm({ ...form, traffickingType: e.target.value })}
        >
          {TRAFFICKING_TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`ty.${x}` as CaseMessageKey)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('level')}
          value={form.indicatorLevel}
          onChange={(e) => setForm({ ...form, indicatorLevel: e.target.value })}
        >
          <option value="">—</option>
          {INDICATOR_LEVELS.map((x) => (
            <option key={x} value={x}>
              {t(`lv.${x}` as CaseMessageKey)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="checks">
        <legend>{t('meansOfControl')}</legend>
        {MEANS_OF_CONTROL.map((code) => (
          <label key={code}>
            <input
              type="checkbox"
              checked={form.meansOfControl.includes(code)}
              onChange={() => toggle(code)}
            />{' '}
            {MEANS_LABELS[code]?.[lang] ?? code}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary">
        {t('save')}
      </button>
      {notice ? <span role="status"> {notice}</span> : null}
    </form>
  );
}
