// Civic311 staff console. Licensed AGPL-3.0-or-later.
// A block that refreshes itself (the inbox every 20 s, the dashboard every minute) waits while the person reading it
// is inside it: focus on one of its links or fields, or a "Figures as a table" opened. Replacing it then would take
// their place away and close what they opened (WCAG 2.2.2); it refreshes at the next tick after they leave.
document.addEventListener('htmx:beforeRequest', function (event) {
  var block = event.detail.elt;
  if (!block || !block.hasAttribute('data-refreshes')) {
    return;
  }
  if (block.contains(document.activeElement) || block.querySelector('details[open]')) {
    event.preventDefault();
  }
});

// A queue narrowed by its filters says how many requests it now shows: the rows change in place, unseen by a screen
// reader otherwise.
document.addEventListener('htmx:afterSettle', function () {
  var rows = document.getElementById('queue-rows');
  var status = document.getElementById('queue-count');
  if (!rows || !status) {
    return;
  }
  var shown = rows.querySelectorAll('tr:not(.page) a[href^="/staff/requests/"]').length;
  status.textContent = shown === 0 ? 'No requests match.' : shown === 1 ? '1 request shown.' : shown + ' requests shown.';
});
