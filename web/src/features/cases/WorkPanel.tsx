import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { get, post } from '../../app/api';
import { Field, FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { caseMessages, type CaseMessageKey } from './messages';
import type { CaseDetail, Staff, TimelineEntry } from './types';
import { fieldError, formatDate, SelectField, TextAreaField, useShortcut } from './ui';

const tomorrow = (): string => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

export function WorkPanel({ kase, onSaved }: { kase: CaseDetail; onSaved: () => Promise<void> }) {
  const t = useMessages(caseMessages);
  const { lang } = useI18n();
  const [note, setNote] = useState('');
  const [task, setTask] = useState({ title: '', due: tomorrow(), assigneeId: '' });
  const [error, setError] = useState<unknown>();
  const [staff, setStaff] = useState<Staff[]>([]);
  const [older, setOlder] = useState<TimelineEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(kase.timeline.nextCursor);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const taskRef = useRef<HTMLDivElement>(null);
  useShortcut(
    'n',
    useCallback(() => noteRef.current?.focus(), []),
  );
  useShortcut(
    't',
    useCallback(() => taskRef.current?.querySelector('input')?.focus(), []),
  );
  useEffect(() => {
    void get<{ items: Staff[] }>('/api/cases/assignees').then((r) => setStaff(r.items));
  }, []);
  useEffect(() => {
    setOlder([]);
    setCursor(kase.timeline.nextCursor);
  }, [kase.timeline.nextCursor]);

  const addNote = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post(`/api/cases/${kase.id}/notes`, { body: note });
      setNote('');
      setError(undefined);
      await onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const addTask = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post(`/api/cases/${kase.id}/tasks`, {
        title: task.title,
        dueAt: task.due ? new Date(`${task.due}T17:00:00`).toISOString() : undefined,
        ...(task.assigneeId ? { assigneeId: task.assigneeId } : {}),
      });
      setTask({ title: '', due: tomorrow(), assigneeId: '' });
      setError(undefined);
      await onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const complete = async (id: string, version: number) => {
    await post(`/api/tasks/${id}/complete`, { version });
    await onSaved();
  };
  const moreTimeline = async () => {
    if (!cursor) return;
    const page = await get<{ items: TimelineEntry[]; nextCursor: string | null }>(
      `/api/cases/${kase.id}/timeline?cursor=${encodeURIComponent(cursor)}`,
    );
    setOlder((o) => [...o, ...page.items]);
    setCursor(page.nextCursor);
  };

  return (
    <>
      <div className="panel">
        <h2>{t('tasks')}</h2>
        <ul className="tasks">
          {kase.tasks.map((x) => (
            <li key={x.id} className={x.completedAt ? 'done' : ''}>
              {x.completedAt ? <span className="badge ok">{t('done')}</span> : null}{' '}
              <strong>{x.title}</strong>{' '}
              <span className="muted">
                {t('due')} {formatDate(x.dueAt, lang)} · {x.assignee?.displayName ?? t('nobody')}
              </span>{' '}
              {!x.completedAt ? (
                <button type="button" className="small" onClick={() => void complete(x.id, x.version)}>
                  {t('complete')}
                  <span className="visually-hidden">: {x.title}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        <form onSubmit={(e) => void addTask(e)} noValidate aria-label={t('addTask')}>
          <div className="row" ref={taskRef}>
            <Field
              label={t('taskTitle')}
              value={task.title}
              onChange={(e) => setTask({ ...task, title: e.target.value })}
              error={fieldError(error, 'title')}
            />
            <Field
              label={t('due')}
              type="date"
              value={task.due}
              onChange={(e) => setTask({ ...task, due: e.target.value })}
              error={fieldError(error, 'dueAt')}
            />
            <SelectField
              label={t('assignee')}
              value={task.assigneeId}
              onChange={(e) => setTask({ ...task, assigneeId: e.target.value })}
            >
              <option value="">{t('me')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName}
                </option>
              ))}
            </SelectField>
          </div>
          <button type="submit">{t('addTask')}</button>
        </form>
      </div>
      <div className="panel">
        <h2>{t('notes')}</h2>
        <form onSubmit={(e) => void addNote(e)} noValidate>
          <FormError
            message={
              error && !fieldError(error, 'body') && !fieldError(error, 'title') ? t('error') : undefined
            }
          />
          <TextAreaField
            ref={noteRef}
            label={t('note')}
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={fieldError(error, 'body')}
          />
          <button type="submit">{t('addNote')}</button>
        </form>
        <h2>{t('signals')}</h2>
        <ul>
          {kase.signals.map((s) => (
            <li key={s.id}>
              <Link to={`/console/triage/${s.id}`}>{s.referenceCode}</Link>{' '}
              <span className="muted">
                {s.channel} · {formatDate(s.receivedAt, lang)}
              </span>
            </li>
          ))}
        </ul>
        <h2>{t('timeline')}</h2>
        <ol className="timeline">
          {[...kase.timeline.items, ...older].map((e) => (
            <li key={`${e.kind}:${e.refId}`}>
              <span className="muted">{formatDate(e.at, lang)}</span>{' '}
              <strong>{t(`ev.${e.kind}` as CaseMessageKey) || e.kind}</strong> {e.label ?? ''}{' '}
              {e.kind === 'note' ? <span className="note-body">{e.body}</span> : null}
              {e.by ? <span className="muted"> — {e.by}</span> : null}
            </li>
          ))}
        </ol>
        {cursor ? (
          <button type="button" onClick={() => void moreTimeline()}>
            {t('more')}
          </button>
        ) : null}
      </div>
    </>
  );
}
