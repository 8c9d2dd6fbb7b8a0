import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../app/api';
import { FormError } from '../../app/Field';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import type { ClusterLink, EntityType, Explanation, RecordSummary, ReviewItem } from './types';
import { WeightChart } from './WeightChart';

const TYPES: EntityType[] = ['person', 'business', 'signaler'];
const pct = (p: number): string => (p * 100).toFixed(p > 0.99 || p < 0.01 ? 1 : 0);

function RecordCard({
  title,
  r,
  t,
}: {
  title: string;
  r: RecordSummary;
  t: ReturnType<typeof useMessages<keyof typeof messages.en>>;
}) {
  return (
    <div className="panel">
      <h3>{title}</h3>
      <dl className="facts">
        <dt>{t('name')}</dt>
        <dd>{r.name || '—'}</dd>
        {r.birthDate ? (
          <>
            <dt>{t('birth')}</dt>
            <dd>{r.birthDate}</dd>
          </>
        ) : null}
        {r.ageYears !== null ? (
          <>
            <dt>{t('age')}</dt>
            <dd>{r.ageYears}</dd>
          </>
        ) : null}
        {r.phones.length ? (
          <>
            <dt>{t('phones')}</dt>
            <dd>{r.phones.join(', ')}</dd>
          </>
        ) : null}
        {r.emails.length ? (
          <>
            <dt>{t('emails')}</dt>
            <dd>{r.emails.join(', ')}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

export function ReviewQueue() {
  const t = useMessages(messages);
  const [type, setType] = useState<EntityType>('person');
  const [items, setItems] = useState<ReviewItem[]>([]);
  const [open, setOpen] = useState<(ReviewItem & { explanation: Explanation }) | null>(null);
  const [links, setLinks] = useState<{ recordId: string; links: ClusterLink[] } | null>(null);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();

  const fail = (err: unknown) => setError(err instanceof ApiError ? err.message : String(err));
  const load = useCallback(async () => {
    const r = await get<{ items: ReviewItem[] }>(`/api/linkage/review?entityType=${type}`);
    setItems(r.items);
  }, [type]);
  useEffect(() => {
    load().catch(fail);
  }, [load]);

  const review = async (id: string) => {
    setNotice(undefined);
    setLinks(null);
    try {
      setOpen(await get<ReviewItem & { explanation: Explanation }>(`/api/linkage/review/${id}`));
    } catch (err) {
      fail(err);
    }
  };
  const showLinks = async (recordId: string) => {
    const r = await get<{ links: ClusterLink[] }>(`/api/linkage/${type}/${recordId}/links`);
    setLinks({ recordId, links: r.links });
  };
  const decide = async (decision: 'confirm' | 'reject') => {
    if (!open) return;
    try {
      await post(`/api/linkage/review/${open.id}/${decision}`);
      setNotice(decision === 'confirm' ? t('linked') : t('kept'));
      const recordId = open.recordA.id;
      setOpen(null);
      await load();
      if (decision === 'confirm') await showLinks(recordId);
    } catch (err) {
      fail(err);
    }
  };
  const undo = async (linkId: string) => {
    try {
      await post(`/api/linkage/links/${linkId}/undo`);
      setNotice(t('undone'));
      if (links) await showLinks(links.recordId);
      await load();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="hint">{t('help')}</p>
      <div className="tabs" role="group" aria-label={t('title')}>
        {TYPES.map((x) => (
          <button
            key={x}
            type="button"
            aria-pressed={x === type}
            className={x === type ? 'primary' : ''}
            onClick={() => {
              setType(x);
              setOpen(null);
              setLinks(null);
            }}
          >
            {t(x)}
          </button>
        ))}
      </div>
      <FormError message={error} />
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      {links && links.links.length ? (
        <div className="panel">
          <h2>{t('links')}</h2>
          <ul className="plain">
            {links.links.map((l) => (
              <li key={l.id}>
                {pct(l.probability)}% · {l.source}{' '}
                <button type="button" className="small" onClick={() => void undo(l.id)}>
                  {t('undo')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {open ? (
        <div className="review">
          <p>
            <strong>{t('likelihood', { p: pct(open.probability) })}</strong>
          </p>
          <div className="pair">
            <RecordCard title={t('recordA')} r={open.recordA} t={t} />
            <RecordCard title={t('recordB')} r={open.recordB} t={t} />
          </div>
          <h2>{t('why')}</h2>
          <WeightChart explanation={open.explanation} title={t('chart')} />
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('field')}</th>
                <th scope="col">{t('result')}</th>
                <th scope="col">{t('weight')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td colSpan={2}>{t('prior')}</td>
                <td>{open.explanation.prior.toFixed(2)}</td>
              </tr>
              {open.explanation.terms.map((term, i) => (
                <tr key={`${term.field}-${i}`}>
                  <td>{term.label}</td>
                  <td>{term.level}</td>
                  <td>{term.weight.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="actions">
            <button type="button" className="primary" onClick={() => void decide('confirm')}>
              {t('same')}
            </button>{' '}
            <button type="button" onClick={() => void decide('reject')}>
              {t('different')}
            </button>
          </p>
        </div>
      ) : null}
      {items.length === 0 ? <p>{t('none')}</p> : null}
      {items.length ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('recordA')}</th>
              <th scope="col">{t('recordB')}</th>
              <th scope="col">%</th>
              <th scope="col">
                <span className="visually-hidden">{t('open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>{i.recordA.name}</td>
                <td>{i.recordB.name}</td>
                <td>{pct(i.probability)}</td>
                <td>
                  <button type="button" className="small" onClick={() => void review(i.id)}>
                    {t('open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
