import { useState, type FormEvent } from 'react';
import { post } from '../../app/api';
import { Field, FormError } from '../../app/Field';
import { useI18n, useMessages } from '../../i18n/i18n';
import { TYPOLOGY, US_STATES, VENUE_TYPES } from '../../../../src/features/cases/vocabulary';
import { VENUE_LABELS } from './labels';
import { caseMessages } from './messages';
import type { CaseDetail } from './types';
import { fieldError, SelectField } from './ui';

const noBusiness = { name: '', typology: '', address: '', city: '', state: '', phone: '' };
const noLocation = { venueType: '', address: '', city: '', county: '', state: '' };

export function PlacesPanel({ kase, onSaved }: { kase: CaseDetail; onSaved: () => Promise<void> }) {
  const t = useMessages(caseMessages);
  const { lang } = useI18n();
  const [business, setBusiness] = useState(noBusiness);
  const [location, setLocation] = useState(noLocation);
  const [bError, setBError] = useState<unknown>();
  const [lError, setLError] = useState<unknown>();
  const typologyName = (slug: string | null) => TYPOLOGY.find((x) => x.slug === slug)?.[lang] ?? '';

  const addBusiness = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post(`/api/cases/${kase.id}/businesses`, {
        ...business,
        typology: business.typology || null,
        state: business.state || null,
      });
      setBusiness(noBusiness);
      setBError(undefined);
      await onSaved();
    } catch (err) {
      setBError(err);
    }
  };
  const addLocation = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post(`/api/cases/${kase.id}/locations`, { ...location, state: location.state || null });
      setLocation(noLocation);
      setLError(undefined);
      await onSaved();
    } catch (err) {
      setLError(err);
    }
  };

  return (
    <div className="panel">
      <h2>{t('businesses')}</h2>
      <ul>
        {kase.businesses.map((b) => (
          <li key={b.id}>
            <strong>{b.name}</strong>{' '}
            {b.typology ? <span className="badge">{typologyName(b.typology)}</span> : null}{' '}
            <span className="muted">{[b.address, b.city, b.state, b.phone].filter(Boolean).join(', ')}</span>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void addBusiness(e)} noValidate aria-label={t('addBusiness')}>
        <FormError
          message={
            bError &&
            !fieldError(bError, 'name') &&
            !fieldError(bError, 'state') &&
            !fieldError(bError, 'phone')
              ? t('error')
              : undefined
          }
        />
        <div className="row">
          <Field
            label={t('name')}
            value={business.name}
            onChange={(e) => setBusiness({ ...business, name: e.target.value })}
            error={fieldError(bError, 'name')}
          />
          <SelectField
            label={t('typology')}
            value={business.typology}
            onChange={(e) => setBusiness({ ...business, typology: e.target.value })}
          >
            <option value="">—</option>
            {TYPOLOGY.map((x) => (
              <option key={x.slug} value={x.slug}>
                {x[lang]}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="row">
          <Field
            label={t('address')}
            value={business.address}
            onChange={(e) => setBusiness({ ...business, address: e.target.value })}
          />
          <Field
            label={t('city')}
            value={business.city}
            onChange={(e) => setBusiness({ ...business, city: e.target.value })}
          />
          <SelectField
            label={t('state')}
            value={business.state}
            onChange={(e) => setBusiness({ ...business, state: e.target.value })}
            error={fieldError(bError, 'state')}
          >
            <option value="">—</option>
            {US_STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </SelectField>
          <Field
            label={t('phone')}
            value={business.phone}
            onChange={(e) => setBusiness({ ...business, phone: e.target.value })}
            error={fieldError(bError, 'phone')}
          />
        </div>
        <button type="submit">{t('addBusiness')}</button>
      </form>

      <h2>{t('locations')}</h2>
      <ul>
        {kase.locations.map((l) => (
          <li key={l.id}>
            <strong>{VENUE_LABELS[l.venueType]?.[lang] ?? l.venueType}</strong>{' '}
            <span className="muted">{[l.address, l.city, l.county, l.state].filter(Boolean).join(', ')}</span>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void addLocation(e)} noValidate aria-label={t('addLocation')}>
        <div className="row">
          <SelectField
            label={t('venue')}
            value={location.venueType}
            onChange={(e) => setLocation({ ...location, venueType: e.target.value })}
            error={fieldError(lError, 'venueType')}
          >
            <option value="">—</option>
            {VENUE_TYPES.map((v) => (
              <option key={v} value={v}>
                {VENUE_LABELS[v]?.[lang] ?? v}
              </option>
            ))}
          </SelectField>
          <Field
            label={t('address')}
            value={location.address}
            onChange={(e) => setLocation({ ...location, address: e.target.value })}
          />
        </div>
        <div className="row">
          <Field
            label={t('city')}
            value={location.city}
            onChange={(e) => setLocation({ ...location, city: e.target.value })}
          />
          <Field
            label={t('county')}
            value={location.county}
            onChange={(e) => setLocation({ ...location, county: e.target.value })}
          />
          <SelectField
            label={t('state')}
            value={location.state}
            onChange={(e) => setLocation({ ...location, state: e.target.value })}
            error={fieldError(lError, 'state')}
          >
            <option value="">—</option>
            {US_STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </SelectField>
        </div>
        <button type="submit">{t('addLocation')}</button>
      </form>
    </div>
  );
}
