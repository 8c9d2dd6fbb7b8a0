import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Enrol, SecondFactor } from '../auth/SecondFactor';
import { ChangePassword } from '../auth/ChangePassword';
import { Setup } from '../auth/Setup';
import { nextPathFor, SignIn } from '../auth/SignIn';
import { Layout } from '../console/Layout';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { consolePages } from './routes';
import { SessionProvider, useSession } from './session';

/** Console pages need a complete sign-in; anything less goes back to the step that is missing. */
function RequireSignIn({ children }: { children: ReactNode }) {
  const { session, loading } = useSession();
  const { t } = useI18n();
  if (loading) return <p className="loading">{t('common.loading')}</p>;
  if (!session) return <Navigate to="/signin" replace />;
  if (session.stage !== 'complete') return <Navigate to={nextPathFor(session.stage)} replace />;
  if (session.mustChangePassword) return <Navigate to="/signin/password" replace />;
  return <>{children}</>;
}

function NotFound() {
  const { t } = useI18n();
  return <h1>{t('notfound.title')}</h1>;
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/signin" element={<SignIn />} />
            <Route path="/signin/code" element={<SecondFactor />} />
            <Route path="/signin/enrol" element={<Enrol />} />
            <Route path="/setup" element={<Setup />} />
            <Route path="/signin/password" element={<ChangePassword />} />
            <Route
              path="/console"
              element={
                <RequireSignIn>
                  <Layout />
                </RequireSignIn>
              }
            >
              {consolePages.map((p) =>
                p.path === '' ? (
                  <Route key="index" index element={p.element} />
                ) : (
                  <Route key={p.path} path={p.path} element={p.element} />
                ),
              )}
              <Route path="*" element={<NotFound />} />
            </Route>
            <Route path="*" element={<Navigate to="/console" replace />} />
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}
