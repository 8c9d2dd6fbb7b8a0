// The report form, better with JavaScript: the 911 call-out, contact fields only when wanted,
// and sending without leaving the page. Without this file the form works as plain HTML.
(function () {
  var form = document.getElementById('report-form');
  if (!form || !window.fetch || !window.FormData) return;
  var text = {};
  try {
    text = JSON.parse(form.getAttribute('data-receipt') || '{}');
  } catch {
    text = {};
  }

  function checked(name) {
    var el = form.querySelector('input[name="' + name + '"]:checked');
    return el ? el.value : '';
  }
  function sync() {
    var callout = document.getElementById('danger-callout');
    if (callout) callout.hidden = checked('danger') !== 'yes';
    var contact = document.getElementById('contact-details');
    if (contact) contact.hidden = checked('contactOk') !== 'yes';
  }
  form.addEventListener('change', sync);
  sync();

  function clearErrors() {
    var old = form.querySelectorAll('.field-error[data-js]');
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    var invalid = form.querySelectorAll('[aria-invalid]');
    for (var j = 0; j < invalid.length; j++) invalid[j].removeAttribute('aria-invalid');
  }
  function showErrors(fields) {
    var first = null;
    for (var i = 0; i < fields.length; i++) {
      var name = String(fields[i].path).split('.').pop();
      var input = form.querySelector('[name="' + name + '"]');
      if (!input) continue;
      var p = document.createElement('p');
      p.className = 'field-error';
      p.setAttribute('data-js', '');
      p.id = name + '-error-js';
      p.textContent = (text.fields && text.fields[name]) || fields[i].message;
      input.parentNode.insertBefore(p, input);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', p.id);
      if (!first) first = input;
    }
    if (first) first.focus();
  }
  function showReceipt(r) {
    var main = document.getElementById('main');
    main.innerHTML = '';
    var h = document.createElement('h1');
    h.textContent = text.thanks || 'Thank you.';
    main.appendChild(h);
    if (r.danger) {
      var d = document.createElement('p');
      d.className = 'danger-notice';
      d.setAttribute('role', 'alert');
      d.textContent = text.callFirst || '';
      main.appendChild(d);
    }
    var box = document.createElement('div');
    box.className = 'notice';
    box.id = 'receipt';
    box.setAttribute('data-enhanced', '');
    [
      [text.codeIs, r.referenceCode, 'data-reference-code'],
      [text.secretIs, r.secret, 'data-secret'],
    ].forEach(function (row) {
      var p = document.createElement('p');
      p.appendChild(document.createTextNode(row[0] + ': '));
      var strong = document.createElement('strong');
      strong.setAttribute(row[2], '');
      strong.textContent = row[1];
      p.appendChild(strong);
      box.appendChild(p);
    });
    main.appendChild(box);
    var keep = document.createElement('p');
    keep.textContent = text.keep || '';
    main.appendChild(keep);
    h.setAttribute('tabindex', '-1');
    h.focus();
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearErrors();
    var data = new FormData(form);
    var body = {};
    data.forEach(function (v, k) {
      if (k !== '_csrf' && typeof v === 'string') body[k] = v;
    });
    // The form's nonce names this submission: sending twice makes one report.
    var nonce = String(data.get('_csrf') || '').split('.')[1];
    if (nonce) body.submissionId = nonce;
    var button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    // Each hotline's form sends to its own route (data-api); same origin only.
    fetch(form.getAttribute('data-api') || '/api/public/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    })
      .then(function (res) {
        return res.json().then(function (json) {
          return { status: res.status, json: json };
        });
      })
      .then(function (r) {
        if (button) button.disabled = false;
        if (r.status === 201) return showReceipt(r.json);
        var fields = r.json && r.json.error && r.json.error.details && r.json.error.details.fields;
        if (r.status === 400 && fields) return showErrors(fields);
        form.submit();
      })
      .catch(function () {
        // Offline or blocked: let the browser send the plain form instead.
        form.submit();
      });
  });
})();
