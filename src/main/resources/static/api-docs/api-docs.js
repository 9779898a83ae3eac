// Swagger UI for staff. The OpenAPI description and every "Try it out" call carry the staff token, which shares the
// console's sessionStorage entry (same tab: signing in to one signs in the other).
(function () {
  'use strict';
  // kept for whoever debugs a blank page (and for the browser test's report)
  window.addEventListener('error', function (e) { window.__apiDocsError = String(e.message); });
  var KEY = 'parley:console:auth';
  var form = document.getElementById('sign-in');
  var error = document.getElementById('error');
  var signOut = document.getElementById('sign-out');

  function auth() {
    try {
      var a = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      return a && a.token && (!a.expiresAt || Date.parse(a.expiresAt) > Date.now()) ? a : null;
    } catch (e) {
      return null;
    }
  }

  function showSignIn(message) {
    sessionStorage.removeItem(KEY);
    document.getElementById('swagger').innerHTML = '';
    signOut.hidden = true;
    form.hidden = false;
    error.textContent = message || '';
  }

  function showDocs(token) {
    form.hidden = true;
    signOut.hidden = false;
    window.ui = SwaggerUIBundle({
      url: '/v3/api-docs',
      dom_id: '#swagger',
      deepLinking: true,
      requestInterceptor: function (request) {
        request.headers.Authorization = 'Bearer ' + token;
        return request;
      },
      responseInterceptor: function (response) {
        if (response.url && response.url.indexOf('/v3/api-docs') >= 0 && response.status === 401) {
          showSignIn('Your sign-in has expired; please sign in again.');
        }
        return response;
      },
      onComplete: function () {
        document.body.setAttribute('data-api-docs', 'loaded');
      }
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = new FormData(form);
    fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: data.get('email'), password: data.get('password') })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) {
        error.textContent = result.body.detail || 'Sign-in failed';
        return;
      }
      var login = result.body;
      sessionStorage.setItem(KEY, JSON.stringify({ token: login.token, expiresAt: login.expiresAt,
        roles: login.roles, staff: login.staff }));
      showDocs(login.token);
    }).catch(function () {
      error.textContent = 'The server cannot be reached';
    });
  });

  signOut.addEventListener('click', function () { showSignIn(''); });

  var current = auth();
  if (current) {
    showDocs(current.token);
  } else {
    showSignIn('');
  }
})();
