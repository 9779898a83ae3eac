/*!
 * Parley customer widget loader. Embed with one tag:
 *   <script src="https://support.example.com/widget/parley.js" data-locale="en" async></script>
 * Options (data-* attributes or window.ParleyConfig = {...}; ParleyConfig wins):
 *   server   Parley's base URL (default: where this script comes from)
 *   locale   en | tr | fa | de | es | fr (default: the browser's language)
 *   userId, userHash   an identified customer (userHash = hex HMAC-SHA256(identity secret, userId), from your server)
 *   name, email        shown to agents
 *   company            the customer's account/company (insights group customer health by it)
 *   color              accent colour, e.g. "#4f46e5"
 * Once loaded, window.Parley has open(), close(), toggle() and setLocale(locale); window.Parley.ready resolves then.
 */
(function () {
  'use strict';
  if (window.Parley && window.Parley.ready) return;
  var script = document.currentScript;
  var src = script && script.src ? script.src : location.href;
  var data = script ? script.dataset : {};
  var fromTag = {
    server: data.server, locale: data.locale, userId: data.userId, userHash: data.userHash,
    name: data.name, email: data.email, company: data.company, color: data.color,
  };
  var config = {};
  Object.keys(fromTag).forEach(function (key) { if (fromTag[key]) config[key] = fromTag[key]; });
  var global = window.ParleyConfig || {};
  Object.keys(global).forEach(function (key) { if (global[key] != null) config[key] = global[key]; });
  if (!config.server) config.server = new URL(src).origin;
  var moduleUrl = new URL('parley-widget.js', src).toString();

  var api = null;
  var queue = [];
  function call(name) {
    return function () {
      var args = arguments;
      if (api) return api[name].apply(null, args);
      queue.push(function () { api[name].apply(null, args); });
    };
  }
  var ready = new Promise(function (resolve, reject) {
    function start() {
      import(moduleUrl)
        .then(function (module) { return module.mount(config); })
        .then(function (mounted) {
          api = mounted;
          queue.splice(0).forEach(function (run) { run(); });
          resolve(mounted);
        })
        .catch(function (error) {
          console.error('Parley widget failed to start', error);
          reject(error);
        });
    }
    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start);
  });
  window.Parley = {
    ready: ready, config: config,
    open: call('open'), close: call('close'), toggle: call('toggle'), setLocale: call('setLocale'),
  };
})();
