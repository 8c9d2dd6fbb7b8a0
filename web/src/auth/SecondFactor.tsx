import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, post } from '../app/api';
import { Field, FormError } from '../app/Field';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { AuthFrame } from './AuthFrame';

interface Enrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

function CodeForm({ url, submitLabel }: { url: string; submitLabel: string }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await post(url, { code });
      await refresh();
      await navigate('/console');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.error'));
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormError message={error} />
      <Field
        label={t('signin.code.label')}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
      />
      <button type="submit" className="primary" disabled={busy || code.length !== 6}>
        {submitLabel}
      </button>
    </form>
  );
}

export function SecondFactor() {
  const { t } = useI18n();
  return (
    <AuthFrame title={t('signin.code.title')}>
      <p>{t('signin.code.help')}</p>
      <CodeForm url="/api/auth/second-factor" submitLabel={t('signin.code.submit')} />
    </AuthFrame>
  );
}

export function Enrol() {
  const { t } = useI18n();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    post<Enrolment>('/api/auth/enrolment')
      .then(setEnrolment)
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : t('common.error')));
  }, [t]);
  return (
    <AuthFrame title={t('signin.enrol.title')}>
      <p>{t('signin.enrol.help')}</p>
      <FormError message={error} />
      {enrolment ? (
        <>
          {/* The SVG is drawn by the server from the otpauth URI: paths only, no script. */}
          <div
            className="qr"
            role="img"
            aria-label={t('signin.enrol.qr')}
            dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
          />
          <p className="hint">
            {t('signin.enrol.manual')} <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <CodeForm url="/api/auth/enrolment/confirm" submitLabel={t('signin.enrol.submit')} />
        </>
      ) : null}
    </AuthFrame>
  );
}
