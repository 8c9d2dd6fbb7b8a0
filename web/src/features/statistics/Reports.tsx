import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, get } from '../../app/api';
import { BarChart, LineChart } from '../../app/charts';
import { FormError } from '../../app/Field';
import { useSession } from '../../app/session';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import { SpotlightView } from './SpotlightView';
import { STATES_AND_DC as STATES } from '../../../../src/platform/us-states';
import type { Ranking, Spotlight, Trends } from './types';

type Tab = 'spotlight' | 'ranking' | 'trends';
const thisYear = new Date().getUTCFullYear();

export function Reports() {
  const t = useMessages(messages);
  const { session } = useSession();
  const coordinatorStates = session?.user.role === 'coordinator' ? session.user.states : null;
  const states = coordinatorStates ? STATES.filter(([c]) => coordinatorStates.includes(c)) : STATES;
  const [tab, setTab] = useState<Tab>('spotlight');
  const [state, setState] = useState<string>(coordinatorStates?.[0] ?? '');
  const [year, setYear] = useState(thisYear - 1);
  const [fromYear, setFromYear] = useState(thisYear - 10);
  const [spotlight, setSpotlight] = useState<Spotlight>();
  const [ranking, setRanking] = useState<Ranking>();
  const [trends, setTrends] = useState<Trends>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const query = `state=${encodeURIComponent(state)}&year=${year}`.replace(/^state=&/, '');
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (tab === 'spotlight') setSpotlight(await get<Spotlight>(`/api/reports/spotlight?${query}`));
      if (tab === 'ranking') setRanking(await get<Ranking>(`/api/reports/ranking?year=${year}`));
      if (tab === 'trends') {
        const q = `${state ? `state=${state}&` : ''}fromYear=${fromYear}&toYear=${year}`;
        setTrends(await get<Trends>(`/api/reports/trends?${q}`));
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  // Loads when the tab changes; the form's button loads new choices.
  useEffect(() => {
    void run();
  }, [tab]);

  const tabs: Tab[] = coordinatorStates ? ['spotlight', 'trends'] : ['spotlight', 'ranking', 'trends'];
  return (
    <section>
      <h1>{t('title')}</h1>
      <div className="tabs" role="group" aria-label={t('title')}>
        {tabs.map((x) => (
          <button
            key={x}
            type="button"
            aria-pressed={x === tab}
            className={x === tab ? 'primary' : ''}
            onClick={() => setTab(x)}
          >
            {t(x)}
          </button>
        ))}
      </div>
      <form
        className="filters"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void run();
        }}
      >
        {tab !== 'ranking' ? (
          <label>
            {t('state')}
            <select value={state} onChange={(e) => setState(e.target.value)}>
              {coordinatorStates ? null : <option value="">{t('nation')}</option>}
              {states.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {tab === 'trends' ? (
          <label>
            {t('fromYear')}
            <input
              type="number"
              min={1990}
              max={thisYear}
              value={fromYear}
              onChange={(e) => setFromYear(Number(e.target.value))}
            />
          </label>
        ) : null}
        <label>
          {tab === 'trends' ? t('toYear') : t('year')}
          <input
            type="number"
            min={1990}
            max={thisYear}
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('show')}
        </button>
      </form>
      <FormError message={error} />
      {tab === 'spotlight' && spotlight ? (
        <SpotlightView s={spotlight} downloadBase={`/api/reports/spotlight?${query}`} />
      ) : null}
      {tab === 'ranking' && ranking ? <RankingView r={ranking} /> : null}
      {tab === 'trends' && trends ? <TrendsView tr={trends} /> : null}
    </section>
  );
}

function RankingView({ r }: { r: Ranking }) {
  const t = useMessages(messages);
  const top = r.rows.slice(0, 15).map((row) => ({ label: row.name, value: row.casesPer100k }));
  return (
    <>
      <p className="hint">
        {t('asOf').replace('{date}', r.asOf)} ·{' '}
        {t('populationSource').replace('{source}', r.populationSource)}
      </p>
      <div className="panel">
        <h3>{t('rankingChart')}</h3>
        <BarChart title={t('rankingChart')} bars={top} format={(n) => n.toFixed(2)} />
      </div>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('rank')}</th>
            <th scope="col">{t('state')}</th>
            <th scope="col">{t('cases')}</th>
            <th scope="col">{t('population')}</th>
            <th scope="col">{t('casesPer100k')}</th>
            <th scope="col">{t('victimsPer100k')}</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.map((row) => (
            <tr key={row.state}>
              <td>{row.rank}</td>
              <td>{row.name}</td>
              <td>{row.cases.toLocaleString()}</td>
              <td>{row.population.toLocaleString()}</td>
              <td>{row.casesPer100k.toFixed(2)}</td>
              <td>{row.victimsPer100k.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function TrendsView({ tr }: { tr: Trends }) {
  const t = useMessages(messages);
  return (
    <>
      <h2>{tr.scope.name}</h2>
      <div className="panel">
        <LineChart
          title={t('trendsChart')}
          series={[
            { name: t('cases'), points: tr.years.map((y) => ({ x: y.year, y: y.cases })) },
            { name: t('victims'), points: tr.years.map((y) => ({ x: y.year, y: y.victims })) },
          ]}
        />
      </div>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('year')}</th>
            <th scope="col">{t('cases')}</th>
            <th scope="col">{t('victims')}</th>
            <th scope="col">{t('traffickers')}</th>
            <th scope="col">{t('signals')}</th>
            <th scope="col">{t('casesPer100k')}</th>
          </tr>
        </thead>
        <tbody>
          {tr.years.map((y) => (
            <tr key={y.year}>
              <td>{y.year}</td>
              <td>{y.cases.toLocaleString()}</td>
              <td>{y.victims.toLocaleString()}</td>
              <td>{y.traffickers.toLocaleString()}</td>
              <td>{y.signals.toLocaleString()}</td>
              <td>{y.casesPer100k === null ? '—' : y.casesPer100k.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
