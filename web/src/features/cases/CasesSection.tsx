/** The cases section of the console: one registry entry, its own pages and sub-navigation. */
import { useCallback } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { useMessages } from '../../i18n/i18n';
import { CaseList } from './CaseList';
import { CasePage } from './CasePage';
import { caseMessages } from './messages';
import { MyTasks } from './MyTasks';
import { SearchPage } from './SearchPage';
import { SupervisorView } from './SupervisorView';
import { useShortcut } from './ui';
import './cases.css';

/**
 * The section is registered as `cases` and `cases/*` (routes.tsx); it picks its page from the
 * rest of the path itself, so the console's registry stays one feature, one page.
 */
function CasesPageFor({ path }: { path: string }) {
  switch (path) {
    case '':
      return <CaseList />;
    case 'search':
      return <SearchPage />;
    case 'tasks':
      return <MyTasks />;
    case 'supervisor':
      return <SupervisorView />;
    default:
      return <CasePage id={path.split('/')[0] ?? ''} />;
  }
}

export function CasesSection() {
  const t = useMessages(caseMessages);
  const { session } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const supervises = session?.user.role === 'supervisor' || session?.user.role === 'admin';
  useShortcut(
    '/',
    useCallback(() => void navigate('/console/cases/search'), [navigate]),
  );
  return (
    <div className="cases">
      <nav className="subnav" aria-label={t('sections')}>
        <NavLink to="/console/cases" end>
          {t('cases')}
        </NavLink>
        <NavLink to="/console/cases/search">{t('search')}</NavLink>
        <NavLink to="/console/cases/tasks">{t('myTasks')}</NavLink>
        {supervises ? <NavLink to="/console/cases/supervisor">{t('supervisor')}</NavLink> : null}
      </nav>
      <CasesPageFor path={pathname.replace(/^\/console\/cases\/?/, '')} />
    </div>
  );
}
