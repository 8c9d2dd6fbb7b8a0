import { html, raw, type SafeHtml } from '../../platform/html';

export type Lang = 'en' | 'es';

/** The National Hotline's numbers, printed on every public page. */
export const NATIONAL_HOTLINE = {
  phone: '1-888-373-7888',
  tel: '+18883737888',
  textKeyword: 'BEFREE',
  textNumber: '233733',
};

const text = {
  en: {
    skip: 'Skip to content',
    quickExit: 'Quick exit',
    quickExitNote: 'or press Esc',
    menu: 'Site',
    home: 'Home',
    signs: 'Recognise the signs',
    howToReport: 'How to report',
    avoid: 'Stay safe',
    help: 'Find help',
    report: 'Report online',
    chat: 'Chat',
    other: 'Español',
    hotlineLabel: 'National Hotline',
    strip: `In danger right now? Call 911. National Human Trafficking Hotline: call ${NATIONAL_HOTLINE.phone} or text ${NATIONAL_HOTLINE.textKeyword} to ${NATIONAL_HOTLINE.textNumber}, any hour, any language.`,
    footer:
      'This site sets no tracking cookies and loads nothing from other sites. Use a private window on a shared or watched device.',
  },
  es: {
    skip: 'Ir al contenido',
    quickExit: 'Salida rápida',
    quickExitNote: 'o pulse Esc',
    menu: 'Sitio',
    home: 'Inicio',
    signs: 'Reconozca las señales',
    howToReport: 'Cómo denunciar',
    avoid: 'Protéjase',
    help: 'Buscar ayuda',
    report: 'Denunciar en línea',
    chat: 'Chat',
    other: 'English',
    hotlineLabel: 'Línea Nacional',
    strip: `¿En peligro ahora? Llame al 911. Línea Nacional contra la Trata de Personas: llame al ${NATIONAL_HOTLINE.phone} o envíe ${NATIONAL_HOTLINE.textKeyword} al ${NATIONAL_HOTLINE.textNumber}, a toda hora, en cualquier idioma.`,
    footer:
      'Este sitio no usa cookies de seguimiento ni carga nada de otros sitios. Use una ventana privada en un dispositivo compartido o vigilado.',
  },
} as const;

/** '/report' in English is '/es/report' in Spanish. */
export const localPath = (lang: Lang, path: string): string => {
  if (lang === 'en') return path;
  return path === '/' ? '/es' : `/es${path}`;
};

export interface PageOptions {
  lang: Lang;
  title: string;
  /** The English path of this page, to link to its other language. */
  path: string;
  body: SafeHtml;
  /** Extra scripts (same origin only), for pages that are better with JavaScript. */
  scripts?: string[];
}

export function renderPage(o: PageOptions): string {
  const t = text[o.lang];
  const other: Lang = o.lang === 'en' ? 'es' : 'en';
  const nav: Array<[string, string]> = [
    ['/', t.home],
    ['/signs', t.signs],
    ['/how-to-report', t.howToReport],
    ['/avoid', t.avoid],
    ['/help', t.help],
    ['/report', t.report],
    ['/chat', t.chat],
  ];
  return html`<!doctype html>
    <html lang="${o.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noarchive" />
        <title>${o.title} · Waymark</title>
        <link rel="stylesheet" href="/site/site.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip" href="#main">${t.skip}</a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="${localPath(o.lang, '/')}">Waymark</a>
            <nav aria-label="${t.menu}">
              <ul>
                ${nav.map(([p, label]) => html`<li><a href="${localPath(o.lang, p)}" ${p === o.path ? raw(' aria-current="page"') : ''}>${label}</a></li>`)}
              </ul>
            </nav>
            <span class="spacer"></span>
            <a href="${localPath(other, o.path)}" lang="${other}" hreflang="${other}">${t.other}</a>
            <a class="quick-exit" href="https://www.weather.gov/" rel="noreferrer" data-quick-exit
              >${t.quickExit}</a
            >
            <span class="quick-exit-note">${t.quickExitNote}</span>
          </div>
        </header>
        <aside class="hotline-strip" aria-label="${t.hotlineLabel}"><p>${t.strip}</p></aside>
        <main id="main">${o.body}</main>
        <footer class="site-footer"><p>${t.footer}</p></footer>
        <script src="/site/quick-exit.js"></script>
        ${(o.scripts ?? []).map((s) => html`<script src="${s}"></script>`)}
      </body>
    </html>`.value;
}
