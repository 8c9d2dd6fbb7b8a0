/**
 * Linking a partner account to its organisation in the directory: an admin says which HSDS
 * organization a `partner` user answers for. Until then the partner sees no referrals at all.
 */
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit';
import { notFound, validationFailed } from '../../platform/errors';
import { signedIn } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import '../directory/tables';

export const partnerAccountRoutes: AnyRoute[] = [
  defineRoute({
    method: 'PUT',
    url: '/api/partner-accounts/:userId',
    summary: 'Set the directory organisation a partner account answers for (admins)',
    tags: ['referrals'],
    policy: signedIn('referrals.partner-accounts', ['admin']),
    audit: { kind: 'service' },
    params: z.object({ userId: z.uuid() }),
    body: z.object({ organizationId: z.uuid().nullable() }),
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ trx, who, actor, params, body }) => {
      const user = await trx
        .selectFrom('users')
        .select(['id', 'role'])
        .where('hotline_id', '=', actor.hotlineId)
        .where('id', '=', params.userId)
        .executeTakeFirst();
      if (!user) throw notFound('account');
      if (user.role !== 'partner')
        throw validationFailed([{ path: 'params.userId', message: 'Not a partner account' }]);
      if (body.organizationId) {
        const org = await trx
          .selectFrom('directory_records')
          .select('id')
          .where('kind', '=', 'organization')
          .where('id', '=', body.organizationId)
          .executeTakeFirst();
        if (!org)
          throw validationFailed([
            { path: 'body.organizationId', message: 'No such organisation in the directory' },
          ]);
      }
      await trx
        .updateTable('users')
        .set({ partner_organisation_id: body.organizationId, updated_at: new Date() })
        .where('id', '=', user.id)
        .execute();
      await recordAudit(trx, who, {
        action: 'partner_account.organisation_set',
        subjectType: 'user',
        subjectId: user.id,
        details: { organizationId: body.organizationId },
      });
      return { ok: true as const };
    },
  }),
];
