// A request's public page: a small map with the request's place. The page reads the same without it.
(function () {
  'use strict';
  var element = document.getElementById('request-map');
  if (!element || typeof L === 'undefined') { return; }
  var at = L.latLng(parseFloat(element.dataset.lat), parseFloat(element.dataset.long));
  var map = window.civic311.map(element, { scrollWheelZoom: false, keyboard: false }).setView(at, 16);
  L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution }).addTo(map);
  L.marker(at, { keyboard: false }).addTo(map);
}());
