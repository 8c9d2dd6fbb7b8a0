import { useEffect } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { consolePages } from '../app/routes';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const role = session?.user.role;
  const pages = consolePages.filter((p) => !p.hidden && role && p.roles.includes(role));

  // "g" then a page's key jumps there, as in most case-management tools.
  useEffect(() => {
    let armed = false;
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (el.closest('input, textarea, select, [contenteditable]') || e.ctrlKey || e.metaKey || e.altKey)
        return;
      if (armed) {
        armed = false;
        const page = pages.find((p) => p.key === e.key);
        if (page) void navigate(`/console/${page.path}`);
      } else if (e.key === 'g') {
        armed = true;
        window.setTimeout(() => (armed = false), 1500);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pages, navigate]);

  return (
    <div className="console">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="logo" aria-hidden="true" />
          {t('app.name')}
        </span>
        <span className="hotline">{session?.user.hotlineName}</span>
        <span className="spacer" />
        <span className="who">{session?.user.displayName}</span>
        <button
          type="button"
          className="link"
          lang={t('lang.code')}
          onClick={() => setLang(lang === 'en' ? 'es' : 'en')}
        >
          {t('lang.switch')}
        </button>
        <button
          type="button"
          className="link"
          onClick={() => {
            void signOut().then(() => navigate('/signin'));
          }}
        >
          {t('signout')}
        </button>
      </header>
      <nav className="sidenav" aria-label={t('nav.label')}>
        <ul>
          {pages.map((p) => (
            <li key={p.path}>
              <NavLink to={`/console/${p.path}`} end={p.path === ''}>
                {p.label[lang]}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
