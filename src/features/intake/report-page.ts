/** Server-rendered report pages: they work with JavaScript off; /site/report.js makes them nicer. */
import { html, type SafeHtml } from '../../platform/html';
import { PLACE_CODES } from '../../platform/us-states';
import { localPath, renderPage, type Lang } from '../public-site/layout';
import { REPORTER_ROLES } from './report-schema';
import { fieldMessageEs, reportText } from './report-text';

export type Values = Record<string, string | undefined>;

/**
 * Where one public form lives: the English path of its page (its Spanish twin is under /es) and the
 * JSON route the page's script sends to. `/report` is the `default` slug's form; `/report/<slug>`
 * is the form of the hotline whose webform channel has that slug.
 */
export interface FormPlace {
  path: string;
  api: string;
}
export const DEFAULT_FORM: FormPlace = { path: '/report', api: '/api/public/reports' };
/** The form of a slug already checked to be one (lowercase letters, digits and dashes). */
export const formAt = (slug: string): FormPlace => ({
  path: `/report/${slug}`,
  api: `/api/public/forms/${slug}/reports`,
});
export type FieldErrors = Record<string, string>;

/** "body.what" -> "what"; Spanish pages get Spanish messages. */
export function fieldErrorsFrom(details: unknown, lang: Lang): FieldErrors {
  const out: FieldErrors = {};
  const fields = (details as { fields?: Array<{ path: string; message: string }> } | undefined)?.fields ?? [];
  for (const f of fields) {
    const name = f.path.split('.').pop() ?? f.path;
    out[name] ??= lang === 'es' ? (fieldMessageEs[name] ?? f.message) : f.message;
  }
  return out;
}

function errorFor(name: string, errors: FieldErrors): SafeHtml | string {
  const e = errors[name];
  return e ? html`<p class="field-error" id="${name}-error">${e}</p>` : '';
}

const describedBy = (name: string, errors: FieldErrors, hint = false): string =>
  [hint ? `${name}-hint` : '', errors[name] ? `${name}-error` : ''].filter(Boolean).join(' ');

function textField(
  o: { name: string; label: string; type?: string; hint?: string; autocomplete?: string },
  v: Values,
  errors: FieldErrors,
): SafeHtml {
  const by = describedBy(o.name, errors, !!o.hint);
  return html`<div class="field">
    <label for="${o.name}">${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : ''}
    ${errorFor(o.name, errors)}
    <input id="${o.name}" name="${o.name}" type="${o.type ?? 'text'}" value="${v[o.name] ?? ''}"
      autocomplete="${o.autocomplete ?? 'off'}" ${by ? html`aria-describedby="${by}"` : ''}
      ${errors[o.name] ? html`aria-invalid="true"` : ''} />
  </div>`;
}

function radios(
  name: string,
  legend: string,
  options: Array<[string, string]>,
  v: Values,
  errors: FieldErrors,
  fallback: string,
): SafeHtml {
  const current = v[name] ?? fallback;
  return html`<fieldset class="field" id="${name}-group">
    <legend>${legend}</legend>
    ${errorFor(name, errors)}
    ${options.map(
      ([value, label]) => html`<label class="choice"><input type="radio" name="${name}" value="${value}"
        ${current === value ? html`checked` : ''} /> ${label}</label>`,
    )}
  </fieldset>`;
}

