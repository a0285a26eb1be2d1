// The public map: reads requests from the Open311 API, as any client would, and draws them in clusters.
// Text from requests is only ever set as text, never parsed as markup.
(function () {
  'use strict';

  var form = document.getElementById('filters');
  var element = document.getElementById('map');
  var summary = document.getElementById('summary');
  var body = document.querySelector('#list tbody');

  var language = document.documentElement.lang || 'en';
  var days = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  var counts = new Intl.NumberFormat(language);

  // Without Leaflet (its script blocked, or not loaded over a poor connection) there is no map to draw, but the
  // list, which says the same, still comes.
  var drawn = window.civic311 && typeof L !== 'undefined' && typeof L.markerClusterGroup === 'function';
  var map = null;
  var clusters = null;
  var areas = null;
  var near = null;
  if (drawn) { draw(); } else { element.hidden = true; }

  // "2026-11-18T10:00:00-05:00" is read in the city's time already: its day, written as the reader writes days.
  function requested(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})/.exec(value || '');
    return parts ? days.format(new Date(Date.UTC(+parts[1], parts[2] - 1, +parts[3]))) : '';
  }

  function draw() {
    map = window.civic311.map(element, { scrollWheelZoom: false });
    window.civic311.openOnCity(map, element);
    L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution }).addTo(map);

    // A cluster is a tab stop (Enter zooms into it): it says what it holds, not only a number.
    var LabelledIcon = L.DivIcon.extend({
      createIcon: function (old) {
        var icon = L.DivIcon.prototype.createIcon.call(this, old);
        icon.setAttribute('aria-label', this.options.label);
        return icon;
      }
    });
    clusters = L.markerClusterGroup({
      iconCreateFunction: function (cluster) {
        var count = cluster.getChildCount();
        var size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
        var shown = document.createElement('span');
        shown.textContent = counts.format(count);
        var inner = document.createElement('div');
        inner.setAttribute('aria-hidden', 'true');
        inner.appendChild(shown);
        return new LabelledIcon({
          html: inner,
          className: 'marker-cluster marker-cluster-' + size,
          iconSize: new L.Point(40, 40),
          label: element.dataset.cluster.replace('{0}', counts.format(count))
        });
      }
    });

    map.addLayer(clusters);
    // Homes are published as their area, drawn as one: a pin would point at a neighbour's door.
    areas = L.layerGroup().addTo(map);
    if (element.dataset.nearLat && element.dataset.nearLong) {
      near = L.circle([+element.dataset.nearLat, +element.dataset.nearLong],
        { radius: +element.dataset.nearMetres, weight: 2, fill: false, interactive: false }).addTo(map);
    }
  }

  function day(value, end) {
    // Without an offset: the server reads a day in the city's own time zone.
    return value ? value + (end ? 'T23:59:59' : 'T00:00:00') : null;
  }

  var PAGE = 1000;
  // The API answers at most 90 days at a time: "From" and "To" may be 89 days apart, both days included.
  var SPAN = 89;

  function addDays(value, count) {
    var parts = value.split('-');
    return new Date(Date.UTC(+parts[0], parts[1] - 1, +parts[2] + count)).toISOString().slice(0, 10);
  }

  function daysBetween(from, to) {
    return Math.round((Date.parse(to) - Date.parse(from)) / 86400000);
  }

  // The days shown, said to the reader: as chosen, or the 90 up to the city's today, or 90 from or to the day chosen.
  function period(data) {
    var today = element.dataset.today;
    var from = data.get('from') || null;
    var to = data.get('to') || null;
    if (!from && !to) { to = today; }
    if (!from) { from = addDays(to, -SPAN); }
    if (!to) { to = addDays(from, SPAN) < today ? addDays(from, SPAN) : today; }
    return { from: from, to: to };
  }

  function query(shown) {
    var params = new URLSearchParams();
    params.set('extensions', 'true');
    params.set('page_size', String(PAGE));
    var data = new FormData(form);
    ['service_code', 'status', 'ward'].forEach(function (name) {
      if (data.get(name)) { params.set(name, data.get(name)); }
    });
    // Near an address the page found: the requests within a circle around it (Open311's lat, long and radius).
    if (element.dataset.nearLat && element.dataset.nearLong) {
      params.set('lat', element.dataset.nearLat);
      params.set('long', element.dataset.nearLong);
      params.set('radius', element.dataset.nearMetres);
    }
    params.set('start_date', day(shown.from, false));
    params.set('end_date', day(shown.to, true));
    return '/open311/v2/requests.json?' + params.toString();
  }


  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text || '';
    row.appendChild(td);
    return td;
  }

  // Open311 says open or closed; the page says it in its own language.
  function status(request) {
    return request.status === 'closed' ? element.dataset.closed : element.dataset.open;
  }

  function popup(request) {
    var box = document.createElement('div');
    var link = document.createElement('a');
    link.href = '/requests/' + encodeURIComponent(request.service_request_id);
    link.textContent = element.dataset.request + ' ' + request.service_request_id;
    var what = document.createElement('p');
    what.textContent = request.service_name + ' · ' + status(request);
    box.appendChild(link);
    box.appendChild(what);
    return box;
  }

  function show(requests, span) {
    if (drawn) {
      clusters.clearLayers();
      areas.clearLayers();
    }
    body.replaceChildren();
    var bounds = [];
    requests.forEach(function (request) {
      var row = document.createElement('tr');
      var first = cell(row, '');
      var link = document.createElement('a');
      link.href = '/requests/' + encodeURIComponent(request.service_request_id);
      link.textContent = request.service_request_id;
      first.appendChild(link);
      cell(row, request.service_name);
      cell(row, status(request));
      cell(row, request.address);
      cell(row, requested(request.requested_datetime));
      body.appendChild(row);
      if (drawn && typeof request.lat === 'number' && typeof request.long === 'number') {
        // Not a tab stop each: up to a thousand markers would stand between the keyboard and the list, which says
        // the same.
        var marker = L.marker([request.lat, request.long], {
          title: request.service_name + ' ' + request.service_request_id,
          alt: request.service_name + ' ' + request.service_request_id,
          keyboard: false
        });
        var approximate = request.extended_attributes && request.extended_attributes.location_approximate;
        if (approximate) {
          L.circle([request.lat, request.long], { radius: 180, weight: 1, fillOpacity: 0.15 })
            .bindPopup(popup(request)).addTo(areas);
        } else {
          marker.bindPopup(popup(request));
          clusters.addLayer(marker);
        }
        bounds.push([request.lat, request.long]);
      }
    });
    var said = requests.length >= PAGE ? element.dataset.newest
      : requests.length === 1 ? element.dataset.one : element.dataset.many;
    summary.textContent = said.replace('{0}', counts.format(requests.length))
      .replace('{1}', requested(span.from)).replace('{2}', requested(span.to));
    if (drawn && near) {
      map.fitBounds(near.getBounds());
    } else if (drawn && bounds.length > 0) {
      map.fitBounds(bounds, { maxZoom: 15 });
    }
  }

  function load() {
    var shown = period(new FormData(form));
    var dates = form.querySelectorAll('input[type="date"]');
    if (shown.to < shown.from || daysBetween(shown.from, shown.to) > SPAN) {
      summary.textContent = element.dataset.span;
      // The days at fault say so, and the keyboard goes to the first: the message is below a tall map.
      dates.forEach(function (date) {
        date.setAttribute('aria-invalid', 'true');
        date.setAttribute('aria-describedby', 'summary');
      });
      if (dates.length > 0) { dates[0].focus(); }
      return;
    }
    dates.forEach(function (date) {
      date.removeAttribute('aria-invalid');
      date.removeAttribute('aria-describedby');
    });
    summary.textContent = element.dataset.loading;
    fetch(query(shown), { headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          // Only Open311's own list of errors explains; a proxy's page or a broken answer says nothing worth showing.
          return response.json().catch(function () { return null; }).then(function (errors) {
            var said = new Error(errors && errors[0] && errors[0].description ? errors[0].description : '');
            said.fromApi = true;
            throw said;
          });
        }
        return response.json();
      })
      .then(function (requests) { show(requests, shown); })
      .catch(function (error) {
        // The API explains in English; marked so, a screen reader reads it in English on a French page. Anything
        // else (no network, a broken answer) is said in the page's own language alone.
        var explained = error && error.fromApi && error.message;
        var detail = document.createElement('span');
        detail.lang = 'en';
        detail.textContent = explained ? error.message : '';
        summary.replaceChildren(element.dataset.failed + ' ' + (explained ? '' : element.dataset.failedGeneric), detail);
      });
  }

  // The filters go into the page's address, so that a reload, the back button, a shared link and the other language
  // show the same requests; the language link is rewritten with them.
  function remember() {
    var kept = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { if (value) { kept.set(name, value); } });
    var search = kept.toString();
    history.replaceState(null, '', location.pathname + (search ? '?' + search : ''));
    var other = document.querySelector('header a[lang]');
    if (other) {
      var link = new URL(other.href, location.href);
      var lang = link.searchParams.get('lang');
      var next = new URLSearchParams(kept);
      if (lang) { next.set('lang', lang); }
      link.search = next.toString();
      other.href = link.pathname + link.search;
    }
  }

  form.addEventListener('submit', function (event) {
    // A new address is found by the server: the form goes as a page of its own. The other filters are read here.
    if ((form.elements.near.value || '').trim() !== (element.dataset.near || '')) { return; }
    event.preventDefault();
    remember();
    load();
  });
  load();
}());
