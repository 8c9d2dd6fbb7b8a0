import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, post } from '../app/api';
import { Field, FormError } from '../app/Field';
import { useSession, type Stage } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { AuthFrame } from './AuthFrame';

export function nextPathFor(stage: Stage): string {
  switch (stage) {
    case 'complete':
      return '/console';
    case 'second_factor':
      return '/signin/code';
    case 'enrol':
      return '/signin/enrol';
  }
}

export function SignIn() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { stage } = await post<{ stage: Stage }>('/api/auth/login', { email, password });
      await refresh();
      await navigate(nextPathFor(stage));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.error'));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t('signin.title')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormError message={error} />
        <Field
          label={t('signin.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label={t('signin.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('signin.submit')}
        </button>
      </form>
    </AuthFrame>
  );
}
