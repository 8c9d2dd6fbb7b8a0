/**
 * The Spotlight as server-rendered HTML: a fragment the console can embed, or a whole page.
 * No inline styles or scripts (the Content-Security-Policy allows neither): layout comes from
 * /api/reports/spotlight.css and the bars are SVG with presentation attributes.
 */
import type { Breakdown, Spotlight } from './schema';
import { CHANNEL_LABELS, CHANNELS, TRAFFICKING_TYPE_LABELS } from './vocabulary';

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function bars(items: Array<{ label: string; value: number | null; display: string }>): string {
  const max = Math.max(1, ...items.map((i) => i.value ?? 0));
  const rowH = 22;
  const rows = items
    .map((item, i) => {
      const w = item.value === null ? 0 : Math.round((item.value / max) * 200);
      const y = i * rowH;
      return (
        `<text x="0" y="${y + 15}" font-size="12">${esc(item.label)}</text>` +
        `<rect x="230" y="${y + 4}" width="${w}" height="14" fill="#1f5f8b"></rect>` +
        `<text x="${236 + w}" y="${y + 15}" font-size="12">${esc(item.display)}</text>`
      );
    })
    .join('');
  return `<svg class="wm-bars" role="img" viewBox="0 0 540 ${items.length * rowH}" width="540" height="${items.length * rowH}">${rows}</svg>`;
}

function breakdownTable(caption: string, b: Breakdown): string {
  if (b.withheld) return `<p class="wm-withheld">${esc(caption)}: not shown, too few to publish safely.</p>`;
  const rows = b.cells
    .map((c) => `<tr><th scope="row">${esc(c.label)}</th><td>${esc(c.display)}</td></tr>`)
    .join('');
  return `<table class="wm-breakdown"><caption>${esc(caption)}</caption><tbody>${rows}</tbody></table>`;
}

export function spotlightFragment(s: Spotlight): string {
  const types = [
    [TRAFFICKING_TYPE_LABELS.sex, s.cases.sex],
    [TRAFFICKING_TYPE_LABELS.labor, s.cases.labor],
    [TRAFFICKING_TYPE_LABELS.sex_and_labor, s.cases.sexAndLabor],
    [TRAFFICKING_TYPE_LABELS.not_specified, s.cases.notSpecified],
  ] as const;
  const year =
    s.period.from.slice(0, 4) === s.period.to.slice(0, 4)
      ? s.period.from.slice(0, 4)
      : `${s.period.from} – ${s.period.to}`;
  return `<article class="wm-spotlight">
<header><h1>${esc(s.scope.name)} Spotlight</h1><p class="wm-sub">${esc(year)} ${esc(s.hotline)} statistics</p></header>
<section class="wm-headline">
<div><span class="wm-n">${s.victimsIdentified}</span> Victims identified</div>
<div><span class="wm-n">${s.traffickersIdentified}</span> Traffickers identified</div>
<div><span class="wm-n">${s.traffickingBusinesses}</span> Trafficking businesses</div>
</section>
<section><h2>Locations of trafficking<sup>1</sup></h2>
${s.locations.withheld ? breakdownTable('Locations', s.locations) : bars(s.locations.cells)}</section>
<section><h2>${s.cases.total} Trafficking cases</h2>
${bars(types.map(([label, v]) => ({ label: label + (label === TRAFFICKING_TYPE_LABELS.not_specified ? ' (2)' : ''), value: v, display: String(v) })))}</section>
<section><h2>Communication to the hotline</h2>
${bars(CHANNELS.map((c) => ({ label: CHANNEL_LABELS[c], value: s.signals[c], display: String(s.signals[c]) })))}</section>
<section class="wm-more">
${breakdownTable('Victims by gender', s.victimGender)}
${breakdownTable('Victims by age', s.victimAge)}
${breakdownTable('Who contacted the hotline', s.signalerTypes)}
</section>
<footer><ol>${s.footnotes.map((f) => `<li>${esc(f)}</li>`).join('')}</ol></footer>
</article>`;
}

export function spotlightPage(s: Spotlight): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${esc(s.scope.name)} Spotlight</title>
<link rel="stylesheet" href="/api/reports/spotlight.css"></head><body>${spotlightFragment(s)}</body></html>`;
}

export const SPOTLIGHT_CSS = `.wm-spotlight{font-family:system-ui,sans-serif;max-width:760px;margin:1rem auto;color:#1b1b1b}
.wm-spotlight h1{margin:0;color:#1f5f8b}.wm-sub{margin:.2rem 0 1rem;color:#555}
.wm-headline{display:flex;gap:1rem}.wm-headline div{flex:1;border:1px solid #ccd;padding:.6rem;text-align:center}
.wm-n{display:block;font-size:2rem;font-weight:700;color:#1f5f8b}
.wm-breakdown{border-collapse:collapse;margin:.5rem 1rem .5rem 0;display:inline-table}
.wm-breakdown th,.wm-breakdown td{border-bottom:1px solid #dde;padding:.15rem .5rem;text-align:left}
.wm-spotlight footer{font-size:.8rem;color:#444}`;
