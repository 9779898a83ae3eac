// demo only: remember the chosen widget language (?locale=fa works too) and hand it to the widget
(function () {
  var chosen = new URLSearchParams(location.search).get('locale') || localStorage.getItem('tasklane:locale') || 'en';
  window.ParleyConfig = { locale: chosen };
  function mark(locale) {
    document.querySelectorAll('.locales button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.dataset.locale === locale));
    });
  }
  mark(chosen);
  document.querySelector('.locales').addEventListener('click', function (event) {
    var locale = event.target.closest('button') && event.target.closest('button').dataset.locale;
    if (!locale) return;
    localStorage.setItem('tasklane:locale', locale);
    mark(locale);
    window.Parley && window.Parley.setLocale(locale);
  });
})();
