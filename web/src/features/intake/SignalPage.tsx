import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { SignalView } from '../../../../src/features/intake/inbox-schema';
import { ApiError, get, post } from '../../app/api';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { intakeMessages, type IntakeKey } from './messages';

type Message = SignalView['messages'][number];

function Answers({ content }: { content: Record<string, unknown> }) {
  const entries = Object.entries(content).flatMap(([section, value]) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value as Record<string, unknown>).map(([k, v]) => [`${section}.${k}`, v] as const)
      : [[section, value] as const],
  );
  return (
    <dl className="answers">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Thread({ signalId, messages }: { signalId: string; messages: Message[] }) {
  const t = useMessages(intakeMessages);
  const { lang } = useI18n();
  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <ol className="thread" data-testid="thread">
      {messages.map((m) => {
        const refused = (m.meta.refusedAttachments as Array<{ filename: string }> | undefined) ?? [];
        return (
          <li key={m.id} className={m.direction === 'in' ? 'incoming' : 'outgoing'}>
            <p className="hint">
              {m.direction === 'in' ? t('incoming') : t('outgoing')} · {fmt.format(new Date(m.createdAt))}
              {typeof m.meta.subject === 'string' && m.meta.subject ? ` · ${m.meta.subject}` : ''}
              {m.deliveryStatus ? ` · ${m.deliveryStatus}` : ''}
            </p>
            <p style={{ whiteSpace: 'pre-wrap' }}>{m.body}</p>
            {m.attachments.length ? (
              <ul aria-label={t('attachments')}>
                {m.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/api/signals/${signalId}/attachments/${a.id}`} download={a.filename}>
                      {a.filename}
                    </a>{' '}
                    ({Math.ceil(a.size / 1024)} KB)
                  </li>
                ))}
              </ul>
            ) : null}
            {refused.length ? (
              <p className="hint">
                {t('refused')}: {refused.map((r) => r.filename).join(', ')}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** One signal: who, where, what the channel carried, its thread, and a reply on its channel. */
export function SignalPage() {
  const t = useMessages(intakeMessages);
  const { id = '' } = useParams();
  const [signal, setSignal] = useState<SignalView>();
  const [error, setError] = useState<string>();
  const [reply, setReply] = useState('');
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    try {
      setSignal(await get<SignalView>(`/api/signals/${id}`));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }, [id]);
  useEffect(() => {
    void load();
    // A new message in this signal's thread shows without reloading.
    const source = new EventSource('/api/signals/live');
    source.addEventListener('signal', (e: MessageEvent<string>) => {
      if ((JSON.parse(e.data) as { signalId: string }).signalId === id) void load();
    });
    return () => source.close();
  }, [id, load]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(undefined);
    try {
      await post(`/api/signals/${id}/replies`, { body: reply });
      setReply('');
      setNotice(t('sent'));
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  if (!signal) return <FormError message={error} />;
  const s = signal.signaler;
  const yesNo = (v: boolean | null) => (v === null ? t('unknown') : v ? t('yes') : t('no'));
  return (
    <section>
      <p>
        <Link to="/console/inbox">{t('back')}</Link>
        {' · '}
        <Link to={`/console/triage/${signal.id}`}>{t('screen')}</Link>
      </p>
      <h1>
        {signal.referenceCode} · {t(`ch.${signal.channel}` as IntakeKey)}
      </h1>
      <FormError message={error} />
      <p>
        {t('status')}: {t(`st.${signal.status}` as IntakeKey)} · {t('where')}:{' '}
        {[signal.city, signal.state, signal.locationText].filter(Boolean).join(', ') || t('unknown')}{' '}
        {signal.stateInferred ? t('inferred') : ''}
      </p>
      {s ? (
        <>
          <h2>{t('signaler')}</h2>
          <dl className="answers">
            <dt>{t('role')}</dt>
            <dd>{s.role}</dd>
            {s.name ? (
              <>
                <dt>Name</dt>
                <dd>{s.name}</dd>
              </>
            ) : null}
            {s.phone ? (
              <>
                <dt>{t('callbackNumber')}</dt>
                <dd>{s.phone}</dd>
              </>
            ) : null}
            {s.email ? (
              <>
                <dt>Email</dt>
                <dd>{s.email}</dd>
              </>
            ) : null}
            <dt>{t('contactSafe')}</dt>
            <dd>{yesNo(s.contactSafe)}</dd>
            {s.contactInstructions ? (
              <>
                <dt>{t('instructions')}</dt>
                <dd>{s.contactInstructions}</dd>
              </>
            ) : null}
          </dl>
        </>
      ) : null}
      <h2>{signal.channel === 'phone' ? t('call') : t('answers')}</h2>
      <Answers content={signal.content} />
      {signal.messages.length ? (
        <>
          <h2>{t('thread')}</h2>
          <Thread signalId={signal.id} messages={signal.messages} />
        </>
      ) : null}
      <h2>{t('reply')}</h2>
      {signal.replyBy ? (
        <form onSubmit={send}>
          <div className="field">
            <label htmlFor="reply">{t('replyBy', { channel: t(`ch.${signal.replyBy}` as IntakeKey) })}</label>
            <textarea id="reply" rows={4} value={reply} onChange={(e) => setReply(e.target.value)} />
          </div>
          <button type="submit" className="primary" disabled={!reply.trim()}>
            {t('send')}
          </button>
          {notice ? <p role="status">{notice}</p> : null}
        </form>
      ) : (
        <p className="hint">{t('noReply')}</p>
      )}
    </section>
  );
}
