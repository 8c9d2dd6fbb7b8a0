/**
 * The statistics API. Reports carry counts only; reading one is audited like reading a record.
 * JSON is the contract for the console; csv, html and pdf are the same report for people.
 */
import type { FastifyReply } from 'fastify';
import { recordAudit } from '../../platform/audit/audit';
import { publicAccess } from '../../platform/http/policy';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { CtdcQuery } from './ctdc-schema';
import { ctdcCsv, ctdcExport } from './ctdc';
import { defaultPopulation } from './population';
import { resolvePeriod } from './period';
import { assertMayReadState, readableStates, statisticsPolicies as policies } from './policy';
import { ranking, trends } from './rates';
import { rankingCsv, spotlightCsv, trendsCsv } from './render-csv';
import { SPOTLIGHT_CSS, spotlightFragment, spotlightPage } from './render-html';
import { spotlightPdf } from './render-pdf';
import { Ranking, RankingQuery, Spotlight, SpotlightQuery, Trends, TrendsQuery } from './schema';
import { spotlight } from './spotlight';

const send = (reply: FastifyReply, type: string, body: string | Buffer, filename?: string): FastifyReply => {
  if (filename) reply.header('content-disposition', `attachment; filename="${filename}"`);
  return reply.type(type).header('cache-control', 'no-store').send(body);
};

export const statisticsRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/reports/spotlight',
    summary: 'State Spotlight (or national with no state): JSON, CSV, HTML or a one-page PDF',
    tags: ['statistics'],
    policy: policies.read,
    audit: { kind: 'service' },
    query: SpotlightQuery,
    response: 'raw',
    handler: async ({ query, actor, trx, reply, who }) => {
      const state = query.state ?? null;
      assertMayReadState(actor, state);
      const period = resolvePeriod(query);
      await recordAudit(trx, who, {
        action: 'report.spotlight_read',
        subjectType: 'report',
        subjectId: state ?? 'US',
        details: { ...period, format: query.format },
      });
      const report = Spotlight.parse(
        await spotlight(trx, { hotlineId: actor.hotlineId, state, ...period, threshold: query.threshold }),
      );
      const name = `spotlight-${state ?? 'US'}-${period.from}-${period.to}`;
      switch (query.format) {
        case 'json':
          return send(reply, 'application/json; charset=utf-8', JSON.stringify(report));
        case 'csv':
          return send(reply, 'text/csv; charset=utf-8', spotlightCsv(report), `${name}.csv`);
        case 'html':
          return send(
            reply,
            'text/html; charset=utf-8',
            query.fragment === '1' ? spotlightFragment(report) : spotlightPage(report),
          );
        case 'pdf':
          return send(reply, 'application/pdf', await spotlightPdf(report), `${name}.pdf`);
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/reports/spotlight.css',
    summary: 'Stylesheet for the HTML Spotlight',
    tags: ['statistics'],
    policy: publicAccess('statistics.stylesheet', 'a stylesheet holds no data'),
    audit: { kind: 'not-personal', reason: 'a stylesheet' },
    response: 'raw',
    handler: async ({ reply }) => send(reply, 'text/css; charset=utf-8', SPOTLIGHT_CSS),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/reports/ranking',
    summary: 'States ranked by trafficking cases per 100,000 residents for a year',
    tags: ['statistics'],
    policy: policies.read,
    audit: { kind: 'service' },
    query: RankingQuery,
    response: 'raw',
    handler: async ({ query, actor, trx, reply, who }) => {
      await recordAudit(trx, who, {
        action: 'report.ranking_read',
        subjectType: 'report',
        subjectId: 'ranking',
        details: { year: query.year, asOf: query.asOf ?? null },
      });
      const report = Ranking.parse(
        await ranking(trx, {
          hotlineId: actor.hotlineId,
          year: query.year,
          asOf: query.asOf,
          states: readableStates(actor),
          population: defaultPopulation(),
        }),
      );
      return query.format === 'csv'
        ? send(reply, 'text/csv; charset=utf-8', rankingCsv(report), `ranking-${query.year}.csv`)
        : send(reply, 'application/json; charset=utf-8', JSON.stringify(report));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/reports/trends',
    summary: 'Cases, victims, traffickers and signals per year for a state or the country',
    tags: ['statistics'],
    policy: policies.read,
    audit: { kind: 'service' },
    query: TrendsQuery,
    response: 'raw',
    handler: async ({ query, actor, trx, reply, who }) => {
      const state = query.state ?? null;
      assertMayReadState(actor, state);
      await recordAudit(trx, who, {
        action: 'report.trends_read',
        subjectType: 'report',
        subjectId: state ?? 'US',
        details: { fromYear: query.fromYear, toYear: query.toYear },
      });
      const report = Trends.parse(
        await trends(trx, {
          hotlineId: actor.hotlineId,
          state,
          fromYear: query.fromYear,
          toYear: query.toYear,
          asOf: query.asOf,
          population: defaultPopulation(),
        }),
      );
      return query.format === 'csv'
        ? send(reply, 'text/csv; charset=utf-8', trendsCsv(report), `trends-${state ?? 'US'}.csv`)
        : send(reply, 'application/json; charset=utf-8', JSON.stringify(report));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exports/ctdc',
    summary: "Victim-level open data in CTDC's vocabulary, k-anonymised (CSV)",
    tags: ['statistics'],
    policy: policies.exportOpenData,
    audit: { kind: 'service' },
    query: CtdcQuery,
    response: 'raw',
    handler: async ({ query, actor, trx, reply, who }) => {
      const result = await ctdcExport(trx, { hotlineId: actor.hotlineId, year: query.year, k: query.k });
      await recordAudit(trx, who, {
        action: 'export.ctdc_read',
        subjectType: 'export',
        subjectId: 'ctdc',
        details: { year: query.year, k: result.k, rows: result.rows.length, suppressed: result.suppressed },
      });
      return send(reply, 'text/csv; charset=utf-8', ctdcCsv(result), `ctdc-${query.year}.csv`);
    },
  }),
];
