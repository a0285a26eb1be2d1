// Civic311 staff console. Licensed AGPL-3.0-or-later.
// A block that refreshes itself (the inbox every 20 s, the dashboard every minute) waits while the person reading it
// is inside it: focus on one of its links or fields, or a "Figures as a table" opened. Replacing it then would take
// their place away and close what they opened (WCAG 2.2.2); it refreshes at the next tick after they leave. A screen
// reader reading in browse mode moves no focus, so each such block has a button above it that pauses it too.
document.addEventListener('htmx:beforeRequest', function (event) {
  var block = event.detail.elt;
  if (!block || !block.hasAttribute('data-refreshes')) {
    return;
  }
  var pause = block.id && document.querySelector('button[data-pauses="' + CSS.escape(block.id) + '"]');
  if (block.contains(document.activeElement) || block.querySelector('details[open]')
      || (pause && pause.getAttribute('aria-pressed') === 'true')) {
    event.preventDefault();
  }
});
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-refreshes][id]').forEach(function (block) {
    var pause = document.createElement('button');
    pause.type = 'button';
    pause.className = 'pause-updates';
    pause.textContent = 'Pause automatic updates';
    pause.setAttribute('aria-pressed', 'false');
    pause.dataset.pauses = block.id;
    pause.addEventListener('click', function () {
      var paused = pause.getAttribute('aria-pressed') !== 'true';
      pause.setAttribute('aria-pressed', paused ? 'true' : 'false');
      // Seen as well as heard: the words say what a click does next, the style that updates are held.
      pause.textContent = paused ? 'Resume automatic updates' : 'Pause automatic updates';
    });
    block.parentNode.insertBefore(pause, block);
  });
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

// Filing or linking a conversation's request posts another form than the reply's: the reply being written goes
// with it, and comes back with the page instead of being lost.
document.addEventListener('submit', function (event) {
  var draft = event.target.querySelector && event.target.querySelector('[data-reply-draft]');
  var composer = document.getElementById('text');
  if (draft && composer) {
    draft.value = composer.value;
  }
});

// A form on its way is not sent again by a second tap (a slow connection in the truck): its buttons rest until the
// next page comes, or a few seconds for a form whose answer is a download and leaves the page where it is. The server
// also takes the same note from the same person twice in a row once.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (event.defaultPrevented || !form.matches('form[method="post"]:not([hx-post])')) {
    return;
  }
  // After the click is sent: a button disabled before would not send its own name and value.
  // Only those it rests: a button the page disabled itself stays so.
  setTimeout(function () {
    var buttons = Array.prototype.filter.call(
      form.querySelectorAll('button:not([type="button"]), input[type="submit"]'),
      function (button) { return !button.disabled; });
    buttons.forEach(function (button) {
      button.disabled = true;
      button.setAttribute('data-resting', '');
    });
    setTimeout(function () { buttons.forEach(wake); }, 8000);
  }, 0);
});
function wake(button) {
  button.disabled = false;
  button.removeAttribute('data-resting');
}
// A page given back by the browser's Back button comes with its buttons as they were left.
window.addEventListener('pageshow', function (event) {
  if (event.persisted) {
    document.querySelectorAll('[data-resting]').forEach(wake);
  }
});

// A piece of the page refused because the session ended (a tablet left signed in overnight): what is on the page
// stays as it is, and its reader is told to sign in again in another tab before sending it.
document.addEventListener('htmx:responseError', function (event) {
  if (event.detail.xhr.status !== 401 || document.getElementById('signed-out')) {
    return;
  }
  var said = document.createElement('p');
  said.id = 'signed-out';
  said.className = 'error';
  said.setAttribute('role', 'alert');
  said.textContent = 'You have been signed out. What you typed here is still here: sign in again in another tab,'
    + ' then send it from this page.';
  var main = document.getElementById('main');
  if (main) {
    main.insertBefore(said, main.firstChild);
  }
});

// A queue's requests ticked all at once, for work done to all of them after a storm: those shown.
document.addEventListener('DOMContentLoaded', function () {
  var heading = document.querySelector('table.queue thead th:first-child');
  if (!heading || !document.querySelector('input[name="id"][form="bulk"]')) {
    return;
  }
  var all = document.createElement('input');
  all.type = 'checkbox';
  all.id = 'tick-all';
  all.setAttribute('aria-label', 'Tick every request shown');
  heading.appendChild(all);
  all.addEventListener('change', function () {
    document.querySelectorAll('#queue-rows input[name="id"][form="bulk"]').forEach(function (box) {
      box.checked = all.checked;
    });
  });
  // Rows narrowed by a filter come unticked: so does the box that says all are.
  document.addEventListener('htmx:afterSwap', function () {
    if (!document.querySelector('#queue-rows input[name="id"][form="bulk"]:checked')) {
      all.checked = false;
    }
  });
});

