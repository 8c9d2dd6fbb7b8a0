/** The public chat page in English and Spanish. The chat itself runs over /ws/chat (socket.ts). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { publicAccess } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { projectRoot } from '../../platform/paths';
import { localPath } from '../public-site/layout';
import { chatPage } from './page';

const ChatPageQuery = z.object({
  h: z
    .string()
    .regex(/^[a-z0-9-]{2,64}$/)
    .optional(),
});

const embedScript = readFileSync(
  path.join(projectRoot, 'src', 'features', 'public-site', 'assets', 'embed.js'),
);

const chatPages: AnyRoute[] = (['en', 'es'] as const).map((lang) =>
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

/**
 * The partner sites' button. Served here rather than from the public site's asset list because
 * it alone must load on other sites: it needs Cross-Origin-Resource-Policy: cross-origin.
 */
const embedRoute = defineRoute({
  method: 'GET',
  url: '/site/embed.js',
  summary: 'A script partner sites include to offer the chat',
  tags: ['public', 'webchat'],
  policy: publicAccess('public.chat-embed', 'partner sites link to the chat'),
  audit: { kind: 'not-personal', reason: 'a static file' },
  response: 'raw',
  handler: async ({ reply }) =>
    reply
      .header('cache-control', 'public, max-age=3600')
      .header('cross-origin-resource-policy', 'cross-origin')
      .type('text/javascript; charset=utf-8')
      .send(embedScript),
});

export const webchatRoutes: AnyRoute[] = [...chatPages, embedRoute];
