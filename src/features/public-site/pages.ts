/**
 * The public site's pages, server-rendered, in English under / and Spanish under /es/. Every page is
 * registered here by name: the console's fallback would otherwise answer unknown paths.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { html, type SafeHtml } from '../../platform/html';
import { publicAccess } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { searchServices } from '../directory/search';
import { isNeed, NEED_CODES, NEEDS, US_STATES } from '../directory/vocabulary';
import { jurisdictions, type Channel } from '../mandatory-reports/jurisdictions';
import { siteText, type Section } from './content';
import { localPath, NATIONAL_HOTLINE, renderPage, type Lang } from './layout';

const policy = publicAccess('public.site', 'the public site needs no account');
const audit = { kind: 'not-personal', reason: 'public information only' } as const;

function send(reply: FastifyReply, page: string): FastifyReply {
  return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
}

const sectionList = (s: Section): SafeHtml =>
  html`<section><h2>${s.heading}</h2><ul>${s.items.map((i) => html`<li>${i}</li>`)}</ul></section>`;

function home(lang: Lang): string {
  const t = siteText[lang];
  return renderPage({
    lang,
    path: '/',
    title: t.homeTitle,
    body: html`<h1>${t.homeTitle}</h1>
      <p class="lead">${t.homeLead}</p>
      <p>${t.homeDefinition}</p>
      <p><strong>${t.homeMinors}</strong></p>
      <ul class="cards">
        ${t.homeCards.map(
          (c) =>
            html`<li><a href="${localPath(lang, c.path)}"><span class="card-title">${c.title}</span></a><p>${c.text}</p></li>`,
        )}
      </ul>`,
  });
}

function signs(lang: Lang): string {
  const t = siteText[lang];
  return renderPage({
    lang,
    path: '/signs',
    title: t.signsTitle,
    body: html`<h1>${t.signsTitle}</h1>
      <p class="lead">${t.signsLead}</p>
      ${t.signs.map(sectionList)} ${sectionList(t.signsWhere)}
      <p class="notice">${t.signsMinors} <a href="${localPath(lang, '/how-to-report')}">${t.reportTitle}</a></p>`,
  });
}

function channel(lang: Lang, c: Channel): SafeHtml {
  const t = siteText[lang];
  const label = c.label ? c.label[lang] : t.channelLabel[c.type];
  switch (c.type) {
    case 'phone':
    case 'text':
      return html`<li>${label}: <a href="tel:${c.value.replace(/[^0-9+]/g, '')}">${c.value}</a></li>`;
    case 'email':
      return html`<li>${label}: <a href="mailto:${c.value}">${c.value}</a></li>`;
    case 'online_form':
      return html`<li>${label}: <a href="${c.value}" rel="noreferrer">${c.value.replace(/^https?:\/\//, '').replace(/\/$/, '')}</a></li>`;
    case 'in_person':
      return html`<li>${label}: ${c.value}</li>`;
  }
}

function howToReport(lang: Lang): string {
  const t = siteText[lang];
  const states = jurisdictions().map(
    (j) => html`<section>
      <h2>${t.stateHeading(j.name[lang])}</h2>
      ${j.agencies.map(
        (a) => html`<h3>${a.name[lang]}</h3>
          <p>${a.when[lang]}</p>
          <ul>${a.channels.map((c) => channel(lang, c))}</ul>`,
      )}
    </section>`,
  );
  return renderPage({
    lang,
    path: '/how-to-report',
    title: t.reportTitle,
    body: html`<h1>${t.reportTitle}</h1>
      <p class="lead">${t.reportLead}</p>
      <p class="danger-notice">${t.emergency}</p>
      <section>
        <h2>${t.national}</h2>
        <ul>
          <li>${t.nationalCall} <a href="tel:${NATIONAL_HOTLINE.tel}">${NATIONAL_HOTLINE.phone}</a></li>
          <li>${t.nationalText} <a href="sms:${NATIONAL_HOTLINE.textNumber}">${NATIONAL_HOTLINE.textNumber}</a></li>
          <li>${t.nationalEmail}: <a href="mailto:help@humantraffickinghotline.org">help@humantraffickinghotline.org</a></li>
        </ul>
      </section>
      ${states}
      <p>${t.adultsDecide}</p>
      <p><a class="button" href="${localPath(lang, '/report')}">${t.reportOnline}</a></p>`,
  });
}

function avoid(lang: Lang): string {
  const t = siteText[lang];
  return renderPage({
    lang,
    path: '/avoid',
    title: t.avoidTitle,
    body: html`<h1>${t.avoidTitle}</h1>
      <p class="lead">${t.avoidLead}</p>
      ${t.avoid.map(sectionList)}
      <p><a href="https://www.dhs.gov/blue-campaign" rel="noreferrer">${t.moreInfo}</a></p>`,
  });
}

const HelpQuery = z.object({ state: z.string().max(40).optional(), need: z.string().max(40).optional() });

async function help(
  lang: Lang,
  query: z.infer<typeof HelpQuery>,
  run: typeof searchServices,
  q: Parameters<typeof searchServices>[0],
): Promise<string> {
  const t = siteText[lang];
  const state = query.state && US_STATES[query.state.toUpperCase()] ? query.state.toUpperCase() : undefined;
  const need = query.need && isNeed(query.need) ? query.need : undefined;
  // At most sixty: the page must stay light on a slow phone; a state or a need narrows the list.
  const results = await run(q, { state, need, limit: 60 });
  return renderPage({
    lang,
    path: '/help',
    title: t.helpTitle,
    body: html`<h1>${t.helpTitle}</h1>
      <p class="lead">${t.helpLead}</p>
      <form method="get" action="${localPath(lang, '/help')}" class="search-form">
        <div class="field">
          <label for="state">${t.state}</label>
          <select id="state" name="state">
            <option value="">${t.anyState}</option>
            ${Object.entries(US_STATES).map(
              ([code, name]) =>
                html`<option value="${code}" ${code === state ? 'selected' : ''}>${name}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="need">${t.need}</label>
          <select id="need" name="need">
            <option value="">${t.anyNeed}</option>
            ${NEED_CODES.map((n) => html`<option value="${n}" ${n === need ? 'selected' : ''}>${NEEDS[n][lang]}</option>`)}
          </select>
        </div>
        <button type="submit" class="primary">${t.search}</button>
      </form>
      <h2>${t.results(results.length)}</h2>
      ${
        results.length === 0
          ? html`<p>${t.noResults}</p>`
          : html`<ul class="services">
            ${results.map(
              (s) => html`<li>
                <h3>${s.name}</h3>
                <p class="org">${s.organizationName}</p>
                ${s.description ? html`<p>${s.description}</p>` : ''}
                <p class="tags">${s.needs
                  .filter(isNeed)
                  .map((n) => NEEDS[n][lang])
                  .join(' · ')}</p>
                ${s.states.length ? html`<p>${t.serves}: ${s.states.map((c) => US_STATES[c] ?? c).join(', ')}</p>` : ''}
                ${s.minimumAge !== null || s.maximumAge !== null ? html`<p>${t.ages(s.minimumAge, s.maximumAge)}</p>` : ''}
                ${s.languages.length ? html`<p>${t.languages}: ${s.languages.join(', ')}</p>` : ''}
                ${s.phones.map((p) => html`<p>${t.phone}: <a href="tel:${p.replace(/[^0-9+]/g, '')}">${p}</a></p>`)}
                ${s.url && /^https?:\/\//.test(s.url) ? html`<p>${t.website}: <a href="${s.url}" rel="noreferrer">${s.url}</a></p>` : ''}
              </li>`,
            )}
          </ul>`
      }`,
  });
}

const staticPages: Array<[string, (lang: Lang) => string]> = [
  ['/', home],
  ['/signs', signs],
  ['/how-to-report', howToReport],
  ['/avoid', avoid],
];

export const publicPageRoutes: AnyRoute[] = [
  ...staticPages.flatMap(([path, render]) =>
    (['en', 'es'] as const).map((lang) =>
      defineRoute({
        method: 'GET',
        url: localPath(lang, path),
        summary: `Public page ${path} (${lang})`,
        tags: ['public'],
        policy,
        audit,
        response: 'raw',
        handler: async ({ reply }) => send(reply, render(lang)),
      }),
    ),
  ),
  ...(['en', 'es'] as const).map((lang) =>
    defineRoute({
      method: 'GET',
      url: localPath(lang, '/help'),
      summary: `Find help: public services from the directory (${lang})`,
      tags: ['public'],
      policy,
      audit,
      query: HelpQuery,
      response: 'raw',
      handler: async ({ reply, query, trx }) => send(reply, await help(lang, query, searchServices, trx)),
    }),
  ),
];
