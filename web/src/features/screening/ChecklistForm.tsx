/**
 * The checklist's questions, answered with radio buttons (yes / no / not known), an age or a choice,
 * each with the hotline's help text under it. Hidden questions are no longer asked.
 */
import { useId } from 'react';
import type { Answers, Checklist, ChecklistQuestion } from '../../../../src/features/screening/checklist';
import { useI18n, useMessages } from '../../i18n/i18n';
import { screeningMessages } from './messages';

function Question({
  q,
  answers,
  onChange,
}: {
  q: ChecklistQuestion;
  answers: Answers;
  onChange: (a: Answers) => void;
}) {
  const t = useMessages(screeningMessages);
  const { lang } = useI18n();
  const id = useId();
  const value = answers[q.id];
  const helpId = q.help ? `${id}-help` : undefined;
  const help = q.help ? (
    <p className="hint" id={helpId}>
      {q.help[lang]}
    </p>
  ) : null;
  const set = (v: string | number | undefined) => {
    const next = { ...answers };
    if (v === undefined || v === '') delete next[q.id];
    else next[q.id] = v;
    onChange(next);
  };
  if (q.kind === 'yes_no') {
    return (
      <fieldset className="question" aria-describedby={helpId}>
        <legend>{q.text[lang]}</legend>
        <div className="answers">
          {(['yes', 'no', 'unknown'] as const).map((v) => (
            <label key={v}>
              <input type="radio" name={`${id}-${q.id}`} checked={value === v} onChange={() => set(v)} />{' '}
              {t(v)}
            </label>
          ))}
        </div>
        {help}
      </fieldset>
    );
  }
  if (q.kind === 'age') {
    return (
      <div className="question">
        <label htmlFor={id}>{q.text[lang]}</label>
        <input
          id={id}
          aria-describedby={helpId}
          type="number"
          min={0}
          max={120}
          className="age"
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
        />
        {help}
      </div>
    );
  }
  return (
    <div className="question">
      <label htmlFor={id}>{q.text[lang]}</label>
      <select
        id={id}
        aria-describedby={helpId}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => set(e.target.value)}
      >
        <option value="">—</option>
        {q.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o[lang]}
          </option>
        ))}
      </select>
      {help}
    </div>
  );
}

export function ChecklistForm({
  checklist,
  answers,
  onChange,
  heading,
}: {
  checklist: Checklist;
  answers: Answers;
  onChange: (a: Answers) => void;
  heading?: string;
}) {
  const t = useMessages(screeningMessages);
  return (
    <div className="panel">
      <h2>{heading ?? t('checklist', { v: checklist.version })}</h2>
      {checklist.questions
        .filter((q) => !q.hidden || answers[q.id] !== undefined)
        .map((q) => (
          <Question key={q.id} q={q} answers={answers} onChange={onChange} />
        ))}
    </div>
  );
}
