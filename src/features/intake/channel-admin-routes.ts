/** The hotline administrator's channels: list, add, change, remove. Another hotline's are not found. */
import { signedIn } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { addChannel, changeChannel, listChannels, removeChannel, twilioWebhooks } from './channel-admin';
import { changeChannels } from './channels';
import {
  AddChannelBody,
  ChangeChannelBody,
  ChannelIdParams,
  ChannelList,
  ChannelRemoved,
  ChannelView,
} from './channel-admin-schema';

/**
 * Which numbers and addresses reach the hotline is set up by its administrator, like its accounts.
 * Changes run in their own transaction (`changeChannels`), so the addresses they touch are
 * forgotten only once committed and the answer leaves with the change already in use here.
 */
const policy = signedIn('intake.manage-channels', ['admin']);

export const channelAdminRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/channels',
    summary: 'The hotline’s channels and the webhook addresses for Twilio; tokens only as set or not',
    tags: ['intake'],
    policy,
    audit: { kind: 'not-personal', reason: 'the hotline’s own numbers and addresses' },
    response: ChannelList,
    handler: async ({ actor, trx, app }) => ({
      channels: await listChannels(trx, actor.hotlineId, app.secrets),
      webhooks: twilioWebhooks(app.config.publicUrl),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/channels',
    summary: 'Add a channel: a number for texts or calls, an email address or a webform slug',
    tags: ['intake'],
    policy,
    audit: { kind: 'service' },
    body: AddChannelBody,
    response: ChannelView,
    successStatus: 201,
    transaction: 'manual',
    handler: async ({ body, actor, who, app }) =>
      changeChannels(app.database.db, app.database, (trx, touched) =>
        addChannel(trx, who, actor.hotlineId, body, app.secrets, touched),
      ),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/channels/:id',
    summary: 'Change a channel; a token left out is kept, null clears it',
    tags: ['intake'],
    policy,
    audit: { kind: 'service' },
    params: ChannelIdParams,
    body: ChangeChannelBody,
    response: ChannelView,
    transaction: 'manual',
    handler: async ({ params, body, actor, who, app }) =>
      changeChannels(app.database.db, app.database, (trx, touched) =>
        changeChannel(trx, who, actor.hotlineId, params.id, body, app.secrets, touched),
      ),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/channels/:id',
    summary: 'Remove a channel; the signals that came in on it stay',
    tags: ['intake'],
    policy,
    audit: { kind: 'service' },
    params: ChannelIdParams,
    response: ChannelRemoved,
    transaction: 'manual',
    handler: async ({ params, actor, who, app }) => {
      await changeChannels(app.database.db, app.database, (trx, touched) =>
        removeChannel(trx, who, actor.hotlineId, params.id, touched),
      );
      return { ok: true as const };
    },
  }),
];
