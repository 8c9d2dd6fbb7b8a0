/** A printable summary of what was reported for a case: server-rendered, no script. */
import { html } from '../../platform/html';
import type { RequiredReport } from './schema';

const when = (iso: string | null): string =>
  iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '';

export function renderPrintSummary(
  caseReference: string,
  reports: RequiredReport[],
  printedAt = new Date(),
): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="robots" content="noindex" />
        <title>Required reports · ${caseReference} · Waymark</title>
        <link rel="stylesheet" href="/site/site.css" />
      </head>
      <body>
        <main id="main">
          <h1>Required reports for case ${caseReference}</h1>
          <p>Printed ${when(printedAt.toISOString())}. Confidential: contains case information.</p>
          ${
            reports.length === 0
              ? html`<p>No report is required for this case by the jurisdiction rules Waymark holds.</p>`
              : html`<table>
                <thead>
                  <tr>
                    <th scope="col">Report</th>
                    <th scope="col">Agency</th>
                    <th scope="col">Due</th>
                    <th scope="col">Status</th>
                    <th scope="col">When, how, to whom</th>
                    <th scope="col">Reference</th>
                  </tr>
                </thead>
                <tbody>
                  ${reports.map(
                    (r) => html`<tr>
                      <td>${r.jurisdiction}: ${r.title?.en ?? r.ruleId}</td>
                      <td>${r.agency?.name.en ?? ''}</td>
                      <td>${when(r.dueAt)}</td>
                      <td>${r.status}${r.overdue ? ' (overdue)' : ''}</td>
                      <td>
                        ${
                          r.status === 'filed'
                            ? `${when(r.filedAt)}, ${r.filedMethod ?? ''}, ${r.filedTo ?? ''}`
                            : r.status === 'waived'
                              ? `Waived ${when(r.waivedAt)}: ${r.waiveReason ?? ''}`
                              : ''
                        }
                      </td>
                      <td>${r.referenceNumber ?? ''}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
          }
        </main>
      </body>
    </html>`.value;
}
