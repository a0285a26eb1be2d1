// The report form's map: a click, or a photo that knows where it was taken, puts the pin and fills the hidden
// position. The form works without script, without tiles and without the pin (an address is enough).
(function () {
  'use strict';
  // A refused form: the message is read first, and its link puts the cursor in the field at fault.
  var refusal = document.getElementById('form-error');
  if (refusal) {
    refusal.focus();
    var go = refusal.querySelector('a[data-field]');
    if (go) {
      go.addEventListener('click', function (event) {
        var field = document.getElementById(go.dataset.field);
        if (!field) { return; }
        event.preventDefault();
        field.scrollIntoView({ block: 'center' });
        field.focus();
      });
    }
  }
})();

(function () {
  'use strict';
  var lat = document.getElementById('lat');
  var lon = document.getElementById('long');
  var element = document.getElementById('pin-map');
  if (!lat || !lon) { return; }
  var map = null;
  var pin = null;
  if (element && typeof L !== 'undefined') {
    // Shown before Leaflet measures it: a hidden map is drawn at no size.
    var part = document.getElementById('pin-map-part');
    if (part) { part.hidden = false; }
    // The page scrolls past the map: the wheel zooms it only after a click, with its + and - otherwise.
    map = window.civic311.map(element, { scrollWheelZoom: false });
    window.civic311.openOnCity(map, element);
    L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution }).addTo(map);
    map.on('click', function (event) { place(event.latlng.lat, event.latlng.lng); });
    // Without a mouse: the arrows pan (Leaflet's own keys) and Enter puts the pin where the map is centred.
    element.addEventListener('keydown', function (event) {
      if (event.target === element && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        var centre = map.getCenter();
        place(centre.lat, centre.lng);
        var status = document.getElementById('pin-placed');
        if (status) { status.textContent = element.dataset.placed; }
      }
    });
  }

  // Puts the pin; "quietly" when the place came from the server, so that it does not ask the server again.
  function place(latitude, longitude, quietly) {
    lat.value = latitude.toFixed(6);
    lon.value = longitude.toFixed(6);
    if (map) {
      var at = L.latLng(latitude, longitude);
      if (pin) { pin.setLatLng(at); } else { pin = window.civic311.marker(at).addTo(map); }
      map.setView(at, Math.max(map.getZoom(), 16));
    }
    if (!quietly) { lat.dispatchEvent(new Event('change', { bubbles: true })); }
  }

  if (lat.value && lon.value) { place(parseFloat(lat.value), parseFloat(lon.value)); }

  // A newly typed address wins over the pin: the server finds it, and the pin follows. One it cannot find ("behind
  // the arena") describes the place the pin already marks: the pin stays, and is sent.
  var address = document.getElementById('address');
  var pinned = null;
  var asked = null;
  if (address) {
    address.addEventListener('change', function () {
      pinned = lat.value && lon.value ? [parseFloat(lat.value), parseFloat(lon.value)] : null;
      asked = document.getElementById('nearby');
      lat.value = '';
      lon.value = '';
    });
  }
  document.addEventListener('htmx:afterSettle', function () {
    var nearby = document.getElementById('nearby');
    if (!nearby || lat.value) { return; }
    if (nearby.dataset.lat && nearby.dataset.long) {
      place(parseFloat(nearby.dataset.lat), parseFloat(nearby.dataset.long), true);
    } else if (pinned && nearby !== asked) {
      place(pinned[0], pinned[1], true);
    }
    if (nearby !== asked) { pinned = null; }
  });
  // Sent before the city answered about the address, or when it could not answer: the pin still says where.
  function keepPin() {
    if (pinned && !lat.value) { place(pinned[0], pinned[1], true); }
  }
  document.addEventListener('htmx:responseError', keepPin);
  document.addEventListener('htmx:sendError', keepPin);
  if (lat.form) { lat.form.addEventListener('submit', keepPin); }

  // The photo's own location, read by the server from its EXIF block (the stored copy never keeps it).
  var photo = document.getElementById('photo');
  var located = document.getElementById('photo-located');
  var unplaced = document.getElementById('photo-unplaced');
  var csrf = document.querySelector('input[name="_csrf"]');
  if (!photo || !window.fetch || !window.FormData) { return; }
  var tooLarge = document.getElementById('photo-too-large');
  var tooMany = document.getElementById('photo-too-many');
  photo.addEventListener('change', function () {
    // A photo the server would refuse is said here, before it is sent over a phone's connection for nothing.
    var max = parseInt(photo.dataset.maxBytes, 10);
    var large = max > 0 && photo.files && Array.prototype.some.call(photo.files, function (f) { return f.size > max; });
    var most = parseInt(photo.dataset.maxFiles, 10);
    var many = most > 0 && photo.files && photo.files.length > most;
    if (tooLarge) { tooLarge.hidden = !large; }
    if (tooMany) { tooMany.hidden = !many; }
    if (large || many) {
      // The selection goes as a whole (a file input keeps no part of one): the message asks for it again.
      photo.value = '';
      if (located) { located.hidden = true; }
      if (unplaced) { unplaced.hidden = true; }
      return;
    }
    if (!photo.files || photo.files.length === 0 || lat.value) { return; }
    var data = new FormData();
    data.append('photo', photo.files[0]);
    if (csrf) { data.append('_csrf', csrf.value); }
    fetch('/report/photo-location', { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (response) {
        // Phones often strip where a photo was taken when it is shared: say so (204), or the hint's promise
        // misleads. A refusal (too large, too many) is said when the form is sent, not guessed at here.
        if (unplaced) { unplaced.hidden = response.status !== 204; }
        return response.status === 200 ? response.json() : null;
      })
      .then(function (where) {
        if (!where) { return; }
        place(where.latitude, where.longitude);
        if (located) { located.hidden = false; }
      })
      .catch(function () { /* The resident can still place the pin or type the address. */ });
  });
}());
