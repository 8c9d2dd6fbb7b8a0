import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, post } from '../app/api';
import { Field, FormError } from '../app/Field';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { AuthFrame } from './AuthFrame';

export function Setup() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  // The token comes in the fragment, which never reaches a server log; drop it from the address bar.
  const [token] = useState(() => {
    const value = window.location.hash.replace(/^#/, '');
    if (value) window.history.replaceState(null, '', window.location.pathname);
    return value;
  });
  const [form, setForm] = useState({
    hotlineName: '',
    displayName: '',
    email: '',
    password: '',
    confirm: '',
  });
  const [error, setError] = useState<ApiError | string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (form.password !== form.confirm) return setError(t('setup.mismatch'));
    setBusy(true);
    setError(undefined);
    try {
      const { confirm: _confirm, ...body } = form;
      await post('/api/setup', { ...body, token });
      await refresh();
      await navigate('/signin/enrol');
    } catch (err) {
      setError(err instanceof ApiError ? err : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <AuthFrame title={t('setup.title')}>
        <p>{t('setup.noToken')}</p>
      </AuthFrame>
    );
  }
  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  return (
    <AuthFrame title={t('setup.title')}>
      <p>{t('setup.help')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormError message={error instanceof ApiError ? error.message : error} />
        <Field
          label={t('setup.hotline')}
          name="hotlineName"
          required
          value={form.hotlineName}
          onChange={set('hotlineName')}
          error={fieldError('hotlineName')}
        />
        <Field
          label={t('setup.name')}
          name="displayName"
          autoComplete="name"
          required
          value={form.displayName}
          onChange={set('displayName')}
          error={fieldError('displayName')}
        />
        <Field
          label={t('setup.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          value={form.email}
          onChange={set('email')}
          error={fieldError('email')}
        />
        <Field
          label={t('setup.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={set('password')}
          error={fieldError('password')}
        />
        <Field
          label={t('setup.confirm')}
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          value={form.confirm}
          onChange={set('confirm')}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </AuthFrame>
  );
}
