// Quick exit: leave for a neutral page and replace this one in the history, so Back does not return.
(function () {
  var target = 'https://www.weather.gov/';
  function leave(e) {
    if (e) e.preventDefault();
    try {
      document.body.innerHTML = '';
      window.location.replace(target);
    } catch {
      window.location.href = target;
    }
  }
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') leave(e);
  });
  var buttons = document.querySelectorAll('[data-quick-exit]');
  for (var i = 0; i < buttons.length; i++) buttons[i].addEventListener('click', leave);
})();
