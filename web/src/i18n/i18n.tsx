import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { es } from './es';

export type Lang = 'en' | 'es';
const catalogues: Record<Lang, Record<MessageKey, string>> = { en, es };
const STORE_KEY = 'waymark.lang';

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = window.localStorage.getItem(STORE_KEY);
  if (saved === 'en' || saved === 'es') return saved;
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    window.localStorage.setItem(STORE_KEY, l);
    document.documentElement.lang = l;
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => {
        let text = catalogues[lang][key];
        for (const [k, v] of Object.entries(vars ?? {})) text = text.replaceAll(`{${k}}`, String(v));
        return text;
      },
    }),
    [lang, setLang],
  );
  document.documentElement.lang = lang;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/**
 * A feature's own text, in both languages, kept beside the feature:
 *   const m = defineMessages({ en: { title: 'Inbox' }, es: { title: 'Bandeja' } });
 *   const t = useMessages(m); t('title')
 */
export function defineMessages<K extends string>(m: { en: Record<K, string>; es: Record<K, string> }) {
  return m;
}

export function useMessages<K extends string>(m: { en: Record<K, string>; es: Record<K, string> }) {
  const { lang } = useI18n();
  return useCallback(
    (key: K, vars?: Record<string, string | number>): string => {
      let text = m[lang][key];
      for (const [k, v] of Object.entries(vars ?? {})) text = text.replaceAll(`{${k}}`, String(v));
      return text;
    },
    [lang, m],
  );
}
