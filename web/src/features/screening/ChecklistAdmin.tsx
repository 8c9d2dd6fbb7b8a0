/**
 * The hotline administrator's page for the screening checklist: the current version and its
 * history, and a new version to edit (wording and help in English and Spanish, questions of the
 * hotline's own, hidden ones), preview and publish with a note.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Answers, Checklist } from '../../../../src/features/screening/checklist';
import { ApiError, get, post } from '../../app/api';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { fieldError, formatDate, TextAreaField } from '../cases/ui';
import { checklistAdminMessages } from './checklist-admin-messages';
import { ChecklistForm } from './ChecklistForm';
import '../cases/cases.css';
import './screening.css';
import { changed, draftOf, editOf, previewOf, QuestionEditor, type DraftQuestion } from './QuestionEditor';

interface Version {
  version: string;
  own: boolean;
  current: boolean;
  basedOn: string | null;
  note: string | null;
  publishedBy: string | null;
  publishedAt: string;
}

let added = 0;

export function ChecklistAdmin() {
  const t = useMessages(checklistAdminMessages);
  const { lang } = useI18n();
  const [versions, setVersions] = useState<Version[]>();
  const [current, setCurrent] = useState<Checklist>();
  const [draft, setDraft] = useState<DraftQuestion[]>([]);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [note, setNote] = useState('');
  const [viewing, setViewing] = useState<Checklist>();
  const [preview, setPreview] = useState(false);
  const [previewAnswers, setPreviewAnswers] = useState<Answers>({});
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    const list = await get<{ current: string; versions: Version[] }>('/api/screening/checklists');
    const checklist = await get<Checklist>(
      `/api/screening/checklist?version=${encodeURIComponent(list.current)}`,
    );
    setVersions(list.versions);
    setCurrent(checklist);
    setDraft(checklist.questions.map(draftOf));
    setOpen(new Set());
  }, []);
  useEffect(() => {
    load().catch(setError);
  }, [load]);

  const view = async (version: string) => {
    try {
      setViewing(await get<Checklist>(`/api/screening/checklist?version=${encodeURIComponent(version)}`));
    } catch (err) {
      setError(err);
    }
  };
  const toggle = (key: string) => {
    const next = new Set(open);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setOpen(next);
  };
  const addQuestion = () => {
    added += 1;
    const key = `new-${added}`;
    setDraft([
      ...draft,
      {
        key,
        id: '',
        kind: '',
        domain: '',
        text: { en: '', es: '' },
        help: { en: '', es: '' },
        hidden: false,
        options: [],
      },
    ]);
    setOpen(new Set(open).add(key));
  };

  const publish = async (e: FormEvent) => {
    e.preventDefault();
    if (!current) return;
    setNotice(undefined);
    try {
      const res = await post<{ version: string }>('/api/screening/checklists', {
        basedOn: current.version,
        note,
        questions: draft.map(editOf),
      });
      setError(undefined);
      setNote('');
      setPreview(false);
      await load();
      setNotice(t('published', { v: res.version }));
    } catch (err) {
      setError(err);
      // Open every question the API has something to say about, so its message shows on the field.
      if (err instanceof ApiError) {
        const keys = (err.body.details?.fields ?? []).flatMap((f) => {
          const m = /^body\.questions\.(\d+)\./.exec(f.path);
          const d = m ? draft[Number(m[1])] : undefined;
          return d ? [d.key] : [];
        });
        if (keys.length) setOpen(new Set([...open, ...keys]));
      }
    }
  };

  if (!versions || !current)
    return error ? (
      <FormError message={error instanceof ApiError ? error.message : t('error')} />
    ) : (
      <p className="loading">{t('loading')}</p>
    );
  const apiFields = error instanceof ApiError ? (error.body.details?.fields ?? []) : [];
  const general = apiFields.filter((f) => f.path === 'body.questions' || f.path === 'body.basedOn');
  const formMessage =
    error instanceof ApiError
      ? apiFields.length > general.length
        ? t('fix')
        : general.length
          ? general.map((f) => f.message).join(' ')
          : error.message
      : error
        ? t('error')
        : undefined;
  const currentInfo = versions.find((v) => v.current);
  const draftChecklist: Checklist = { version: t('preview'), questions: draft.map(previewOf) };

  return (
    <section aria-labelledby="checklist-admin-title">
      <h1 id="checklist-admin-title">{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <div className="panel">
        <h2>{t('current', { v: current.version })}</h2>
        <p>{currentInfo?.own ? t('own') : t('shipped')}</p>
        <table className="data">
          <caption className="visually-hidden">{t('history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.version')}</th>
              <th scope="col">{t('col.published')}</th>
              <th scope="col">{t('col.by')}</th>
              <th scope="col">{t('col.note')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={`${v.own ? 'own' : 'shipped'}-${v.version}`}>
                <td>
                  {v.version} {v.current ? <span className="badge ok">{t('currentBadge')}</span> : null}
                </td>
                <td>{formatDate(v.publishedAt, lang)}</td>
                <td>{v.own ? (v.publishedBy ?? '—') : t('shipped')}</td>
                <td>{v.note ?? ''}</td>
                <td>
                  <button type="button" className="small" onClick={() => void view(v.version)}>
                    {t('view', { v: v.version })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {viewing ? (
        <div className="stack">
          <ChecklistForm
            checklist={viewing}
            answers={{}}
            onChange={() => undefined}
            heading={t('viewing', { v: viewing.version })}
          />
          <button type="button" onClick={() => setViewing(undefined)}>
            {t('close')}
          </button>
        </div>
      ) : null}

      <form className="panel" onSubmit={(e) => void publish(e)} noValidate aria-labelledby="edit-title">
        <h2 id="edit-title">{t('edit')}</h2>
        <p className="hint">{t('editHint', { v: current.version })}</p>
        <FormError message={formMessage} />
        <ol className="question-list">
          {draft.map((d, i) => {
            const isOpen = open.has(d.key);
            const editorId = `question-${d.key}`;
            const title = d.text[lang] || d.text.en || t('question', { n: i + 1 });
            return (
              <li key={d.key}>
                <div className="question-head">
                  <span>
                    <strong>{t('question', { n: i + 1 })}</strong> {d.text[lang] || d.text.en || '—'}{' '}
                    {!d.base ? <span className="badge">{t('newBadge')}</span> : null}
                    {changed(d) ? <span className="badge warn">{t('changedBadge')}</span> : null}
                    {d.hidden ? <span className="badge">{t('hiddenBadge')}</span> : null}
                  </span>
                  <span>
                    <button
                      type="button"
                      className="small"
                      aria-expanded={isOpen}
                      aria-controls={editorId}
                      aria-label={`${isOpen ? t('doneQuestion') : t('editQuestion')}: ${title}`}
                      onClick={() => toggle(d.key)}
                    >
                      {isOpen ? t('doneQuestion') : t('editQuestion')}
                    </button>
                    {!d.base ? (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="small"
                          onClick={() => setDraft(draft.filter((x) => x.key !== d.key))}
                        >
                          {t('removeNew')}
                        </button>
                      </>
                    ) : null}
                  </span>
                </div>
                {isOpen ? (
                  <div id={editorId}>
                    <QuestionEditor
                      draft={d}
                      index={i}
                      error={error}
                      onChange={(next) => setDraft(draft.map((x) => (x.key === d.key ? next : x)))}
                    />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
        <p>
          <button type="button" onClick={addQuestion}>
            {t('add')}
          </button>
        </p>
        <TextAreaField
          label={t('note')}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={fieldError(error, 'note')}
        />
        <button type="button" aria-expanded={preview} onClick={() => setPreview(!preview)}>
          {preview ? t('hidePreview') : t('preview')}
        </button>{' '}
        <button type="submit" className="primary">
          {t('publish')}
        </button>
      </form>
      {preview ? (
        <ChecklistForm
          checklist={draftChecklist}
          answers={previewAnswers}
          onChange={setPreviewAnswers}
          heading={t('previewTitle')}
        />
      ) : null}
    </section>
  );
}
