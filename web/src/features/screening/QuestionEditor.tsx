/** One question of a checklist being edited: its wording and help in both languages, and more for new ones. */
import type { ChecklistQuestion } from '../../../../src/features/screening/checklist';
import { DOMAINS } from '../../../../src/features/screening/checklist';
import { rulesFedBy } from '../../../../src/features/screening/rules';
import { Field } from '../../app/Field';
import { useMessages } from '../../i18n/i18n';
import { fieldError, SelectField, TextAreaField } from '../cases/ui';
import { checklistAdminMessages, type ChecklistAdminKey } from './checklist-admin-messages';

type Kind = ChecklistQuestion['kind'];
type Domain = ChecklistQuestion['domain'];
interface Wording {
  en: string;
  es: string;
}

export interface DraftQuestion {
  /** Stable while editing, even when a new question's id changes. */
  key: string;
  id: string;
  /** The question as the current version has it; absent for a question added in this edit. */
  base?: ChecklistQuestion;
  idTouched?: boolean;
  kind: Kind | '';
  domain: Domain | '';
  text: Wording;
  help: Wording;
  hidden: boolean;
  options: Array<{ value: string } & Wording>;
}

export function draftOf(q: ChecklistQuestion): DraftQuestion {
  return {
    key: q.id,
    id: q.id,
    base: q,
    kind: q.kind,
    domain: q.domain,
    text: { ...q.text },
    help: { en: q.help?.en ?? '', es: q.help?.es ?? '' },
    hidden: !!q.hidden,
    options: (q.options ?? []).map((o) => ({ ...o })),
  };
}

/** What the API takes for this question (schema QuestionEdit). */
export function editOf(d: DraftQuestion) {
  const help = d.help.en.trim() || d.help.es.trim() ? { help: d.help } : {};
  return {
    id: d.id,
    ...(d.base ? {} : { ...(d.kind ? { kind: d.kind } : {}), ...(d.domain ? { domain: d.domain } : {}) }),
    text: d.text,
    ...help,
    ...(d.hidden ? { hidden: true } : {}),
    ...(d.kind === 'choice' ? { options: d.options } : {}),
  };
}

/** The question as advocates will see it, for the preview. */
export function previewOf(d: DraftQuestion): ChecklistQuestion {
  return {
    id: d.id,
    kind: d.kind || 'yes_no',
    domain: d.domain || 'contact',
    text: d.text,
    ...(d.help.en || d.help.es ? { help: d.help } : {}),
    ...(d.hidden ? { hidden: true } : {}),
    effects: d.base?.effects ?? [],
    ...(d.kind === 'choice' ? { options: d.options } : {}),
  };
}

export const changed = (d: DraftQuestion) =>
  !!d.base && JSON.stringify(previewOf(d)) !== JSON.stringify(previewOf(draftOf(d.base)));

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/_+$/, '');

const optionValue = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);

export function QuestionEditor({
  draft,
  index,
  error,
  onChange,
}: {
  draft: DraftQuestion;
  index: number;
  error: unknown;
  onChange: (d: DraftQuestion) => void;
}) {
  const t = useMessages(checklistAdminMessages);
  const err = (field: string) => fieldError(error, `questions.${index}.${field}`);
  const rules = draft.base ? rulesFedBy(draft.base) : [];
  const canChangeAnswers = rules.length === 0;
  const set = (patch: Partial<DraftQuestion>) => onChange({ ...draft, ...patch });
  const setOption = (i: number, patch: Partial<DraftQuestion['options'][number]>) =>
    set({ options: draft.options.map((o, j) => (j === i ? { ...o, ...patch } : o)) });

  return (
    <div className="question-editor">
      <p className="hint">{rules.length ? t('feeds', { rules: rules.join(', ') }) : t('ownQuestion')}</p>
      {draft.base ? null : (
        <>
          <Field
            label={t('id')}
            value={draft.id}
            onChange={(e) => set({ id: e.target.value, idTouched: true })}
            error={err('id')}
          />
          <div className="pair">
            <SelectField
              label={t('kind')}
              value={draft.kind}
              onChange={(e) => set({ kind: e.target.value as Kind | '' })}
              error={err('kind')}
            >
              <option value="">{t('choose')}</option>
              {(['yes_no', 'age', 'choice'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('domain')}
              value={draft.domain}
              onChange={(e) => set({ domain: e.target.value as Domain | '' })}
              error={err('domain')}
            >
              <option value="">{t('choose')}</option>
              {DOMAINS.map((d) => (
                <option key={d} value={d}>
                  {t(`d.${d}` as ChecklistAdminKey)}
                </option>
              ))}
            </SelectField>
          </div>
        </>
      )}
      <div className="pair">
        <Field
          label={t('textEn')}
          lang="en"
          value={draft.text.en}
          onChange={(e) =>
            set({
              text: { ...draft.text, en: e.target.value },
              ...(draft.base || draft.idTouched ? {} : { id: slug(e.target.value) }),
            })
          }
          error={err('text.en')}
        />
        <Field
          label={t('textEs')}
          lang="es"
          value={draft.text.es}
          onChange={(e) => set({ text: { ...draft.text, es: e.target.value } })}
          error={err('text.es')}
        />
      </div>
      <div className="pair">
        <TextAreaField
          label={t('helpEn')}
          lang="en"
          rows={2}
          value={draft.help.en}
          onChange={(e) => set({ help: { ...draft.help, en: e.target.value } })}
          error={err('help.en')}
        />
        <TextAreaField
          label={t('helpEs')}
          lang="es"
          rows={2}
          value={draft.help.es}
          onChange={(e) => set({ help: { ...draft.help, es: e.target.value } })}
          error={err('help.es')}
        />
      </div>
      {draft.kind === 'choice' ? (
        <fieldset className="options">
          <legend>{t('options')}</legend>
          {err('options') ? <p className="field-error">{err('options')}</p> : null}
          {draft.options.map((o, i) => (
            <div key={i} className={canChangeAnswers ? 'option-row' : 'pair'}>
              {canChangeAnswers ? (
                <Field
                  label={t('optionValue', { n: i + 1 })}
                  value={o.value}
                  onChange={(e) => setOption(i, { value: e.target.value })}
                />
              ) : null}
              <Field
                label={t('optionEn', { n: i + 1 })}
                lang="en"
                value={o.en}
                onChange={(e) =>
                  setOption(i, {
                    en: e.target.value,
                    // A new answer's short name follows its English wording until it is typed.
                    ...(canChangeAnswers && (o.value === '' || o.value === optionValue(o.en))
                      ? { value: optionValue(e.target.value) }
                      : {}),
                  })
                }
              />
              <Field
                label={t('optionEs', { n: i + 1 })}
                lang="es"
                value={o.es}
                onChange={(e) => setOption(i, { es: e.target.value })}
              />
              {canChangeAnswers ? (
                <button
                  type="button"
                  className="small"
                  onClick={() => set({ options: draft.options.filter((_, j) => j !== i) })}
                >
                  {t('removeOption', { n: i + 1 })}
                </button>
              ) : null}
            </div>
          ))}
          {canChangeAnswers ? (
            <button
              type="button"
              className="small"
              onClick={() => set({ options: [...draft.options, { value: '', en: '', es: '' }] })}
            >
              {t('addOption')}
            </button>
          ) : null}
        </fieldset>
      ) : null}
      {rules.length ? null : (
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={draft.hidden}
              onChange={(e) => set({ hidden: e.target.checked })}
            />{' '}
            {t('hidden')}
          </label>
          {err('hidden') ? <p className="field-error">{err('hidden')}</p> : null}
        </div>
      )}
    </div>
  );
}
