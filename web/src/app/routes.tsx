/**
 * The console's pages. A feature adds its page here: one entry, the path under /console,
 * the nav label in both languages and the roles that see it (the API enforces the same rules).
 */
import type { ReactElement } from 'react';
import { AuditLog } from '../console/AuditLog';
import { Home } from '../console/Home';
import { Users } from '../console/Users';
import { ChannelsAdmin } from '../features/intake/ChannelsAdmin';
import { Inbox } from '../features/intake/Inbox';
import { LogCall } from '../features/intake/LogCall';
import { SignalPage } from '../features/intake/SignalPage';
import { ReviewQueue } from '../features/linkage/ReviewQueue';
import { Reports } from '../features/statistics/Reports';
import { WebchatPage } from '../features/webchat/WebchatPage';
import { CasesSection } from '../features/cases/CasesSection';
import { TriageSection } from '../features/screening/TriageSection';
import { ChecklistAdmin } from '../features/screening/ChecklistAdmin';
import { DirectorySearch } from '../features/referrals/DirectorySearch';
import { PartnerInbox } from '../features/referrals/PartnerInbox';
import { ReferPage } from '../features/referrals/ReferPage';
import { RequiredReports } from '../features/referrals/RequiredReports';
import type { Role } from './session';

export interface ConsolePage {
  path: string;
  label: { en: string; es: string };
  roles: readonly Role[];
  element: ReactElement;
  /** Pages reached from other pages (a case by its id) stay out of the navigation. */
  hidden?: boolean;
  /** Keyboard shortcut: g then this key. */
  key?: string;
}

const everyone: readonly Role[] = ['admin', 'supervisor', 'advocate', 'analyst', 'coordinator', 'partner'];

export const consolePages: ConsolePage[] = [
  { path: '', label: { en: 'Home', es: 'Inicio' }, roles: everyone, element: <Home />, key: 'h' },
  {
    path: 'audit',
    label: { en: 'Audit log', es: 'Registro de auditoría' },
    roles: ['admin'],
    element: <AuditLog />,
  },
  { path: 'users', label: { en: 'Accounts', es: 'Cuentas' }, roles: ['admin'], element: <Users /> },
  {
    path: 'checklist',
    label: { en: 'Screening checklist', es: 'Lista de evaluación' },
    roles: ['admin'],
    element: <ChecklistAdmin />,
  },
  {
    path: 'channels',
    label: { en: 'Channels', es: 'Canales' },
    roles: ['admin'],
    element: <ChannelsAdmin />,
  },
  {
    path: 'inbox',
    label: { en: 'Inbox', es: 'Bandeja' },
    roles: ['advocate', 'supervisor', 'admin'],
    element: <Inbox />,
    key: 'i',
  },
  {
    path: 'inbox/:id',
    label: { en: 'Signal', es: 'Señal' },
    roles: ['advocate', 'supervisor', 'admin'],
    element: <SignalPage />,
    hidden: true,
  },
  {
    path: 'calls/new',
    label: { en: 'Log a call', es: 'Registrar llamada' },
    roles: ['advocate', 'supervisor', 'admin'],
    element: <LogCall />,
    hidden: true,
  },
  {
    path: 'webchat',
    label: { en: 'Webchat', es: 'Chat web' },
    roles: ['advocate', 'supervisor', 'admin'],
    element: <WebchatPage />,
    key: 'c',
  },
  {
    path: 'matches',
    label: { en: 'Possible matches', es: 'Posibles coincidencias' },
    roles: ['admin', 'supervisor', 'advocate'],
    element: <ReviewQueue />,
    key: 'm',
  },
  {
    path: 'statistics',
    label: { en: 'Statistics', es: 'Estadísticas' },
    roles: ['admin', 'supervisor', 'advocate', 'analyst', 'coordinator'],
    element: <Reports />,
    key: 's',
  },
  {
    path: 'triage',
    label: { en: 'Triage', es: 'Evaluación' },
    roles: ['advocate', 'supervisor', 'admin'],
    element: <TriageSection />,
    key: 't',
  },
  {
    path: 'triage/*',
    label: { en: 'Triage', es: 'Evaluación' },
    roles: ['advocate', 'supervisor', 'admin'],
    element: <TriageSection />,
    hidden: true,
  },
  {
    path: 'cases',
    label: { en: 'Cases', es: 'Casos' },
    roles: ['advocate', 'supervisor', 'admin'],
    element: <CasesSection />,
    key: 'k',
  },
  {
    path: 'cases/*',
    label: { en: 'Cases', es: 'Casos' },
    roles: ['advocate', 'supervisor', 'admin'],
    element: <CasesSection />,
    hidden: true,
  },
  {
    path: 'directory',
    label: { en: 'Service directory', es: 'Directorio de servicios' },
    roles: ['advocate', 'supervisor', 'admin', 'coordinator'],
    element: <DirectorySearch />,
  },
  {
    path: 'referrals/case/:caseId',
    label: { en: 'Refer', es: 'Derivar' },
    roles: ['advocate', 'supervisor', 'admin'],
    element: <ReferPage />,
    hidden: true,
  },
  {
    path: 'partner/referrals',
    label: { en: 'Referrals', es: 'Derivaciones' },
    roles: ['partner'],
    element: <PartnerInbox />,
  },
  {
    path: 'required-reports',
    label: { en: 'Required reports', es: 'Denuncias obligatorias' },
    roles: ['supervisor', 'admin'],
    element: <RequiredReports />,
  },
];