// Back to the queue as it was filtered ("ward 10, mine, due today"), not the whole of it: the queue's address, as its
// filters left it, is remembered in the tab, and a request's way back to that queue takes it.
(function () {
  var queue = /^\/staff\/queues\/[^/]+$/;
  function remember() {
    if (queue.test(window.location.pathname)) {
      sessionStorage.setItem('civic311.queue', window.location.pathname + window.location.search);
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    remember();
    var back = document.querySelector('a[data-back-to-queue]');
    var filtered = sessionStorage.getItem('civic311.queue');
    if (back && filtered && filtered.split('?')[0] === back.pathname) {
      back.setAttribute('href', filtered);
    }
  });
  // The filters change the address in place (htmx pushes it).
  document.addEventListener('htmx:pushedIntoHistory', remember);
}());

// The navigation says which of its screens this is (a request's page belongs to no link of it).
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('nav[aria-label="Staff"] a').forEach(function (link) {
    if (link.pathname === window.location.pathname) {
      link.setAttribute('aria-current', 'page');
    }
  });
});

// What an htmx change put on the page out of a screen reader's sight: a ready answer written into the note to the
// resident or into a reply, or the questions a type of problem asks.
(function () {
  'use strict';
  function announce(text) {
    var region = document.getElementById('announcer');
    if (!region) {
      region = document.createElement('div');
      region.id = 'announcer';
      region.setAttribute('role', 'status');
      region.className = 'visually-hidden';
      document.body.appendChild(region);
    }
    region.textContent = '';
    // Filled a moment after it exists or was emptied: a region's first words are otherwise often not read.
    setTimeout(function () { region.textContent = text; }, 100);
  }
  // The note as it was before a resolution was chosen: a note the agent had written is kept, and nothing is said.
  var noteBefore = null;
  document.addEventListener('htmx:beforeRequest', function (event) {
    if (event.detail.elt && event.detail.elt.id === 'resolution') {
      var note = document.getElementById('public-note');
      noteBefore = note ? note.value : null;
    }
  });
  // A piece of the page swapped in at each pause in typing, said only when what it says changes as it matters:
  // read out at every swap, it would talk over the reader (these are not live regions for that reason).
  function sayWhenChanged(id, read, said) {
    var before = null;
    document.addEventListener('htmx:afterSettle', function () {
      var element = document.getElementById(id);
      if (!element) {
        return;
      }
      var now = read(element);
      var text = said(now, before);
      if (text) {
        announce(text);
      }
      before = now;
    });
  }
  function words(element) {
    return element.textContent.replace(/\s+/g, ' ').trim();
  }
  // The suggested types of a caller's words, when they change.
  sayWhenChanged('triage', function (triage) {
    return Array.prototype.map.call(triage.querySelectorAll('.suggestions li'), words).join('|');
  }, function (types, before) {
    if (before === null || types === before || types === '') {
      return null;
    }
    var count = types.split('|').length;
    return count === 1 ? '1 suggested type.' : count + ' suggested types.';
  });
  // How far a public note reaches, when it first stops reaching a follower whole.
  sayWhenChanged('note-reach', function (reach) {
    var cut = reach.querySelector('.cut');
    return cut ? words(cut) : '';
  }, function (cut, before) {
    return cut && !before ? cut : null;
  });
  // A reply's length, once it stops fitting.
  sayWhenChanged('length', function (length) {
    return length.classList.contains('error') ? length.textContent : '';
  }, function (over, before) {
    return over && !before ? 'The reply no longer fits: ' + over + '.' : null;
  });
  document.addEventListener('htmx:afterSettle', function (event) {
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (!source) {
      return;
    }
    if (source.id === 'resolution') {
      var note = document.getElementById('public-note');
      if (note && note.value && source.value && note.value !== noteBefore) {
        announce('The ready answer for ' + source.options[source.selectedIndex].text
          + ' is in the note to the resident: read it before sending.');
      }
    } else if (source.matches && source.matches('form[role="search"]') && document.getElementById('results')) {
      var hits = document.querySelectorAll('#results .hits li').length;
      announce(hits === 0 ? (document.querySelector('#results p') ? 'Nothing answers that.' : '')
        : hits === 1 ? '1 answer found.' : hits + ' answers found.');
    } else if (source.matches && source.matches('form.kb-search') && document.getElementById('kb-hits')) {
      var found = document.querySelectorAll('#kb-hits .hits li').length;
      announce(found === 0 ? 'Nothing answers that.' : found === 1 ? '1 answer found.' : found + ' answers found.');
    } else if (source.hasAttribute && source.hasAttribute('data-article')) {
      announce('The answer is in your reply box, cut to what the channel carries: read it before sending.');
    } else if (source.id === 'starter' && source.value) {
      announce('The reply starter is in your reply box: read it before sending.');
    } else if (source.id === 'service' && document.getElementById('questions')) {
      // Counted by name: a question with several answers is a box per answer.
      var names = {};
      document.querySelectorAll('#questions select, #questions input, #questions textarea').forEach(function (field) {
        names[field.name] = true;
      });
      var asked = Object.keys(names).length;
      announce(asked === 0 ? 'This type asks no questions.'
        : asked === 1 ? 'This type asks 1 question, below.' : 'This type asks ' + asked + ' questions, below.');
    }
  });
}());

