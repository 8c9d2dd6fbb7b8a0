import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, post } from '../app/api';
import { Field, FormError } from '../app/Field';
import type { Role } from '../app/session';
import { useI18n } from '../i18n/i18n';

interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  states: string[];
  totpEnrolled: boolean;
  locked: boolean;
}

const ROLES: Role[] = ['advocate', 'supervisor', 'admin', 'analyst', 'coordinator', 'partner'];

export function Users() {
  const { t } = useI18n();
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [error, setError] = useState<ApiError | string>();
  const [notice, setNotice] = useState<string>();
  const [form, setForm] = useState({
    email: '',
    displayName: '',
    role: 'advocate' as Role,
    password: '',
    states: '',
  });

  const load = useCallback(async () => {
    setUsers((await get<{ users: UserSummary[] }>('/api/users')).users);
  }, []);
  useEffect(() => {
    load().catch((err: unknown) => setError(err instanceof ApiError ? err : t('common.error')));
  }, [load, t]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setNotice(undefined);
    try {
      const states = form.states
        .split(',')
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean);
      await post('/api/users', { ...form, states });
      setForm({ email: '', displayName: '', role: 'advocate', password: '', states: '' });
      setNotice(t('users.created'));
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err : t('common.error'));
    }
  };
  const act = async (url: string, body: unknown, done: string) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await post(url, body);
      setNotice(done);
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err : t('common.error'));
    }
  };
  const [resetFor, setResetFor] = useState<UserSummary>();
  const [resetPassword, setResetPassword] = useState('');
  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <FormError message={error instanceof ApiError ? error.message : error} />
      {notice ? <p role="status">{notice}</p> : null}
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('users.col.name')}</th>
            <th scope="col">{t('users.col.email')}</th>
            <th scope="col">{t('users.col.role')}</th>
            <th scope="col">{t('users.col.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('users.endSessions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.email}</td>
              <td>
                {t(`role.${u.role}`)}
                {u.states.length ? ` (${u.states.join(', ')})` : ''}
              </td>
              <td>
                {u.locked
                  ? t('users.status.locked')
                  : u.totpEnrolled
                    ? t('users.status.active')
                    : t('users.status.no2fa')}
              </td>
              <td className="actions">
                <button
                  type="button"
                  className="small"
                  onClick={() => void act(`/api/users/${u.id}/revoke-sessions`, {}, t('users.sessionsEnded'))}
                >
                  {t('users.endSessions')}
                </button>{' '}
                <button type="button" className="small" onClick={() => setResetFor(u)}>
                  {t('users.resetPassword')}
                </button>{' '}
                {u.totpEnrolled ? (
                  <button
                    type="button"
                    className="small"
                    onClick={() =>
                      void act(`/api/users/${u.id}/reset-second-factor`, {}, t('users.reset2fa.done'))
                    }
                  >
                    {t('users.reset2fa')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resetFor ? (
        <form
          className="panel stack narrow"
          onSubmit={(e) => {
            e.preventDefault();
            void act(
              `/api/users/${resetFor.id}/reset-password`,
              { password: resetPassword },
              t('users.resetPassword.done'),
            ).then(() => {
              setResetFor(undefined);
              setResetPassword('');
            });
          }}
        >
          <Field
            label={t('users.resetPassword.label', { name: resetFor.displayName })}
            type="password"
            autoComplete="new-password"
            value={resetPassword}
            onChange={(e) => setResetPassword(e.target.value)}
            error={fieldError('password')}
          />
          <button type="submit" className="primary">
            {t('users.resetPassword')}
          </button>{' '}
          <button type="button" onClick={() => setResetFor(undefined)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : null}
      <h2>{t('users.add')}</h2>
      <form className="stack narrow" onSubmit={(e) => void create(e)} noValidate>
        <Field
          label={t('users.col.name')}
          value={form.displayName}
          onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          error={fieldError('displayName')}
        />
        <Field
          label={t('users.col.email')}
          type="email"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          error={fieldError('email')}
        />
        <div className="field">
          <label htmlFor="new-role">{t('users.col.role')}</label>
          <select
            id="new-role"
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        {form.role === 'coordinator' ? (
          <Field
            label={t('users.add.states')}
            value={form.states}
            onChange={(e) => setForm({ ...form, states: e.target.value })}
            error={fieldError('states')}
          />
        ) : null}
        <Field
          label={t('users.add.password')}
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={fieldError('password')}
        />
        <button type="submit" className="primary">
          {t('users.add.submit')}
        </button>
      </form>
    </section>
  );
}
