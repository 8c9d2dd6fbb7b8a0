/** One signal: what was said, the checklist, Waymark's suggestion with its reasons, the decision. */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, get, post } from '../../app/api';
import { FormError } from '../../app/Field';
import { useMessages } from '../../i18n/i18n';
import type { Answers, Checklist } from '../../../../src/features/screening/checklist';
import {
  CATEGORIES,
  INDICATOR_LEVELS,
  suggest,
  TRAFFICKING_TYPES,
} from '../../../../src/features/screening/rules';
import { fieldError, SelectField, TextAreaField, useShortcut } from '../cases/ui';
import { CaseStep } from './CaseStep';
import { ChecklistForm } from './ChecklistForm';
import { screeningMessages, type ScreeningMessageKey } from './messages';

interface SignalDetail {
  id: string;
  referenceCode: string;
  channel: string;
  version: number;
  status: string;
  transcript: Array<{ from: string; text: string }>;
  screening: null | {
    checklistVersion: string;
    answers: Answers;
    category: string;
    traffickingType: string;
    indicatorLevel: string;
    overridden: boolean;
  };
  caseIds: Array<{ id: string; referenceCode: string }>;
}

type Decision = { category: string; traffickingType: string; indicatorLevel: string };

export function TriageSignal({ id }: { id: string }) {
  const t = useMessages(screeningMessages);
  const [signal, setSignal] = useState<SignalDetail>();
  const [checklist, setChecklist] = useState<Checklist>();
  /** The hotline's current checklist, when the last screening was answered under an older one. */
  const [newer, setNewer] = useState<Checklist>();
  const [answers, setAnswers] = useState<Answers>({});
  const [chosen, setChosen] = useState<Partial<Decision>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    try {
      const s = await get<SignalDetail>(`/api/screening/signals/${id}`);
      const version = s.screening?.checklistVersion;
      const current = await get<Checklist>('/api/screening/checklist');
      const answered =
        version && version !== current.version
          ? await get<Checklist>(`/api/screening/checklist?version=${encodeURIComponent(version)}`)
          : current;
      setChecklist(answered);
      setNewer(answered === current ? undefined : current);
      setSignal(s);
      setAnswers(s.screening?.answers ?? {});
    } catch (err) {
      setError(err);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const suggestion = useMemo(
    () => (checklist ? suggest(checklist, answers) : undefined),
    [checklist, answers],
  );
  const decision: Decision | undefined = suggestion && {
    category: chosen.category ?? suggestion.category,
    traffickingType: chosen.traffickingType ?? suggestion.traffickingType,
    indicatorLevel: chosen.indicatorLevel ?? suggestion.indicatorLevel,
  };
  const overriding =
    !!suggestion &&
    !!decision &&
    (decision.category !== suggestion.category ||
      decision.traffickingType !== suggestion.traffickingType ||
      decision.indicatorLevel !== suggestion.indicatorLevel);

  const save = useCallback(async () => {
    if (!signal || !checklist || !decision) return;
    try {
      await post(`/api/screening/signals/${signal.id}/screenings`, {
        signalVersion: signal.version,
        checklistVersion: checklist.version,
        answers,
        decision,
        ...(overriding ? { overrideReason: reason } : {}),
      });
      setError(undefined);
      setNotice(t('saved'));
      setChosen({});
      await load();
    } catch (err) {
      setError(err);
    }
  }, [signal, checklist, decision, answers, overriding, reason, t, load]);
  useShortcut(
    's',
    useCallback(() => void save(), [save]),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  if (error && !signal) return <FormError message={error instanceof ApiError ? error.message : t('error')} />;
  if (!signal || !checklist || !suggestion || !decision) return <p className="loading">{t('loading')}</p>;
  const pick = (k: keyof Decision) => (e: { target: { value: string } }) =>
    setChosen({ ...chosen, [k]: e.target.value });
  return (
    <section aria-labelledby="signal-title">
      <p>
        <Link to="/console/triage">{t('back')}</Link>
      </p>
      <h1 id="signal-title">
        {t('triage')} {signal.referenceCode}
      </h1>
      <div className="triage-grid">
        <div>
          <div className="panel">
            <h2>{t('transcript')}</h2>
            {signal.transcript.length ? (
              <div className="transcript">
                {signal.transcript.map((m, i) => (
                  <p key={i}>
                    <strong>{m.from}:</strong> {m.text}
                  </p>
                ))}
              </div>
            ) : (
              <p>{t('nothingSaid')}</p>
            )}
          </div>
          {newer ? (
            <div className="notice stack">
              <p>{t('olderVersion', { v: checklist.version, c: newer.version })}</p>
              <button
                type="button"
                onClick={() => {
                  const asked = new Map(newer.questions.filter((q) => !q.hidden).map((q) => [q.id, q]));
                  const fits = ([id, v]: [string, unknown]) => {
                    const q = asked.get(id);
                    return !!q && (q.kind !== 'choice' || !!q.options?.some((o) => o.value === v));
                  };
                  setAnswers(Object.fromEntries(Object.entries(answers).filter(fits)));
                  setChecklist(newer);
                  setNewer(undefined);
                }}
              >
                {t('answerAgain', { c: newer.version })}
              </button>
            </div>
          ) : null}
          <ChecklistForm checklist={checklist} answers={answers} onChange={setAnswers} />
        </div>
        <aside>
          <form className="panel" onSubmit={submit} noValidate aria-labelledby="suggestion-h">
            <h2 id="suggestion-h">{t('suggestion')}</h2>
            <p role="status">
              <strong>{t(`c.${suggestion.category}`)}</strong> · {t(`ty.${suggestion.traffickingType}`)} ·{' '}
              {t('level')}: {t(`lv.${suggestion.indicatorLevel}`)}
            </p>
            <h3>{t('why')}</h3>
            <ul>
              {suggestion.reasons.map((r) => (
                <li key={r.rule}>{t(`r.${r.rule}` as ScreeningMessageKey)}</li>
              ))}
            </ul>
            <h3>{t('decision')}</h3>
            <FormError
              message={
                error instanceof ApiError && !fieldError(error, 'overrideReason') ? error.message : undefined
              }
            />
            <SelectField label={t('category')} value={decision.category} onChange={pick('category')}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`c.${c}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('type')}
              value={decision.traffickingType}
              onChange={pick('traffickingType')}
            >
              {TRAFFICKING_TYPES.map((c) => (
                <option key={c} value={c}>
                  {t(`ty.${c}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('level')} value={decision.indicatorLevel} onChange={pick('indicatorLevel')}>
              {INDICATOR_LEVELS.map((c) => (
                <option key={c} value={c}>
                  {t(`lv.${c}`)}
                </option>
              ))}
            </SelectField>
            {overriding ? (
              <TextAreaField
                label={t('overrideReason')}
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                error={fieldError(error, 'overrideReason')}
              />
            ) : null}
            <button type="submit" className="primary">
              {t('save')}
            </button>
            {notice ? <span role="status"> {notice}</span> : null}
            <p className="hint">{t('shortcut')}</p>
            {signal.screening ? (
              <p className="hint">
                {t('previous', {
                  c: t(`c.${signal.screening.category}` as ScreeningMessageKey),
                  t: t(`ty.${signal.screening.traffickingType}` as ScreeningMessageKey),
                  l: t(`lv.${signal.screening.indicatorLevel}` as ScreeningMessageKey),
                  o: signal.screening.overridden ? t('overridden') : '',
                })}
              </p>
            ) : null}
          </form>
          {signal.screening ? (
            <CaseStep signalId={signal.id} cases={signal.caseIds} onAttached={() => void load()} />
          ) : null}
        </aside>
      </div>
    </section>
  );
}
