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
