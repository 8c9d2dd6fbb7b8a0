import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMessages } from '../../i18n/i18n';
import type { QueuedChat } from '../../../../src/features/webchat/schema';
import { messages } from './messages';
import { useWebchat, type OpenChat } from './useWebchat';
import './webchat.css';

type T = ReturnType<typeof useMessages<keyof (typeof messages)['en']>>;

/** Re-renders every few seconds so that wait times stay current. */
function useNow(everyMs = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

function waited(t: T, queuedAt: string, now: number): string {
  const s = Math.max(0, Math.round((now - new Date(queuedAt).getTime()) / 1000));
  return t('minutes', { m: Math.floor(s / 60), s: s % 60 });
}

function QueueTable(props: {
  t: T;
  chats: QueuedChat[];
  now: number;
  action: string;
  onAction: (chatId: string) => void;
  empty: string;
  caption: string;
}) {
  const { t } = props;
  if (props.chats.length === 0) return <p>{props.empty}</p>;
  return (
    <table className="data">
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('language')}</th>
          <th scope="col">{t('state')}</th>
          <th scope="col">{t('safe')}</th>
          <th scope="col">{t('waited')}</th>
          <th scope="col">
            <span className="visually-hidden">{props.action}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.chats.map((c) => (
          <tr key={c.chatId} data-chat={c.chatId}>
            <td>{c.language}</td>
            <td>{c.state ?? t('unknown')}</td>
            <td>{c.safeToChat ? t('yes') : <span className="badge high">{t('no')}</span>}</td>
            <td>{waited(t, c.queuedAt, props.now)}</td>
            <td>
              <button type="button" onClick={() => props.onAction(c.chatId)}>
                {props.action}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Conversation(props: {
  t: T;
  chat: OpenChat;
  onSend: (text: string) => boolean;
  onTyping: (typing: boolean) => void;
  onEnd: () => void;
}) {
  const { t, chat } = props;
  const [text, setText] = useState('');
  const typing = useRef<{ on: boolean; timer?: number }>({ on: false });
  const end = useRef<HTMLLIElement>(null);
  // A block body: scrollIntoView returns a promise in newer browsers, and an effect must not.
  useEffect(() => {
    void end.current?.scrollIntoView({ block: 'nearest' });
  }, [chat.messages.length]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const body = text.trim();
    if (body && props.onSend(body)) setText('');
    typing.current.on = false;
  };
  const onInput = (value: string): void => {
    setText(value);
    if (!typing.current.on) {
      typing.current.on = true;
      props.onTyping(true);
    }
    window.clearTimeout(typing.current.timer);
    typing.current.timer = window.setTimeout(() => {
      typing.current.on = false;
      props.onTyping(false);
    }, 3000);
  };
  const live = chat.status !== 'ended';
  return (
    <section className="panel webchat-conversation" aria-label={t('conversation')}>
      <h2>{t('reference', { code: chat.referenceCode })}</h2>
      <dl className="facts">
        <dt>{t('language')}</dt>
        <dd>{chat.language}</dd>
        <dt>{t('state')}</dt>
        <dd>{chat.state ?? t('unknown')}</dd>
        <dt>{t('safe')}</dt>
        <dd>{chat.safeToChat ? t('yes') : <span className="badge high">{t('no')}</span>}</dd>
      </dl>
      <ol className="webchat-log" role="log" aria-live="polite">
        {chat.messages.map((m) => (
          <li key={m.id} className={`from-${m.from}`}>
            <span className="who">{m.from === 'visitor' ? t('visitor') : t('you')}</span>
            <span className="text">{m.text}</span>
          </li>
        ))}
        {chat.pending.map((p) => (
          <li key={p.clientId} className="from-advocate sending">
            <span className="who">{t('sending')}</span>
            <span className="text">{p.text}</span>
          </li>
        ))}
        <li ref={end} aria-hidden="true" className="webchat-end" />
      </ol>
      <p className="webchat-typing" aria-live="polite">
        {chat.visitorTyping ? t('typing') : ''}
      </p>
      {!chat.visitorPresent && live ? <p className="hint">{t('away')}</p> : null}
      {live ? (
        <form onSubmit={submit} className="webchat-compose">
          <label htmlFor="webchat-reply">{t('reply')}</label>
          <textarea
            id="webchat-reply"
            rows={3}
            maxLength={2000}
            value={text}
            onChange={(e) => onInput(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) submit(e);
            }}
          />
          <div className="actions">
            <button type="submit">{t('send')}</button>{' '}
            <button type="button" onClick={props.onEnd}>
              {t('end')}
            </button>
          </div>
        </form>
      ) : (
        <p role="status">{t('ended', { by: chat.endedBy ?? '' })}</p>
      )}
    </section>
  );
}

export function WebchatPage() {
  const t = useMessages(messages);
  const { state, send, sendMessage } = useWebchat();
  const [selected, setSelected] = useState<string | null>(null);
  const now = useNow();
  const chat = selected ? state.chats[selected] : undefined;

  const accept = (chatId: string): void => {
    if (send({ type: 'accept', chatId })) setSelected(chatId);
  };
  const open = (chatId: string): void => {
    if (send({ type: 'open', chatId })) setSelected(chatId);
  };
  const banner =
    state.connection === 'connecting'
      ? t('connecting')
      : state.connection === 'lost'
        ? t('lost')
        : state.connection === 'signed-out'
          ? t('signedOut')
          : null;
  const error = state.error
    ? state.error === 'already_taken'
      ? t('error.already_taken')
      : t('error.generic')
    : null;

  return (
    <section className="webchat">
      <h1>{t('title')}</h1>
      <p className="hint">{t('help')}</p>
      {banner ? <p role="status">{banner}</p> : null}
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <div className="webchat-grid">
        <div>
          <h2>{t('queue')}</h2>
          <QueueTable
            t={t}
            chats={state.queue}
            now={now}
            action={t('accept')}
            onAction={accept}
            empty={t('queueEmpty')}
            caption={t('queue')}
          />
          <h2>{t('mine')}</h2>
          <QueueTable
            t={t}
            chats={state.mine}
            now={now}
            action={t('open')}
            onAction={open}
            empty={t('mineEmpty')}
            caption={t('mine')}
          />
        </div>
        {chat ? (
          <Conversation
            key={chat.chatId}
            t={t}
            chat={chat}
            onSend={(text) => sendMessage(chat.chatId, text)}
            onTyping={(typing) => void send({ type: 'typing', chatId: chat.chatId, typing })}
            onEnd={() => void send({ type: 'end', chatId: chat.chatId })}
          />
        ) : (
          <p className="hint">{t('pick')}</p>
        )}
      </div>
    </section>
  );
}
