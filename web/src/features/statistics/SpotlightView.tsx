import { BarChart } from '../../app/charts';
import { useMessages } from '../../i18n/i18n';
import { messages, type StatsKey } from './messages';
import type { Breakdown, Spotlight } from './types';

function BreakdownBlock({ title, b, t }: { title: string; b: Breakdown; t: (k: StatsKey) => string }) {
  if (b.cells.length === 0) return null;
  return (
    <div className="panel">
      <h3>{title}</h3>
      <div className="chart-and-table">
        <BarChart
          title={title}
          bars={b.cells.map((c) => ({ label: c.label, value: c.value, display: c.display }))}
        />
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('category')}</th>
              <th scope="col">{t('count')}</th>
            </tr>
          </thead>
          <tbody>
            {b.cells.map((c) => (
              <tr key={c.key}>
                <td>{c.label}</td>
                <td>{c.display}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A chart and the table of the same numbers, side by side. */
function FigureBlock({ title, rows }: { title: string; rows: Array<{ label: string; value: number }> }) {
  return (
    <div className="panel">
      <h3>{title}</h3>
      <div className="chart-and-table">
        <BarChart title={title} bars={rows} />
        <table className="data">
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.value.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function SpotlightView({ s, downloadBase }: { s: Spotlight; downloadBase: string }) {
  const t = useMessages(messages);
  const types = [
    { label: t('sex'), value: s.cases.sex },
    { label: t('labor'), value: s.cases.labor },
    { label: t('sexAndLabor'), value: s.cases.sexAndLabor },
    { label: t('notSpecified'), value: s.cases.notSpecified },
  ];
  const channels = (['phone', 'webform', 'email', 'text', 'webchat'] as const).map((c) => ({
    label: t(c),
    value: s.signals[c],
  }));
  return (
    <article className="spotlight">
      <h2>
        {s.scope.name} · {s.period.from} – {s.period.to}
      </h2>
      <p className="hint">{t('asOf').replace('{date}', s.asOf)}</p>
      <div className="headline">
        {(
          [
            ['victims', s.victimsIdentified],
            ['traffickers', s.traffickersIdentified],
            ['businesses', s.traffickingBusinesses],
            ['cases', s.cases.total],
          ] as const
        ).map(([k, v]) => (
          <div key={k} className="figure">
            <span className="number">{v.toLocaleString()}</span>
            <span className="label">{t(k)}</span>
          </div>
        ))}
      </div>
      <FigureBlock title={t('casesByType')} rows={types} />
      <FigureBlock title={t('signalsByChannel')} rows={channels} />
      <BreakdownBlock title={t('locations')} b={s.locations} t={t} />
      <BreakdownBlock title={t('victimGender')} b={s.victimGender} t={t} />
      <BreakdownBlock title={t('victimAge')} b={s.victimAge} t={t} />
      <BreakdownBlock title={t('signalerTypes')} b={s.signalerTypes} t={t} />
      {s.footnotes.length ? (
        <div className="panel">
          <h3>{t('notes')}</h3>
          <ol className="footnotes">
            {s.footnotes.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ol>
        </div>
      ) : null}
      <p>
        {t('download')}:{' '}
        {(['pdf', 'csv', 'json'] as const).map((f) => (
          <a key={f} className="download" href={`${downloadBase}&format=${f}`} download>
            {f.toUpperCase()}
          </a>
        ))}
      </p>
    </article>
  );
}
