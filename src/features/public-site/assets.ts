import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { notFound } from '../../platform/errors';
import { publicAccess } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { projectRoot } from '../../platform/paths';

const ASSET_DIR = path.join(projectRoot, 'src', 'features', 'public-site', 'assets');
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/**
 * Only the files in assets/, read once at start: no path from a request ever reaches the file
 * system, and a missing file (the quick exit, say) stops the server instead of a page going without it.
 */
const assets = new Map<string, { type: string; body: Buffer }>(
  ['site.css', 'quick-exit.js', 'report.js', 'chat.js', 'chat.css'].map((f) => [
    f,
    {
      type: TYPES[path.extname(f)] ?? 'application/octet-stream',
      body: readFileSync(path.join(ASSET_DIR, f)),
    },
  ]),
);

export const publicAssetRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/site/:file',
    summary: "The public site's stylesheet and scripts",
    tags: ['public'],
    policy: publicAccess('public.assets', 'the public site'),
    audit: { kind: 'not-personal', reason: 'static files' },
    params: z.object({ file: z.string().max(40) }),
    response: 'raw',
    handler: async ({ params, reply }) => {
      const asset = assets.get(params.file);
      if (!asset) throw notFound('file');
      return reply.header('cache-control', 'public, max-age=3600').type(asset.type).send(asset.body);
    },
  }),
];
