// Adds a "Chat with the hotline" button to a partner's page. It opens the hotline's own chat page
// in a new window: nothing of the chat runs on, or is visible to, the partner's site.
//   <script src="https://HOTLINE/site/embed.js" data-lang="es" data-hotline="slug" async></script>
(function () {
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var lang = script.getAttribute('data-lang') === 'es' ? 'es' : 'en';
  var hotline = script.getAttribute('data-hotline') || '';
  var url =
    origin + (lang === 'es' ? '/es/chat' : '/chat') + (hotline ? '?h=' + encodeURIComponent(hotline) : '');
  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = lang === 'es' ? 'Chatee con la línea de ayuda' : 'Chat with the hotline';
  button.setAttribute('data-waymark-chat', '');
  var s = button.style;
  s.position = 'fixed';
  s.right = '1rem';
  s.bottom = '1rem';
  s.zIndex = '2147483000';
  s.padding = '0.7rem 1.1rem';
  s.border = '0';
  s.borderRadius = '6px';
  s.background = '#1f4e5f';
  s.color = '#fff';
  s.font = '600 16px system-ui, sans-serif';
  s.cursor = 'pointer';
  button.addEventListener('click', function () {
    // noopener: the chat window cannot reach back into this page, nor this page into the chat.
    window.open(url, 'waymark-chat', 'noopener,noreferrer,width=420,height=640');
  });
  function add() {
    document.body.appendChild(button);
  }
  if (document.body) add();
  else document.addEventListener('DOMContentLoaded', add);
})();
