// A follow refused is answered with the whole page, at its top: the keyboard goes to the address to correct, which
// the reason describes, rather than leave the resident above the map and photos (WCAG 3.3.1).
(function () {
  'use strict';
  var refused = document.querySelector('#follow .error');
  if (refused) {
    (document.getElementById('follow-email') || refused).focus();
  }
}());

// A request's public page: a small map with the request's place. The page reads the same without it.
(function () {
  'use strict';
  var element = document.getElementById('request-map');
  if (!element || typeof L === 'undefined') { return; }
  var at = L.latLng(parseFloat(element.dataset.lat), parseFloat(element.dataset.long));
  // A private place (a home) is shown as its area: a pin there would point at a neighbour's door.
  var area = element.dataset.area === 'true';
  var map = window.civic311.map(element, { scrollWheelZoom: false, keyboard: false }).setView(at, area ? 15 : 16);
  L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution }).addTo(map);
  if (area) {
    L.circle(at, { radius: 180, weight: 1, fillOpacity: 0.15 }).addTo(map);
  } else {
    window.civic311.marker(at, { keyboard: false }).addTo(map);
  }
}());
