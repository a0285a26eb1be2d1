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
