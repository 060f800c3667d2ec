// fleet-ota dashboard: the little script the pages need. No inline handlers anywhere (the pages' CSP forbids them).
(function () {
  'use strict';

  // Destructive actions ask first: a form with data-confirm posts only when the operator agrees.
  document.addEventListener('submit', function (event) {
    var question = event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // The live badge of a rollout page follows the state of its event stream.
  function liveBadge(text, state) {
    var badge = document.getElementById('live-state');
    if (badge) {
      badge.textContent = text;
      badge.setAttribute('data-state', state);
    }
  }
  document.addEventListener('htmx:sseOpen', function () { liveBadge('live', 'open'); });
  document.addEventListener('htmx:sseError', function () { liveBadge('reconnecting…', 'error'); });
})();
