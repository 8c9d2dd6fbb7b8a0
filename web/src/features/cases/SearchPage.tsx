import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, get } from '../../app/api';
import { Field, FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { US_STATES } from '../../../../src/features/cases/vocabulary';
import { TRAFFICKING_TYPES } from '../../../../src/features/screening/rules';
import { caseMessages, type CaseMessageKey } from './messages';

export interface Hit {
  kind: string;
  id: string;
  label: string;
  matchedOn: string;
  role: string | null;
  case: { id: string; referenceCode: string; status: string; traffickingType: string };
}

/** The search box and its results; `action` puts a button on each hit (attach a signal to that case). */
export function SearchBox({ action }: { action?: { label: string; run: (caseId: string) => void } }) {
  const t = useMessages(caseMessages);
  const { lang } = useI18n();
  const [q, setQ] = useState('');
  const [state, setState] = useState('');
  const [type, setType] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreThan, setMoreThan] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const last = useRef('');
  const run = async (after: string | null) => {
    const p = new URLSearchParams({ q });
    if (state) p.set('state', state);
    if (type) p.set('type', type);
    if (after) p.set('cursor', after);
    try {
      const res = await get<{ items: Hit[]; nextCursor: string | null; moreThan: number | null }>(
        `/api/search?${p.toString()}`,
      );
      setHits((prev) => (after && prev ? [...prev, ...res.items] : res.items));
      setCursor(res.nextCursor);
      setMoreThan(res.moreThan);
      setError(undefined);
      last.current = q;
    } catch (err) {
      setError(err);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(null);
  };
  return (
    <div>
      <form className="filters" role="search" onSubmit={submit}>
        <Field
          label={t('query')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          error={error instanceof ApiError ? error.fieldMessage('q') : undefined}
          autoComplete="off"
        />
        <label>
          {t('state')}
          <select value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">{t('any')}</option>
            {US_STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          {t('type')}
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t('any')}</option>
            {TRAFFICKING_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`ty.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('find')}
        </button>
      </form>
      <FormError
        message={error && !(error instanceof ApiError && error.fieldMessage('q')) ? t('error') : undefined}
      />
      {/* Only the best-ranked matches of a very common name are shown: the advocate should narrow it. */}
      {hits !== null && moreThan !== null ? (
        <p role="status" className="notice">
          {t('moreThan', { n: moreThan.toLocaleString(lang) })}
        </p>
      ) : null}
      {hits === null ? null : hits.length === 0 ? (
        <p role="status">{t('none')}</p>
      ) : (
        <table className="data" aria-label={t('results')}>
          <thead>
            <tr>
              <th scope="col">{t('kind')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('matched')}</th>
              <th scope="col">{t('case')}</th>
              <th scope="col">{t('status')}</th>
              {action ? (
                <th scope="col">
                  <span className="visually-hidden">{action.label}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {hits.map((h) => (
              <tr key={`${h.kind}:${h.id}:${h.case.id}`}>
                <td>
                  {t(`kind.${h.kind}` as CaseMessageKey)}
                  {h.role && h.kind === 'person' ? ` (${t(`role.${h.role}` as CaseMessageKey)})` : ''}
                </td>
                <td>{h.label}</td>
                <td>{t(`m.${h.matchedOn}` as CaseMessageKey)}</td>
                <td>
                  <Link to={`/console/cases/${h.case.id}`}>{h.case.referenceCode}</Link>
                </td>
                <td>{t(`st.${h.case.status}` as CaseMessageKey)}</td>
                {action ? (
                  <td>
                    <button type="button" className="small" onClick={() => action.run(h.case.id)}>
                      {action.label} {h.case.referenceCode}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor ? (
        <button type="button" onClick={() => void run(cursor)}>
          {t('more')}
        </button>
      ) : null}
    </div>
  );
}

export function SearchPage() {
  const t = useMessages(caseMessages);
  return (
    <section>
      <h1>{t('search')}</h1>
      <SearchBox />
    </section>
  );
}
