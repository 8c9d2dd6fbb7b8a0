import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, get, post } from './api';

export type Role = 'admin' | 'supervisor' | 'advocate' | 'analyst' | 'coordinator' | 'partner';
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  hotlineId: string;
  hotlineName: string;
  states: string[];
  locale: 'en' | 'es';
}
export type Stage = 'complete' | 'second_factor' | 'enrol';
export interface Session {
  user: SessionUser;
  stage: Stage;
  mustChangePassword: boolean;
}

interface SessionState {
  session: Session | null;
  loading: boolean;
  refresh: () => Promise<Session | null>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      const s = await get<Session>('/api/auth/session');
      setSession(s);
      return s;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      setSession(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);
  const signOut = useCallback(async () => {
    await post('/api/auth/logout').catch(() => undefined);
    setSession(null);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <SessionContext.Provider value={{ session, loading, refresh, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
