import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, post } from '../../app/api';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { CLOSE_REASONS, STATUS_MOVES, type CaseStatus } from '../../../../src/features/cases/vocabulary';
import { CLOSE_REASON_LABELS } from './labels';
import { caseMessages, type CaseMessageKey } from './messages';
import type { CaseDetail, Staff } from './types';
import { fieldError, SelectField, TextAreaField } from './ui';

export function StatusPanel({ kase, onSaved }: { kase: CaseDetail; onSaved: () => Promise<void> }) {
  const t = useMessages(caseMessages);
  const { lang } = useI18n();
  const moves = STATUS_MOVES[kase.status as CaseStatus] ?? [];
  const [to, setTo] = useState<string>(moves[0] ?? '');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [blockers, setBlockers] = useState<string[]>([]);
  const [staff, setStaff] = useState<Staff[]>([]);
  // The moves change with the status; start from the first one after each change.
  useEffect(() => setTo(STATUS_MOVES[kase.status as CaseStatus]?.[0] ?? ''), [kase.status]);
  useEffect(() => {
    void get<{ items: Staff[] }>('/api/cases/assignees').then((r) => setStaff(r.items));
  }, []);
  useEffect(() => {
    if (to !== 'closed') return setBlockers([]);
    void get<{ blockers: Array<{ message: string }> }>(`/api/cases/${kase.id}/close-check`).then((r) =>
      setBlockers(r.blockers.map((b) => b.message)),
    );
  }, [to, kase.id, kase.version]);

  const apply = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post(`/api/cases/${kase.id}/status`, {
        version: kase.version,
        status: to,
        ...(to === 'closed' && reason ? { closeReason: reason } : {}),
        ...(note ? { note } : {}),
      });
      setError(undefined);
      setReason('');
      setNote('');
      await onSaved();
    } catch (err) {
      setError(err);
    }
  };
  const assign = async (assigneeId: string) => {
    try {
      await post(`/api/cases/${kase.id}/assign`, { version: kase.version, assigneeId: assigneeId || null });
      await onSaved();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="panel">
      <h2>{t('workflow')}</h2>
      <SelectField
        label={t('assignee')}
        value={kase.assignedTo?.id ?? ''}
        onChange={(e) => void assign(e.target.value)}
      >
        <option value="">{t('nobody')}</option>
        {staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.displayName}
          </option>
        ))}
      </SelectField>
      <form onSubmit={(e) => void apply(e)} noValidate>
        <FormError
          message={
            error instanceof ApiError && !fieldError(error, 'closeReason') && !fieldError(error, 'status')
              ? error.message
              : undefined
          }
        />
        <SelectField
          label={t('moveTo')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={fieldError(error, 'status')}
        >
          {moves.map((s) => (
            <option key={s} value={s}>
              {t(`st.${s}` as CaseMessageKey)}
            </option>
          ))}
        </SelectField>
        {to === 'closed' ? (
          <>
            <SelectField
              label={t('closeReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={fieldError(error, 'closeReason')}
            >
              <option value="">—</option>
              {CLOSE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {CLOSE_REASON_LABELS[r]?.[lang] ?? r}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              label={t('closeNote')}
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            {blockers.length ? (
              <div className="hint" role="status">
                {t('blockers')}
                <ul>
                  {blockers.map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </>
        ) : null}
        <button type="submit" className="primary">
          {t('apply')}
        </button>
      </form>
    </div>
  );
}
