import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  return (
    <div className="auth-page">
      <main className="auth-card" id="main">
        <div className="auth-brand">
          <span className="logo" aria-hidden="true" />
          {t('app.name')}
          <button
            type="button"
            className="link lang-switch"
            lang={t('lang.code')}
            onClick={() => setLang(lang === 'en' ? 'es' : 'en')}
          >
            {t('lang.switch')}
          </button>
        </div>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
