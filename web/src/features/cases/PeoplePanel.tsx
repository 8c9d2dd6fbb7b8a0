import { useState, type FormEvent } from 'react';
import { post } from '../../app/api';
import { FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { PERSON_ROLES } from '../../../../src/features/cases/vocabulary';
import { GENDER_LABELS } from './labels';
import { caseMessages, type CaseMessageKey } from './messages';
import { PersonForm } from './PersonForm';
import { personMessages } from './person-messages';
import type { CaseDetail, Person } from './types';

function PersonRow({ p, onEdit }: { p: Person; onEdit: () => void }) {
  const t = useMessages(caseMessages);
  const tp = useMessages(personMessages);
  const { lang } = useI18n();
  const facts = [
    p.ageYears != null ? `${t('age')} ${p.ageYears}` : p.birthDate ? `${t('birthDate')} ${p.birthDate}` : '',
    p.gender ? (GENDER_LABELS[p.gender]?.[lang] ?? p.gender) : '',
    p.nationality ?? '',
    p.languages.join(', '),
    p.phones.join(', '),
    p.emails.join(', '),
  ].filter(Boolean);
  return (
    <li className="person">
      <strong>{p.fullName ?? p.aliases[0] ?? '—'}</strong>{' '}
      <span className="badge">{t(`role.${p.role}` as CaseMessageKey)}</span>{' '}
      {p.isMinor ? <span className="badge high">{t('minor')}</span> : null}
      {p.aliases.length ? <span className="muted"> “{p.aliases.join('”, “')}”</span> : null}
      <div className="muted">{facts.join(' · ')}</div>
      {p.identifyingDetails ? <div>{p.identifyingDetails}</div> : null}
      <button
        type="button"
        className="link"
        aria-label={tp('editLabel', {
          name: p.fullName ?? p.aliases[0] ?? t(`role.${p.role}` as CaseMessageKey),
        })}
        onClick={onEdit}
      >
        {tp('edit')}
      </button>
    </li>
  );
}

export function PeoplePanel({ kase, onSaved }: { kase: CaseDetail; onSaved: () => Promise<void> }) {
  const t = useMessages(caseMessages);
  const [open, setOpen] = useState(false);
  // The person being changed, as "id:role" (a person can hold more than one role in a case).
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [group, setGroup] = useState({ role: 'victim', count: '', includesMinors: false });

  const addGroup = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post(`/api/cases/${kase.id}/groups`, {
        role: group.role,
        count: Number(group.count),
        includesMinors: group.includesMinors,
      });
      setGroup({ role: 'victim', count: '', includesMinors: false });
      setError(undefined);
      await onSaved();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="panel">
      <h2>{t('people')}</h2>
      <ul className="people">
        {kase.people.map((p) =>
          editing === `${p.id}:${p.role}` ? (
            <li key={`${p.id}:${p.role}`} className="person">
              <PersonForm
                caseId={kase.id}
                person={p}
                onDone={async (saved) => {
                  setEditing(undefined);
                  if (saved) await onSaved();
                }}
              />
            </li>
          ) : (
            <PersonRow key={`${p.id}:${p.role}`} p={p} onEdit={() => setEditing(`${p.id}:${p.role}`)} />
          ),
        )}
        {kase.groups.map((g) => (
          <li key={g.id}>
            <strong>{g.count}</strong> <span className="badge">{t(`role.${g.role}` as CaseMessageKey)}</span>{' '}
            {g.includesMinors ? <span className="badge high">{t('includesMinors')}</span> : null}{' '}
            {g.description ?? ''}
          </li>
        ))}
      </ul>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          {t('addPerson')}
        </button>
      ) : (
        <PersonForm
          caseId={kase.id}
          onDone={async (saved) => {
            setOpen(false);
            if (saved) await onSaved();
          }}
        />
      )}
      <FormError message={error ? t('error') : undefined} />
      <form className="filters" onSubmit={(e) => void addGroup(e)} aria-label={t('groups')}>
        <label>
          {t('groups')}: {t('role')}
          <select value={group.role} onChange={(e) => setGroup({ ...group, role: e.target.value })}>
            {PERSON_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('count')}
          <input
            type="number"
            min={1}
            value={group.count}
            onChange={(e) => setGroup({ ...group, count: e.target.value })}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={group.includesMinors}
            onChange={(e) => setGroup({ ...group, includesMinors: e.target.checked })}
          />{' '}
          {t('includesMinors')}
        </label>
        <button type="submit">{t('add')}</button>
      </form>
    </div>
  );
}
