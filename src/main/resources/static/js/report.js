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
        if (status) {
          // Emptied first: the same words set again are not read again.
          status.textContent = '';
          setTimeout(function () { status.textContent = element.dataset.placed; }, 100);
        }
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

  // Where the phone is, on the resident's say-so: the browser asks them first.
  var here = document.getElementById('use-here');
  if (here && navigator.geolocation && window.isSecureContext) {
    document.getElementById('here-part').hidden = false;
    var said = document.getElementById('here-status');
    here.addEventListener('click', function () {
      said.textContent = here.dataset.finding;
      navigator.geolocation.getCurrentPosition(function (position) {
        place(position.coords.latitude, position.coords.longitude);
        said.textContent = here.dataset.found;
      }, function () {
        said.textContent = here.dataset.refused;
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

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
  var shrunk = document.getElementById('photo-shrunk');
  var maxBytes = parseInt(photo.dataset.maxBytes, 10);
  var maxPixels = parseInt(photo.dataset.maxPixels, 10);
  var canShrink = window.createImageBitmap && window.DataTransfer && window.Promise && maxBytes > 0 && maxPixels > 0;

  // A phone's photo larger than the city takes (48 megapixels, 12 MB) is made smaller here, as a JPEG of a few
  // megapixels, rather than refused: the copy no longer says where it was taken, the pin or the address does.
  function shrunkIfNeeded(file) {
    if (file.size <= maxBytes / 3 || !/^image\/(jpeg|png)$/.test(file.type)) { return Promise.resolve(file); }
    return createImageBitmap(file, { imageOrientation: 'from-image' }).then(function (bitmap) {
      var pixels = bitmap.width * bitmap.height;
      if (file.size <= maxBytes && pixels <= maxPixels) { bitmap.close(); return file; }
      return encoded(file, bitmap, Math.min(1, Math.sqrt(Math.min(maxPixels, 12000000) / pixels)), 0);
    });
  }
  function encoded(file, bitmap, scale, tries) {
    var canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    var context = canvas.getContext('2d');
    context.fillStyle = '#fff'; // a PNG's transparency, white as it shows on the page rather than black
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return new Promise(function (resolve) { canvas.toBlob(resolve, 'image/jpeg', 0.85); }).then(function (blob) {
      if (blob && blob.size <= maxBytes) {
        bitmap.close();
        return new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg' });
      }
      if (!blob || tries >= 5) { bitmap.close(); return file; } // left as it was: the check below says so
      return encoded(file, bitmap, scale * 0.7, tries + 1);
    });
  }

  photo.addEventListener('change', function () {
    if (shrunk) { shrunk.hidden = true; }
    var chosen = Array.prototype.slice.call(photo.files || []);
    if (!canShrink || chosen.length === 0) { checked(); return; }
    Promise.all(chosen.map(shrunkIfNeeded)).then(function (files) {
      if (files.every(function (f, i) { return f === chosen[i]; })) { checked(); return; }
      var replaced = new DataTransfer();
      files.forEach(function (f) { replaced.items.add(f); });
      photo.files = replaced.files;
      if (shrunk) { shrunk.hidden = false; }
      checked();
    }).catch(function () { checked(); });
  });

  // A message shown again is announced again: hidden, then shown a moment later. One left showing, its words
  // unchanged, is not read a second time, and the resident would not know the new choice was refused too.
  function show(message, shown) {
    if (!message) { return; }
    message.hidden = true;
    if (shown) { setTimeout(function () { message.hidden = false; }, 100); }
  }

  function checked() {
    // A photo the server would refuse is said here, before it is sent over a phone's connection for nothing.
    var max = maxBytes;
    var large = max > 0 && photo.files && Array.prototype.some.call(photo.files, function (f) { return f.size > max; });
    var most = parseInt(photo.dataset.maxFiles, 10);
    var many = most > 0 && photo.files && photo.files.length > most;
    show(tooLarge, large);
    show(tooMany, many);
    if (large || many) {
      // The field says it is at fault, and why, as a refusal from the server would.
      photo.setAttribute('aria-invalid', 'true');
      photo.setAttribute('aria-describedby', (large ? 'photo-too-large ' : '') + (many ? 'photo-too-many ' : '')
        + 'photo-hint');
      // The selection goes as a whole (a file input keeps no part of one): the message asks for it again.
      photo.value = '';
      if (located) { located.hidden = true; }
      if (unplaced) { unplaced.hidden = true; }
      return;
    }
    photo.removeAttribute('aria-invalid');
    photo.setAttribute('aria-describedby', 'photo-hint');
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
  }
}());

// Switching language on the form, or on the page that asks what is wrong, is a new page: what the resident typed goes
// with them, kept in this tab alone (sessionStorage), and is put back into the form in the other language. The words
// travel no other way, since they are posted, never put in an address. Files cannot be carried; the photo hint says
// so when they were chosen.
(function () {
  'use strict';
  var form = document.querySelector('form[enctype="multipart/form-data"], form#describe');
  var other = document.querySelector('header a[lang]');
  if (!form || !other || !window.sessionStorage) { return; }
  var key = 'civic311.report:' + form.getAttribute('action');
  var skipped = ['_csrf', 'submission', 'photo'];
  other.addEventListener('click', function () {
    var typed = [];
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || skipped.indexOf(field.name) >= 0 || field.type === 'file') { return; }
      if ((field.type === 'checkbox' || field.type === 'radio') && !field.checked) { return; }
      if (field.value === '') { return; }
      typed.push([field.name, field.value]);
    });
    try { sessionStorage.setItem(key, JSON.stringify(typed)); } catch (e) { /* storage full or refused */ }
  });
  var kept = null;
  try { kept = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) { return; }
  if (!kept) { return; }
  JSON.parse(kept).forEach(function (pair) {
    var fields = form.querySelectorAll('[name="' + CSS.escape(pair[0]) + '"]');
    Array.prototype.forEach.call(fields, function (field) {
      if (field.type === 'checkbox' || field.type === 'radio') {
        if (field.value === pair[1]) { field.checked = true; }
      } else if (field.tagName === 'SELECT' || !field.value) {
        field.value = pair[1];
      }
    });
  });
  var lat = document.getElementById('lat');
  if (lat && lat.value) { lat.dispatchEvent(new Event('change', { bubbles: true })); }
}());

// The suggestions for the words a resident posted come below the form they sent: the heading above them takes the
// keyboard, or the page would read as the one before it.
(function () {
  'use strict';
  var suggested = document.getElementById('suggested');
  if (suggested && !document.getElementById('text-error')) { suggested.focus(); }
}());
