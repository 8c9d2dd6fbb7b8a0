/**
 * The public chat page. The questions before the chat are a plain form, so the page reads well
 * before /site/chat.js runs; the script does the talking over /ws/chat and leaves nothing behind.
 */
import { html, raw } from '../../platform/html';
import { NATIONAL_HOTLINE, renderPage, type Lang } from '../public-site/layout';
import { PLACE_CODES } from '../../platform/us-states';

/** Languages a visitor can ask for; the advocate sees the code and can bring in an interpreter. */
const LANGUAGES: Array<[string, string]> = [
  ['en', 'English'],
  ['es', 'Español'],
  ['fr', 'Français'],
  ['ht', 'Kreyòl ayisyen'],
  ['pt', 'Português'],
  ['zh', '中文'],
  ['vi', 'Tiếng Việt'],
];

const text = {
  en: {
    title: 'Chat with an advocate',
    intro:
      'Chat privately with a trained advocate. You do not have to give your name. The chat is kept by the hotline; nothing stays on this device when you end it or use Quick exit.',
    language: 'Language',
    state: 'State you are asking about',
    stateNone: 'Prefer not to say',
    safe: 'Are you safe to chat right now?',
    yes: 'Yes',
    no: 'No',
    unsafeNote: `If you are in danger, call 911. If someone may see this screen, use Quick exit (or press Esc) at any time. You can also call ${NATIONAL_HOTLINE.phone}.`,
    start: 'Start chat',
    noscript: `This chat needs JavaScript. You can call ${NATIONAL_HOTLINE.phone} or text ${NATIONAL_HOTLINE.textKeyword} to ${NATIONAL_HOTLINE.textNumber} instead.`,
    conversation: 'Conversation',
    yourMessage: 'Your message',
    send: 'Send',
    end: 'End chat',
  },
  es: {
    title: 'Chatee con un/a consejero/a',
    intro:
      'Chatee en privado con un/a consejero/a capacitado/a. No tiene que dar su nombre. La línea guarda el chat; nada queda en este dispositivo al terminarlo o al usar Salida rápida.',
    language: 'Idioma',
    state: 'Estado sobre el que pregunta',
    stateNone: 'Prefiero no decirlo',
    safe: '¿Está seguro/a para chatear ahora mismo?',
    yes: 'Sí',
    no: 'No',
    unsafeNote: `Si está en peligro, llame al 911. Si alguien puede ver esta pantalla, use Salida rápida (o pulse Esc) en cualquier momento. También puede llamar al ${NATIONAL_HOTLINE.phone}.`,
    start: 'Empezar el chat',
    noscript: `Este chat necesita JavaScript. Puede llamar al ${NATIONAL_HOTLINE.phone} o enviar ${NATIONAL_HOTLINE.textKeyword} al ${NATIONAL_HOTLINE.textNumber}.`,
    conversation: 'Conversación',
    yourMessage: 'Su mensaje',
    send: 'Enviar',
    end: 'Terminar el chat',
  },
} as const;

/** Words chat.js shows as the chat goes on, in the page's language. */
const scriptText = {
  en: {
    connecting: 'Connecting…',
    position: 'You are number {n} in line. An advocate will be with you soon.',
    accepted: 'An advocate has joined. You can write now.',
    typing: 'The advocate is typing…',
    you: 'You',
    advocate: 'Advocate',
    sending: 'sending…',
    ended: 'The chat has ended. Thank you for reaching out.',
    endedAdvocate: 'The advocate ended the chat. Thank you for reaching out.',
    again: 'Start a new chat',
    lost: 'Connection lost. Reconnecting…',
    resumed: 'You are back in your chat.',
    error: 'Something went wrong. Please try again.',
    slow: 'Please slow down a little.',
  },
  es: {
    connecting: 'Conectando…',
    position: 'Usted es el número {n} en la fila. Pronto le atenderá un/a consejero/a.',
    accepted: 'Un/a consejero/a se ha unido. Ya puede escribir.',
    typing: 'El/la consejero/a está escribiendo…',
    you: 'Usted',
    advocate: 'Consejero/a',
    sending: 'enviando…',
    ended: 'El chat ha terminado. Gracias por comunicarse.',
    endedAdvocate: 'El/la consejero/a terminó el chat. Gracias por comunicarse.',
    again: 'Empezar un chat nuevo',
    lost: 'Se perdió la conexión. Reconectando…',
    resumed: 'Ha vuelto a su chat.',
    error: 'Algo salió mal. Inténtelo de nuevo.',
    slow: 'Por favor, vaya un poco más despacio.',
  },
} as const;

/** JSON inside a script element: "<" is escaped so that no text can close the element. */
const jsonBlock = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

export function chatPage(o: { lang: Lang; hotline?: string | undefined }): string {
  const t = text[o.lang];
  const body = html`<h1>${t.title}</h1>
    <p>${t.intro}</p>
    <noscript><p class="notice">${t.noscript}</p></noscript>
    <div id="chat" class="chat" data-hotline="${o.hotline ?? ''}" data-lang="${o.lang}">
      <form id="chat-start" class="chat-start" hidden>
        <div class="field">
          <label for="chat-language">${t.language}</label>
          <select id="chat-language" name="language">
            ${LANGUAGES.map(([code, name]) => html`<option value="${code}" lang="${code}" ${code === o.lang ? raw('selected') : ''}>${name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="chat-state">${t.state}</label>
          <select id="chat-state" name="state">
            <option value="">${t.stateNone}</option>
            ${PLACE_CODES.map((s) => html`<option value="${s}">${s}</option>`)}
          </select>
        </div>
        <fieldset class="field">
          <legend>${t.safe}</legend>
          <label class="choice"><input type="radio" name="safe" value="yes" required /> ${t.yes}</label>
          <label class="choice"><input type="radio" name="safe" value="no" required /> ${t.no}</label>
        </fieldset>
        <p id="chat-unsafe" class="notice" hidden>${t.unsafeNote}</p>
        <button type="submit">${t.start}</button>
      </form>
      <section id="chat-room" class="chat-room" hidden aria-label="${t.conversation}">
        <p id="chat-status" class="chat-status" role="status"></p>
        <ol id="chat-log" class="chat-log" role="log" aria-live="polite"></ol>
        <p id="chat-typing" class="chat-typing" aria-live="polite"></p>
        <form id="chat-compose" class="chat-compose">
          <label for="chat-text">${t.yourMessage}</label>
          <textarea id="chat-text" rows="3" maxlength="2000" autocomplete="off"></textarea>
          <button type="submit">${t.send}</button>
          <button type="button" id="chat-end" class="secondary">${t.end}</button>
        </form>
      </section>
    </div>
    <script type="application/json" id="chat-text-data">${raw(jsonBlock(scriptText[o.lang]))}</script>`;
  return renderPage({ lang: o.lang, title: t.title, path: '/chat', body, scripts: ['/site/chat.js'] });
}
