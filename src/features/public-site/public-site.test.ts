import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

export const PUBLIC_PAGES = ['/', '/signs', '/how-to-report', '/avoid', '/help'];
const both = PUBLIC_PAGES.flatMap((p) => [p, p === '/' ? '/es' : `/es${p}`]);

describe('the public site', () => {
  it.each(both)('%s is server-rendered HTML with the quick exit and the hotline', async (url) => {
    const res = await app.http.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('data-quick-exit');
    expect(res.body).toContain('1-888-373-7888');
    expect(res.body).toMatch(url.startsWith('/es') ? /<html lang="es">/ : /<html lang="en">/);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it.each(both)('%s weighs under 100 KB with its stylesheet and scripts', async (url) => {
    const page = await app.http.inject({ method: 'GET', url });
    const refs = [...page.body.matchAll(/(?:src|href)="(\/site\/[^"]+)"/g)].map((m) => m[1]!);
    let bytes = Buffer.byteLength(page.body);
    for (const ref of new Set(refs)) {
      const asset = await app.http.inject({ method: 'GET', url: ref });
      expect(asset.statusCode).toBe(200);
      bytes += asset.rawPayload.length;
    }
    expect(bytes).toBeLessThan(100 * 1024);
  });

  it('loads nothing from another site: every script, stylesheet and image is same-origin', async () => {
    for (const url of both) {
      const res = await app.http.inject({ method: 'GET', url });
      const loads = [...res.body.matchAll(/<(?:script|img|link|iframe)[^>]*(?:src|href)="([^"]+)"/g)].map(
        (m) => m[1]!,
      );
      for (const l of loads) expect(l.startsWith('/'), `${url} loads ${l}`).toBe(true);
    }
  });

  it('how to report lists the National Hotline and Mississippi from its jurisdiction file', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/how-to-report' });
    expect(res.body).toContain('BEFREE');
    expect(res.body).toContain('233733');
    expect(res.body).toContain('1-800-222-8000');
    expect(res.body).toContain('reportabuse.mdcps.ms.gov');
    expect(res.body).toContain('ReportHT@dps.ms.gov');
    const es = await app.http.inject({ method: 'GET', url: '/es/how-to-report' });
    expect(es.body).toContain('Misisipi');
  });

  it('find help ignores values that are not a state or a kind of help', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/help?state=<script>&need=nope' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>&');
  });
});
