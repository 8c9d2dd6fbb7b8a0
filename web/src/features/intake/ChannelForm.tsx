/** Adding or changing one channel. The auth token field is write-only: it starts empty and keeps the stored one. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  CHANNEL_KINDS,
  type AddChannelInput,
  type ChannelViewT,
} from '../../../../src/features/intake/channel-admin-schema';
import { Field, FormError } from '../../app/Field';
import { ApiError } from '../../app/api';
import { useMessages } from '../../i18n/i18n';
import { fieldError } from '../cases/ui';
import { channelsMessages, type ChannelsKey } from './channels-messages';

export type Kind = (typeof CHANNEL_KINDS)[number];

/** A channel as GET /api/channels lists it. */
export type ChannelView = Omit<ChannelViewT, 'createdAt'>;
/** What the form sends: the kind only when adding. */
export type ChannelInput = Omit<AddChannelInput, 'kind'> & { kind?: Kind };

export function ChannelForm({
  editing,
  error,
  onSubmit,
  onCancel,
}: {
  editing: ChannelView | undefined;
  error: unknown;
  onSubmit: (input: ChannelInput) => Promise<boolean>;
  onCancel: () => void;
}) {
  const t = useMessages(channelsMessages);
  const [kind, setKind] = useState<Kind>(editing?.kind ?? 'text');
  const [address, setAddress] = useState(editing?.address ?? '');
  const [sid, setSid] = useState(editing?.twilioAccountSid ?? '');
  const [token, setToken] = useState('');
  const [clearToken, setClearToken] = useState(false);
  const [advocates, setAdvocates] = useState(editing?.advocateNumbers.join(', ') ?? '');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (editing) heading.current?.focus();
  }, [editing]);

  const twilio = kind === 'text' || kind === 'phone';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input: ChannelInput = { address };
    if (!editing) input.kind = kind;
    if (twilio) {
      if (sid.trim()) input.twilioAccountSid = sid.trim();
      else if (editing?.twilioAccountSid) input.twilioAccountSid = null;
      if (clearToken) input.twilioAuthToken = null;
      else if (token) input.twilioAuthToken = token;
    }
    if (kind === 'phone') {
      input.advocateNumbers = advocates
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
    }
    if (await onSubmit(input)) setToken('');
  };
  const err = (field: string) => fieldError(error, field);
  const stored = editing?.twilioAuthToken;
  const formMessage = error instanceof ApiError ? error.message : error ? t('error') : undefined;

  return (
    <form className="panel stack narrow" onSubmit={(e) => void submit(e)} noValidate>
      <h2 ref={heading} tabIndex={-1}>
        {editing
          ? t('editing', { address: editing.address, kind: t(`short.${editing.kind}` as ChannelsKey) })
          : t('add')}
      </h2>
      <FormError message={formMessage} />
      {editing ? null : (
        <div className="field">
          <label htmlFor="channel-kind">{t('kind')}</label>
          <select id="channel-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {CHANNEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}` as ChannelsKey)}
              </option>
            ))}
          </select>
        </div>
      )}
      <Field
        label={t('address')}
        hint={t(`addressHint.${kind}` as ChannelsKey)}
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        error={err('address')}
        autoComplete="off"
      />
      {twilio ? (
        <>
          <Field
            label={t('sid')}
            hint={t('sidHint')}
            value={sid}
            onChange={(e) => setSid(e.target.value)}
            error={err('twilioAccountSid')}
            autoComplete="off"
            spellCheck={false}
          />
          <Field
            label={t('token')}
            hint={
              stored?.set
                ? stored.last4
                  ? t('tokenKeep', { last4: stored.last4 })
                  : t('tokenKeepShort')
                : t('tokenHint')
            }
            type="password"
            autoComplete="new-password"
            value={token}
            disabled={clearToken}
            onChange={(e) => setToken(e.target.value)}
            error={err('twilioAuthToken')}
          />
          {stored?.set ? (
            <div className="field">
              <label>
                <input
                  type="checkbox"
                  checked={clearToken}
                  onChange={(e) => setClearToken(e.target.checked)}
                />{' '}
                {t('clearToken')}
              </label>
            </div>
          ) : null}
        </>
      ) : null}
      {kind === 'phone' ? (
        <Field
          label={t('advocates')}
          hint={t('advocatesHint')}
          value={advocates}
          onChange={(e) => setAdvocates(e.target.value)}
          error={err('advocateNumbers')}
          autoComplete="off"
        />
      ) : null}
      <div>
        <button type="submit" className="primary">
          {editing ? t('save') : t('addSubmit')}
        </button>{' '}
        {editing ? (
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
