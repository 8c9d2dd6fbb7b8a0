/** The public chat page in English and Spanish. The chat itself runs over /ws/chat (socket.ts). */
import { z } from 'zod';
import { publicAccess } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { localPath } from '../public-site/layout';
import { chatPage } from './page';

const ChatPageQuery = z.object({
  h: z
    .string()
    .regex(/^[a-z0-9-]{2,64}$/)
    .optional(),
});

export const webchatRoutes: AnyRoute[] = (['en', 'es'] as const).map((lang) =>
  defineRoute({
    method: 'GET',
    url: localPath(lang, '/chat'),
    summary: `The public chat page (${lang})`,
    tags: ['public', 'webchat'],
    policy: publicAccess('public.chat', 'anyone may ask the hotline for help'),
    audit: { kind: 'not-personal', reason: 'the page holds no chat; the socket audits each message' },
    query: ChatPageQuery,
    response: 'raw',
    handler: async ({ reply, query }) =>
      reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(chatPage({ lang, hotline: query.h })),
  }),
);