// A refused form marks the field it names, described by the reason, and puts the keyboard there (WCAG 3.3.1): the
// page names it by its form (the request page has several reasons) and its field. Several forms may end alike (a
// hidden button's beside the real one), so the first field of that name that shows is taken, not a button (a
// suggestion's beside the type it suggests); a refusal naming none it shows is itself given the keyboard, rather than
// leave it at the top of the page. Without a refusal, an emergency on the page is focused: a screen reader reads an
// alert already on the page only when it is focused.
document.addEventListener('DOMContentLoaded', function () {
  'use strict';
  function focusItself(element) {
    element.setAttribute('tabindex', '-1');
    element.focus();
  }
  var error = document.getElementById('form-error');
  var emergency = document.querySelector('main > p.emergency');
  if (!error) {
    if (emergency) {
      focusItself(emergency);
    }
    return;
  }
  var field = null;
  if (error.dataset.field) {
    var forms = error.dataset.form
      ? document.querySelectorAll('form[action$="/' + CSS.escape(error.dataset.form) + '"]')
      : [document];
    var named = '[name="' + CSS.escape(error.dataset.field) + '"]';
    for (var i = 0; i < forms.length && !field; i++) {
      field = Array.prototype.find.call(forms[i].querySelectorAll(named), function (candidate) {
        return candidate.type !== 'hidden' && candidate.tagName !== 'BUTTON' && candidate.getClientRects().length > 0;
      }) || null;
    }
  }
  if (!field) {
    focusItself(error);
    return;
  }
  field.setAttribute('aria-invalid', 'true');
  var described = field.getAttribute('aria-describedby');
  field.setAttribute('aria-describedby', described ? 'form-error ' + described : 'form-error');
  field.focus();
});

// A session ends after a while unused: two minutes before, a dialog says so and keeps it with one button (WCAG 2.2.1),
// so that a note typed slowly, or with a switch or a screen reader, is not sent to a sign-in page and lost. Every
// page and every piece of one fetched counts as use.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="session-seconds"]');
  var seconds = meta ? parseInt(meta.content, 10) : 0;
  if (!(seconds > 180) || !window.HTMLDialogElement) {
    return;
  }
  var timer = null;
  var dialog = null;
  function arm() {
    clearTimeout(timer);
    timer = setTimeout(warn, (seconds - 120) * 1000);
  }
  function warn() {
    if (!dialog) {
      dialog = document.createElement('dialog');
      dialog.id = 'session-ending';
      dialog.setAttribute('role', 'alertdialog');
      dialog.setAttribute('aria-labelledby', 'session-ending-said');
      var said = document.createElement('p');
      said.id = 'session-ending-said';
      said.textContent = 'You will be signed out in two minutes, as nothing has been sent for a while. What you typed'
        + ' is still on this page.';
      var stay = document.createElement('button');
      stay.type = 'button';
      stay.textContent = 'Stay signed in';
      stay.addEventListener('click', function () {
        // Asked as htmx asks: an ended session then answers 401, not a sign-in page that would remember this address.
        fetch('/staff/session', { credentials: 'same-origin', redirect: 'manual', headers: { 'HX-Request': 'true' } })
          .then(function (response) {
            if (response.status === 204) {
              dialog.close();
              arm();
            } else {
              said.textContent = 'You have been signed out. What you typed is still here: copy it, sign in again,'
                + ' and paste it in.';
              stay.hidden = true;
            }
          });
      });
      dialog.appendChild(said);
      dialog.appendChild(stay);
      document.body.appendChild(dialog);
    }
    dialog.showModal();
  }
  document.addEventListener('htmx:afterRequest', arm);
  arm();
}());
