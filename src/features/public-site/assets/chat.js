// The public chat. Talks to /ws/chat on this site only; keeps one thing on the device, the resume
// token in this tab's sessionStorage, and clears it when the chat ends or Quick exit is used.
(function () {
  var root = document.getElementById('chat');
  var data = document.getElementById('chat-text-data');
  if (!root || !data) return;
  var T = JSON.parse(data.textContent || '{}');
  var KEY = 'waymark.chat';

  var sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = '/site/chat.css';
  document.head.appendChild(sheet);

  function $(id) {
    return document.getElementById(id);
  }
  var startForm = $('chat-start');
  var room = $('chat-room');
  var statusEl = $('chat-status');
  var log = $('chat-log');
  var typingEl = $('chat-typing');
  var compose = $('chat-compose');
  var input = $('chat-text');
  var endButton = $('chat-end');
  var unsafe = $('chat-unsafe');

  var ws = null;
  var token = null;
  var finished = false;
  var retries = 0;
  var seq = 0;
  var typingSent = false;
  var typingTimer = null;

  try {
    token = window.sessionStorage.getItem(KEY);
  } catch {
    token = null;
  }

  function forget() {
    token = null;
    try {
      window.sessionStorage.clear();
    } catch {
      /* storage may be off; nothing was kept then */
    }
  }
  function status(text) {
    statusEl.textContent = text;
  }
  function send(frame) {
    if (ws && ws.readyState === 1) {
      ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }
  function showRoom() {
    startForm.hidden = true;
    room.hidden = false;
  }
  function line(from, text, id) {
    var li = document.createElement('li');
    li.className = 'from-' + from;
    if (id) li.setAttribute('data-id', id);
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = from === 'visitor' ? T.you : T.advocate;
    var body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    li.appendChild(who);
    li.appendChild(body);
    log.appendChild(li);
    li.scrollIntoView({ block: 'nearest' });
    return li;
  }
  function position(n) {
    status(T.position.replace('{n}', String(n)));
  }
  function finish(by) {
    finished = true;
    forget();
    status(by === 'advocate' ? T.endedAdvocate : T.ended);
    typingEl.textContent = '';
    // Off the screen too: someone may pick up this device after the visitor has gone.
    log.textContent = '';
    compose.hidden = true;
    var again = document.createElement('button');
    again.type = 'button';
    again.textContent = T.again;
    again.addEventListener('click', function () {
      window.location.reload();
    });
    room.appendChild(again);
    if (ws) ws.close();
  }

  function handle(e) {
    switch (e.type) {
      case 'started':
        token = e.token;
        try {
          window.sessionStorage.setItem(KEY, token);
        } catch {
          /* without storage the chat still works; it just cannot be resumed */
        }
        showRoom();
        position(e.position);
        break;
      case 'resumed':
        showRoom();
        log.textContent = '';
        for (var i = 0; i < e.messages.length; i++) {
          line(e.messages[i].from, e.messages[i].text, e.messages[i].id);
        }
        if (e.status === 'waiting' && e.position) position(e.position);
        else status(T.resumed);
        break;
      case 'queue':
        position(e.position);
        break;
      case 'accepted':
        status(T.accepted);
        break;
      case 'ack': {
        var sent = log.querySelector('[data-client="' + e.clientId + '"]');
        if (sent) {
          sent.removeAttribute('data-client');
          sent.setAttribute('data-id', e.id);
          sent.classList.remove('sending');
        }
        break;
      }
      case 'message':
        typingEl.textContent = '';
        if (!log.querySelector('[data-id="' + e.message.id + '"]'))
          line(e.message.from, e.message.text, e.message.id);
        break;
      case 'typing':
        typingEl.textContent = e.typing ? T.typing : '';
        break;
      case 'ended':
        finish(e.by);
        break;
      case 'error':
        if (e.code === 'resume_failed') {
          forget();
          room.hidden = true;
          startForm.hidden = false;
          if (ws) ws.close();
        } else status(e.code === 'slow_down' ? T.slow : T.error);
        break;
    }
  }

  function connect(onOpen) {
    var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    ws = new WebSocket(scheme + '//' + window.location.host + '/ws/chat');
    ws.onopen = function () {
      retries = 0;
      onOpen();
    };
    ws.onmessage = function (ev) {
      handle(JSON.parse(ev.data));
    };
    ws.onclose = function () {
      if (finished || !token) return;
      // Same chat back after a dropped connection, for as long as the server keeps it.
      status(T.lost);
      retries++;
      setTimeout(
        function () {
          connect(function () {
            send({ type: 'resume', token: token });
          });
        },
        Math.min(10000, 500 * retries),
      );
    };
  }

  startForm.addEventListener('change', function () {
    var choice = startForm.querySelector('input[name="safe"]:checked');
    unsafe.hidden = !choice || choice.value !== 'no';
  });
  startForm.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var safe = startForm.querySelector('input[name="safe"]:checked');
    var state = $('chat-state').value;
    status(T.connecting);
    showRoom();
    connect(function () {
      send({
        type: 'start',
        language: $('chat-language').value,
        state: state === '' ? null : state,
        safeToChat: !!safe && safe.value === 'yes',
        hotline: root.getAttribute('data-hotline') || undefined,
      });
    });
  });

  compose.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    var clientId = 'c' + ++seq;
    if (!send({ type: 'message', clientId: clientId, text: text })) {
      status(T.lost);
      return;
    }
    var li = line('visitor', text);
    li.classList.add('sending');
    li.setAttribute('data-client', clientId);
    input.value = '';
    typingSent = false;
  });
  input.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && !ev.shiftKey) {
      ev.preventDefault();
      compose.requestSubmit();
    }
  });
  input.addEventListener('input', function () {
    if (!typingSent) {
      typingSent = send({ type: 'typing', typing: true });
    }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () {
      typingSent = false;
      send({ type: 'typing', typing: false });
    }, 3000);
  });
  endButton.addEventListener('click', function () {
    send({ type: 'end' });
    finish('visitor');
  });

  // Quick exit: capture first, so storage is clear before quick-exit.js leaves the page.
  function quickExit() {
    send({ type: 'end', quickExit: true });
    forget();
  }
  window.addEventListener(
    'keydown',
    function (ev) {
      if (ev.key === 'Escape') quickExit();
    },
    true,
  );
  var exits = document.querySelectorAll('[data-quick-exit]');
  for (var i = 0; i < exits.length; i++) exits[i].addEventListener('click', quickExit, true);

  if (token) {
    showRoom();
    status(T.connecting);
    connect(function () {
      send({ type: 'resume', token: token });
    });
  } else {
    startForm.hidden = false;
  }
})();
