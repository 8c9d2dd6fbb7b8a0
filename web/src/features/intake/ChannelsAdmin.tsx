/**
 * The hotline administrator's channels: per kind, what it is for and the numbers or addresses set
 * up, the webhook addresses to paste into Twilio's console, and adding, changing and removing one.
 */
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, get } from '../../app/api';
import { FormError } from '../../app/Field';
import { useMessages } from '../../i18n/i18n';
import { CHANNEL_KINDS } from '../../../../src/features/intake/channel-admin-schema';
import { ChannelForm, type ChannelInput, type ChannelView, type Kind } from './ChannelForm';
import { channelsMessages, type ChannelsKey } from './channels-messages';

interface Webhooks {
  sms: string;
  smsStatus: string;
  voice: string;
  voiceStatus: string;
}

const HOOKS: Record<'text' | 'phone', Array<keyof Webhooks>> = {
  text: ['sms', 'smsStatus'],
  phone: ['voice', 'voiceStatus'],
};

export function ChannelsAdmin() {
  const t = useMessages(channelsMessages);
  const [channels, setChannels] = useState<ChannelView[]>();
  const [webhooks, setWebhooks] = useState<Webhooks>();
  const [error, setError] = useState<unknown>();
  const [loadError, setLoadError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [editing, setEditing] = useState<ChannelView>();
  const [removing, setRemoving] = useState<ChannelView>();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  /** Back to the button that opened a form or question, once it is closed. */
  const focusAction = (action: string) =>
    requestAnimationFrame(() =>
      document.querySelector<HTMLButtonElement>(`[data-channel-action="${action}"]`)?.focus(),
    );

  const load = useCallback(async () => {
    const list = await get<{ channels: ChannelView[]; webhooks: Webhooks }>('/api/channels');
    setChannels(list.channels);
    setWebhooks(list.webhooks);
  }, []);
  useEffect(() => {
    load().catch(setLoadError);
  }, [load]);
  useEffect(() => {
    if (removing) confirmButton.current?.focus();
  }, [removing]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const save = async (input: ChannelInput): Promise<boolean> => {
    setError(undefined);
    setNotice(undefined);
    try {
      const saved = editing
        ? await api<ChannelView>('PATCH', `/api/channels/${editing.id}`, input)
        : await api<ChannelView>('POST', '/api/channels', input);
      await load();
      setEditing(undefined);
      setNotice(t(editing ? 'saved' : 'added', { address: saved.address }));
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };
  const remove = async (c: ChannelView) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await api('DELETE', `/api/channels/${c.id}`);
      setRemoving(undefined);
      if (editing?.id === c.id) setEditing(undefined);
      await load();
      setNotice(t('removed', { address: c.address }));
    } catch (err) {
      setRemoving(undefined);
      setError(err);
    }
  };

  if (!channels || !webhooks) {
    return (
      <section>
        <h1>{t('title')}</h1>
        {loadError ? (
          <FormError message={loadError instanceof ApiError ? loadError.message : t('error')} />
        ) : (
          <p className="loading">{t('loading')}</p>
        )}
      </section>
    );
  }

  const addressColumn = (k: Kind): ChannelsKey =>
    k === 'text' || k === 'phone' ? 'col.number' : k === 'webform' ? 'col.slug' : 'col.address';
  /** A channel's address and kind, for the labels of its buttons. */
  const named = (c: ChannelView) => ({ address: c.address, kind: t(`short.${c.kind}` as ChannelsKey) });
  const tokenText = (c: ChannelView) =>
    c.twilioAuthToken.set
      ? c.twilioAuthToken.last4
        ? t('tokenSetLast4', { last4: c.twilioAuthToken.last4 })
        : t('tokenSet')
      : t('tokenNotSet');

  return (
    <section className="stack">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      {notice ? (
        <p className="notice" role="status" ref={noticeRef} tabIndex={-1}>
          {notice}
        </p>
      ) : null}
      {CHANNEL_KINDS.map((kind) => {
        const rows = channels.filter((c) => c.kind === kind);
        const twilio = kind === 'text' || kind === 'phone';
        const headingId = `channels-${kind}`;
        return (
          <section key={kind} className="stack" aria-labelledby={headingId}>
            <h2 id={headingId}>{t(`kind.${kind}` as ChannelsKey)}</h2>
            <p>{t(`what.${kind}` as ChannelsKey)}</p>
            {rows.length ? (
              <table className="data" aria-labelledby={headingId}>
                <thead>
                  <tr>
                    <th scope="col">{t(addressColumn(kind))}</th>
                    {twilio ? <th scope="col">{t('col.sid')}</th> : null}
                    {twilio ? <th scope="col">{t('col.token')}</th> : null}
                    {kind === 'phone' ? <th scope="col">{t('col.advocates')}</th> : null}
                    {kind === 'webform' ? <th scope="col">{t('col.form')}</th> : null}
                    <th scope="col">{t('col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((c) => (
                    <tr key={c.id}>
                      <td>{c.address}</td>
                      {twilio ? <td>{c.twilioAccountSid ?? '—'}</td> : null}
                      {twilio ? <td>{tokenText(c)}</td> : null}
                      {kind === 'phone' ? (
                        <td>{c.advocateNumbers.length ? c.advocateNumbers.join(', ') : t('noneRing')}</td>
                      ) : null}
                      {kind === 'webform' ? (
                        <td>
                          <code>/report/{c.address}</code>
                        </td>
                      ) : null}
                      <td className="actions">
                        <button
                          type="button"
                          className="small"
                          data-channel-action={`edit-${c.id}`}
                          aria-label={t('editLabel', named(c))}
                          onClick={() => {
                            setError(undefined);
                            setRemoving(undefined);
                            setEditing(c);
                          }}
                        >
                          {t('edit')}
                        </button>{' '}
                        <button
                          type="button"
                          className="small"
                          data-channel-action={`remove-${c.id}`}
                          aria-label={t('removeLabel', named(c))}
                          onClick={() => setRemoving(c)}
                        >
                          {t('remove')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="hint">{t('none')}</p>
            )}
            {removing?.kind === kind ? (
              <div className="panel" role="group" aria-label={t('removeLabel', named(removing))}>
                <p>{t('confirmRemove', { address: removing.address })}</p>
                <button
                  ref={confirmButton}
                  type="button"
                  className="primary"
                  onClick={() => void remove(removing)}
                >
                  {t('confirmYes')}
                </button>{' '}
                <button
                  type="button"
                  onClick={() => {
                    setRemoving(undefined);
                    focusAction(`remove-${removing.id}`);
                  }}
                >
                  {t('cancel')}
                </button>
              </div>
            ) : null}
            {twilio ? (
              <div className="panel">
                <h3>{t('twilioTitle')}</h3>
                <dl className="facts">
                  {HOOKS[kind].map((h) => (
                    <Fragment key={h}>
                      <dt>{t(`hook.${h}` as ChannelsKey)}</dt>
                      <dd>
                        <code>{webhooks[h]}</code>
                      </dd>
                    </Fragment>
                  ))}
                </dl>
              </div>
            ) : null}
          </section>
        );
      })}
      <ChannelForm
        key={editing?.id ?? 'new'}
        editing={editing}
        error={error}
        onSubmit={save}
        onCancel={() => {
          setError(undefined);
          if (editing) focusAction(`edit-${editing.id}`);
          setEditing(undefined);
        }}
      />
    </section>
  );
}