export function reportFormPage(o: {
  lang: Lang;
  token: string;
  form?: FormPlace;
  values?: Values;
  errors?: FieldErrors;
  expired?: boolean;
}): string {
  const t = reportText[o.lang];
  const form = o.form ?? DEFAULT_FORM;
  const v = o.values ?? {};
  const errors = o.errors ?? {};
  const yesNo: Array<[string, string]> = [
    ['yes', t.yes],
    ['no', t.no],
    ['unknown', t.unknown],
  ];
  const hasErrors = Object.keys(errors).length > 0;
  const body = html`<h1>${t.title}</h1>
    <p>${t.intro}</p>
    <p class="danger-notice">${t.dangerNote}</p>
    ${o.expired ? html`<div class="error-summary" role="alert"><p>${t.expired}</p></div>` : ''}
    ${hasErrors ? html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary"><p>${t.errors}</p><ul>${Object.entries(errors).map(([k, m]) => html`<li><a href="#${k}">${m}</a></li>`)}</ul></div>` : ''}
    <form method="post" action="${localPath(o.lang, form.path)}" id="report-form" novalidate
      data-api="${form.api}" data-receipt="${JSON.stringify(receiptText(o.lang))}">
      <input type="hidden" name="_csrf" value="${o.token}" />
      <input type="hidden" name="language" value="${o.lang}" />
      <div class="field">
        <label for="what">${t.what}</label>
        <p class="hint" id="what-hint">${t.whatHint}</p>
        ${errorFor('what', errors)}
        <textarea id="what" name="what" rows="6" required aria-describedby="${describedBy('what', errors, true)}"
          ${errors.what ? html`aria-invalid="true"` : ''}>${v.what ?? ''}</textarea>
      </div>
      <fieldset class="field">
        <legend>${t.where}</legend>
        <div class="field">
          <label for="state">${t.state}</label>
          ${errorFor('state', errors)}
          <select id="state" name="state">
            <option value="">${t.stateNone}</option>
            ${PLACE_CODES.map((s) => html`<option value="${s}" ${v.state === s ? html`selected` : ''}>${s}</option>`)}
          </select>
        </div>
        ${textField({ name: 'city', label: t.city }, v, errors)}
      </fieldset>
      ${textField({ name: 'when', label: t.when }, v, errors)}
      <div class="field">
        <label for="who">${t.who}</label>
        <p class="hint" id="who-hint">${t.whoHint}</p>
        ${errorFor('who', errors)}
        <textarea id="who" name="who" rows="4" aria-describedby="${describedBy('who', errors, true)}">${v.who ?? ''}</textarea>
      </div>
      ${radios('minors', t.minors, yesNo, v, errors, 'unknown')}
      ${radios('danger', t.danger, yesNo, v, errors, 'unknown')}
      <p class="danger-notice" id="danger-callout" hidden>${t.dangerYes}</p>
      ${radios(
        'role',
        t.role,
        REPORTER_ROLES.map((r) => [r, t.roles[r]]),
        v,
        errors,
        'other',
      )}
      ${radios(
        'contactOk',
        t.contact,
        [
          ['no', t.contactNo],
          ['yes', t.contactYes],
        ],
        v,
        errors,
        'no',
      )}
      <div id="contact-details">
        ${textField({ name: 'contactName', label: t.contactName }, v, errors)}
        ${textField({ name: 'contactPhone', label: t.contactPhone, type: 'tel' }, v, errors)}
        ${textField({ name: 'contactEmail', label: t.contactEmail, type: 'email' }, v, errors)}
        ${textField({ name: 'contactInstructions', label: t.contactInstructions }, v, errors)}
      </div>
      <div class="visually-hidden" aria-hidden="true">
        <label for="website">${t.honeypot}</label>
        <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" value="" />
      </div>
      <button class="primary" type="submit">${t.send}</button>
    </form>
    <p><a href="${localPath(o.lang, `${form.path}/add`)}">${t.addLink}</a></p>`;
  return renderPage({ lang: o.lang, title: t.title, path: form.path, body, scripts: ['/site/report.js'] });
}

/** The receipt's words, for report.js to show the same receipt without leaving the page. */
const receiptText = (lang: Lang): Record<string, string | Record<string, string>> => {
  const t = reportText[lang];
  return {
    thanks: t.thanks,
    callFirst: t.callFirst,
    codeIs: t.codeIs,
    secretIs: t.secretIs,
    keep: t.keep,
    errors: t.errors,
    fields: lang === 'es' ? fieldMessageEs : {},
  };
};

export function receiptPage(o: {
  lang: Lang;
  referenceCode: string;
  secret: string;
  danger: boolean;
  form?: FormPlace;
}): string {
  const t = reportText[o.lang];
  const form = o.form ?? DEFAULT_FORM;
  const body = html`<h1>${t.thanks}</h1>
    ${o.danger ? html`<p class="danger-notice" role="alert">${t.callFirst}</p>` : ''}
    <div class="notice" id="receipt">
      <p>${t.codeIs}: <strong data-reference-code>${o.referenceCode}</strong></p>
      <p>${t.secretIs}: <strong data-secret>${o.secret}</strong></p>
    </div>
    <p>${t.keep}</p>
    <p><a href="${localPath(o.lang, `${form.path}/add`)}">${t.addLink}</a></p>`;
  return renderPage({ lang: o.lang, title: t.thanks, path: form.path, body });
}

export function addPage(o: {
  lang: Lang;
  values?: Values;
  errors?: FieldErrors;
  done?: string;
  form?: FormPlace;
}): string {
  const t = reportText[o.lang];
  const path = `${(o.form ?? DEFAULT_FORM).path}/add`;
  const v = o.values ?? {};
  const errors = o.errors ?? {};
  const body = o.done
    ? html`<h1>${t.addTitle}</h1><p class="notice" role="status">${t.added.replace('{code}', o.done)}</p>`
    : html`<h1>${t.addTitle}</h1>
        <p>${t.addIntro}</p>
        <form method="post" action="${localPath(o.lang, path)}" novalidate>
          ${textField({ name: 'referenceCode', label: t.referenceCode }, v, errors)}
          ${textField({ name: 'secret', label: t.secret }, v, errors)}
          <div class="field">
            <label for="more">${t.more}</label>
            ${errorFor('more', errors)}
            <textarea id="more" name="more" rows="6">${v.more ?? ''}</textarea>
          </div>
          <button class="primary" type="submit">${t.addSend}</button>
        </form>`;
  return renderPage({ lang: o.lang, title: t.addTitle, path, body });
}

export function notSetUpPage(lang: Lang): string {
  const t = reportText[lang];
  return renderPage({
    lang,
    title: t.title,
    path: '/report',
    body: html`<h1>${t.title}</h1><p>${t.notSetUp}</p>`,
  });
}

/** An address under /report that is no hotline's form: nothing more is said about it. */
export function noSuchFormPage(lang: Lang, path: string): string {
  const t = reportText[lang];
  return renderPage({
    lang,
    title: t.noSuchForm,
    path,
    body: html`<h1>${t.noSuchForm}</h1><p>${t.noSuchFormHint}</p>`,
  });
}
