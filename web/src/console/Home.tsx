import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';

export function Home() {
  const { t } = useI18n();
  const { session } = useSession();
  if (!session) return null;
  return (
    <section>
      <h1>{t('home.title', { name: session.user.displayName })}</h1>
      <p>{t('home.role', { role: t(`role.${session.user.role}`), hotline: session.user.hotlineName })}</p>
    </section>
  );
}
