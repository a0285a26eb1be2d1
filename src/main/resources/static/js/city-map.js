// Where a portal map opens: on the box around the city's wards, which the page gives in data-bounds; on the whole
// world for a city without them.
window.civic311 = window.civic311 || {};
window.civic311.openOnCity = function (map, element) {
  'use strict';
  var box = (element.dataset.bounds || '').split(',').map(Number);
  if (box.length === 4 && box.every(isFinite)) {
    map.fitBounds([[box[0], box[1]], [box[2], box[3]]]);
  } else {
    map.setView([20, 0], 2);
  }
};

// A portal map whose own controls speak the page's language: Leaflet's say "Zoom in" and "Zoom out" whatever it is.
window.civic311.map = function (element, options) {
  'use strict';
  var french = (document.documentElement.lang || '').indexOf('fr') === 0;
  // On a touch screen one finger scrolls the page, as everywhere else on it: a map as wide as a phone would otherwise
  // catch every swipe over it. Two fingers move and zoom it.
  var touch = L.Browser.mobile;
  var map = L.map(element, Object.assign({ dragging: !touch }, options || {}, { zoomControl: false }));
  L.control.zoom({
    zoomInTitle: french ? 'Zoom avant' : 'Zoom in',
    zoomOutTitle: french ? 'Zoom arrière' : 'Zoom out'
  }).addTo(map);
  // Leaflet's own link, without its English tooltip.
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" lang="en">Leaflet</a>');
  return map;
};

// A marker whose image is named in the page's language: Leaflet names every one "Marker".
window.civic311.marker = function (at, options) {
  'use strict';
  var french = (document.documentElement.lang || '').indexOf('fr') === 0;
  return L.marker(at, Object.assign({ alt: french ? 'L\'endroit du problème' : 'Where the problem is' }, options || {}));
};
