// The report form's map: a click puts the pin and fills the hidden position; the form works without it.
(function () {
  'use strict';
  var element = document.getElementById('pin-map');
  if (!element || typeof L === 'undefined') { return; }
  var lat = document.getElementById('lat');
  var lon = document.getElementById('long');
  var map = L.map(element).setView([43.70, -79.40], 11);
  L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    { maxZoom: 19, attribution: '© OpenStreetMap contributors' }).addTo(map);
  var pin = null;
  function place(latlng) {
    if (pin) { pin.setLatLng(latlng); } else { pin = L.marker(latlng).addTo(map); }
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    lat.dispatchEvent(new Event('change', { bubbles: true }));
  }
  if (lat.value && lon.value) { place(L.latLng(parseFloat(lat.value), parseFloat(lon.value))); }
  map.on('click', function (event) { place(event.latlng); });
}());
