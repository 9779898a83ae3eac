/*!
 * Parley customer widget loader. Embed with one tag:
 *   <script src="https://support.example.com/widget/parley.js" data-locale="en" async></script>
 * Options (data-* attributes or window.ParleyConfig = {...}; ParleyConfig wins):
 *   server   Parley's base URL (default: where this script comes from)
 *   locale   en | tr | fa | de | es | fr (default: the browser's language)
 *   jwt                a signed identity from your server (HS256 with the identity secret, or RS256): sub, name,
 *                      email, company, custom claims, exp; what it signs shows as verified to agents
 *   userId, userHash   or an identified customer by user hash (userHash = hex HMAC-SHA256(identity secret, userId))
 *   name, email        shown to agents (unverified unless in the jwt)
 *   company            the customer's account/company (insights group customer health by it)
 *   color              accent colour, e.g. "#4f46e5"
 * Once loaded, window.Parley has open(), close(), toggle() and setLocale(locale); window.Parley.ready resolves then.
 * When your user signs in or out without a page load: Parley.identify({ jwt }) (or { userId, userHash, name, ... })
 * and Parley.logout(), which forgets this device's Parley session, threads and visitor id and starts a new
 * anonymous visitor, so the next person on a shared device never sees the previous user's history.
 */
(function () {
  'use strict';
  if (window.Parley && window.Parley.ready) return;
  var script = document.currentScript;
  var src = script && script.src ? script.src : location.href;
  var data = script ? script.dataset : {};
  var fromTag = {
    server: data.server, locale: data.locale, jwt: data.jwt, userId: data.userId, userHash: data.userHash,
    name: data.name, email: data.email, company: data.company, color: data.color,
  };
  var config = {};
  Object.keys(fromTag).forEach(function (key) { if (fromTag[key]) config[key] = fromTag[key]; });
  var global = window.ParleyConfig || {};
  Object.keys(global).forEach(function (key) { if (global[key] != null) config[key] = global[key]; });
  if (!config.server) config.server = new URL(src).origin;
  var moduleUrl = new URL('parley-widget.js', src).toString();

  var api = null;
  var widgetModule = null;
  var switching = Promise.resolve();
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
        .then(function (module) { widgetModule = module; return module.mount(config); })
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
  // one identity change at a time; calls made meanwhile wait in the queue for the new widget
  function switchIdentity(identity, keepVisitor) {
    switching = switching.then(function () { return ready; }).then(function () {
      var current = api;
      api = null;
      return widgetModule.switchIdentity(current, config, identity, { keepVisitor: keepVisitor });
    }).then(function (switched) {
      config = switched.config;
      window.Parley.config = config;
      api = switched.api;
      queue.splice(0).forEach(function (run) { run(); });
      return switched.api;
    });
    return switching;
  }
  window.Parley = {
    ready: ready, config: config,
    open: call('open'), close: call('close'), toggle: call('toggle'), setLocale: call('setLocale'),
    identify: function (identity) { return switchIdentity(identity || {}, true); },
    logout: function () { return switchIdentity({}, false); },
  };
})();
