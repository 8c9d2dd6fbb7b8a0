import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, post } from '../app/api';
import { Field, FormError } from '../app/Field';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { AuthFrame } from './AuthFrame';

export function ChangePassword() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [error, setError] = useState<ApiError | string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await post('/api/auth/password', { currentPassword, newPassword });
      await refresh();
      await navigate('/console');
    } catch (err) {
      setError(err instanceof ApiError ? err : t('common.error'));
    }
  };
  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  return (
    <AuthFrame title={t('password.title')}>
      <p>{t('password.help')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormError message={error instanceof ApiError ? error.message : error} />
        <Field
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
          error={fieldError('currentPassword')}
        />
        <Field
          label={t('password.new')}
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
          error={fieldError('newPassword')}
        />
        <button type="submit" className="primary">
          {t('password.submit')}
        </button>
      </form>
    </AuthFrame>
  );
}
