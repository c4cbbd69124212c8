/* Registre des synergies — recherche et filtres instantanés de la page d'accueil.
 *
 * Reads window.SYNERGIES_RECHERCHE (assets/recherche-donnees.js, written by synergies at build
 * time: per fiche its row id, its normalised text, its filter keys and its row of the table as
 * HTML) and fills the table named by the form's data-table with the fiches that match, as the
 * reader types. No fetch (works from file://), no inline code (the page's CSP allows only the
 * site's own scripts).
 *
 * - Filtering runs over every fiche of the data; the table holds at most PAGE matching rows
 *   (the page is written with the first PAGE fiches, src/render/pages/home.rs ROWS), and a
 *   button under it adds the next PAGE: a table of thousands of rows takes seconds to lay out.
 * - Rows are written from the fiches' `ligne` (one innerHTML assignment, or one append), only
 *   when the rows to show change; rows already there that stay first are kept. On a slow
 *   computer a keystroke writes the first rows only (a screenful) and the others follow a
 *   batch per frame once typing pauses, the table being aria-busy meanwhile.
 * - The filter state lives in the URL hash (#q=formation&statut=en-cours), written with
 *   history.replaceState (no history entry per keystroke) and read again on load and on
 *   hashchange, so a filtered view can be bookmarked or sent by mail.
 * - The result count (a live region) and the table's caption are updated once typing settles
 *   (DEBOUNCE_MS).
 */
(function () {
  'use strict';

  var DEBOUNCE_MS = 250;
  var PAGE = 200;
  var NOT_SET = 'non-renseigne';
  var FORMAT_VERSION = 2;

  var data = window.SYNERGIES_RECHERCHE;
  var form = document.getElementById('recherche');
  if (!form || !data || data.version !== FORMAT_VERSION || !Array.isArray(data.fiches)) return;
  var table = document.getElementById(form.getAttribute('data-table') || '');
  var input = form.querySelector('input[name="q"]');
  var status = document.getElementById('recherche-resultat');
  var clear = document.getElementById('recherche-effacer');
  if (!table || !table.tBodies.length || !input || !status || !clear) return;
  var body = table.tBodies[0];
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[name]'));
  var caption = table.caption;
  var fullCaption = caption ? caption.textContent : '';
  var fiches = data.fiches;
  var total = fiches.length;

  // Same as `normalise` in src/render/pages/search.rs: keep the two in step.
  var MARKS = /\p{M}/gu;
  var SEPARATORS = /[^\p{Alphabetic}\p{N}]+/gu;
  function normalise(text) {
    return text.normalize('NFKD').replace(MARKS, '').toLowerCase()
      .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss')
      .replace(SEPARATORS, ' ').trim();
  }

  /** 10000 → "10 000" (narrow no-break space, as French writes thousands). */
  function number(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  }

  function countText(n, inTable) {
    var text = n === 0 ? 'Aucune synergie sur ' + number(total)
      : number(n) + (n > 1 ? ' synergies' : ' synergie') + ' sur ' + number(total);
    if (inTable < n) text += ' (les ' + number(inTable) + ' premières sont affichées)';
    return text;
  }

  // ------------------------------------------------------------ state <-> controls <-> hash

  function readControls() {
    var state = { q: input.value };
    selects.forEach(function (s) { state[s.name] = s.value; });
    return state;
  }

  function hasOption(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) return true;
    }
    return false;
  }

  function writeControls(state) {
    if (input.value !== state.q) input.value = state.q;
    selects.forEach(function (s) { if (s.value !== state[s.name]) s.value = state[s.name]; });
  }

  function isEmpty(state) {
    return !normalise(state.q) && selects.every(function (s) { return !state[s.name]; });
  }

  function toHash(state) {
    var params = new URLSearchParams();
    var q = state.q.trim();
    if (q) params.set('q', q);
    selects.forEach(function (s) { if (state[s.name]) params.set(s.name, state[s.name]); });
    return params.toString();
  }

  /** Our state from a hash, or null when the hash is not ours (e.g. #contenu, the skip link). */
  function fromHash(hash) {
    var text = hash.replace(/^#/, '');
    if (text && text.indexOf('=') < 0) return null;
    var params = new URLSearchParams(text);
    var state = { q: params.get('q') || '' };
    selects.forEach(function (s) {
      var v = params.get(s.name) || '';
      state[s.name] = hasOption(s, v) ? v : '';
    });
    return state;
  }

  function writeHash(state) {
    var hash = toHash(state);
    var current = location.hash.replace(/^#/, '');
    if (hash === current) return;
    var url = hash ? '#' + hash : location.pathname + location.search;
    try {
      history.replaceState(history.state, '', url);
    } catch (e) {
      // Some browsers refuse replaceState on file:// pages; the view still works.
    }
  }

  // ------------------------------------------------------------ filtering

  var applied = '|'; // key of the state `matches` answers: none at first, every fiche
  var filtered = false; // whether that state has a query word or a filter
  var matches = [];
  for (var m = 0; m < total; m++) matches.push(m);

  /** Computes the fiches matching `state` (indexes, in register order); false if unchanged. */
  function filter(state) {
    var key = toHash(state) + '|' + normalise(state.q);
    if (key === applied) return false;
    applied = key;
    var words = normalise(state.q).split(' ').filter(Boolean);
    var active = [];
    selects.forEach(function (s) { if (state[s.name]) active.push([s.name, state[s.name]]); });
    filtered = active.length > 0 || words.length > 0;
    var found = [];
    for (var i = 0; i < total; i++) {
      var fiche = fiches[i];
      var ok = true;
      for (var a = 0; ok && a < active.length; a++) {
        var keys = (fiche.filtres && fiche.filtres[active[a][0]]) || [];
        ok = active[a][1] === NOT_SET ? keys.length === 0 : keys.indexOf(active[a][1]) >= 0;
      }
      for (var w = 0; ok && w < words.length; w++) ok = fiche.texte.indexOf(words[w]) >= 0;
      if (ok) found.push(i);
    }
    var same = found.length === matches.length;
    for (var j = 0; same && j < found.length; j++) same = found[j] === matches[j];
    if (same) return false;
    matches = found;
    return true;
  }

  // ------------------------------------------------------------ the table's rows

  // The fiches whose rows the table holds, in order. The page comes with the first PAGE rows
  // of the register: when they are there, they are kept as they are.
  var inTable = [];
  (function () {
    var rows = body.rows;
    for (var r = 0; r < rows.length; r++) {
      if (r >= total || rows[r].getAttribute('data-id') !== fiches[r].id) { inTable = null; return; }
      inTable.push(r);
    }
  })();
  var wanted = inTable ? inTable.length : 0; // how many of `matches` the table is to hold

  // A table of hundreds of rows takes a slow computer far longer to lay out and paint than a
  // keystroke may take. So the rows are written in two steps: at once, as many as one frame
  // shows within BUDGET_MS.first (at least FIRST_ROWS, a screenful); the others once typing
  // pauses (fill, called when the count is announced), a batch per frame within
  // BUDGET_MS.fill. The cost of a row is measured as they go (rows below the screen cost less:
  // they are not painted): a fast computer writes all the rows at once.
  var FIRST_ROWS = 15;
  // At most this many at once, however cheap rows seemed: the cost of a row is learned from
  // keystrokes that show a few, and hundreds cost a slow computer more per row (measured: a
  // Backspace that brought back 200 rows took 40 to 60 ms at 10,000 fiches).
  var FIRST_MOST = 100;
  var BUDGET_MS = { first: 20, fill: 12 };
  var msPerRow = { first: 1, fill: 1 };
  var pending = 0; // requestAnimationFrame id of the next batch (-1: fill waits for a task turn)
  // A fill batch is kept well under a frame: a keystroke that comes during one waits for it
  // (with 20 ms, a Backspace right after « Afficher … » waited 28 ms at 10,000 fiches).
  // Rows that must go are removed at once, however many: hiding them (display: none) costs the
  // browser as much as removing them, since both take their boxes down (measured in Chromium:
  // 400 rows, 12 ms hidden, 10 ms removed), and hidden rows would still have to be removed later.

  function rowsWithin(kind) {
    var most = kind === 'first' ? Math.min(FIRST_MOST, PAGE) : PAGE;
    return Math.max(FIRST_ROWS, Math.min(most, Math.floor(BUDGET_MS[kind] / msPerRow[kind])));
  }

  /**
   * Learns the cost of a row from `rows` rows written from `start`, once the frame that shows
   * them is done: from the start of the keystroke's work (the browser may lay the page out
   * before the frame, for the search box's caret) or of the frame (fill).
   */
  function measure(kind, start, rows) {
    if (rows < FIRST_ROWS / 2) return;
    var done = function () {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () {
        msPerRow[kind] = (msPerRow[kind] + (performance.now() - start) / rows) / 2;
      };
      channel.port2.postMessage(0);
    };
    if (kind === 'fill') done();
    else requestAnimationFrame(done);
  }

  /**
   * Makes the table hold the first `end` wanted matches; its first `kept` rows are right and
   * stay. The others go (all at once when none is kept, with the new rows' innerHTML).
   */
  function addRows(kept, end) {
    end = Math.max(kept, Math.min(wanted, end));
    if (kept > 0 && kept < inTable.length) {
      // The rows after the first `kept` go, in one operation.
      var range = document.createRange();
      range.setStartBefore(body.rows[kept]);
      range.setEndAfter(body.lastChild);
      range.deleteContents();
      inTable.length = kept;
    }
    if (end > kept || kept === 0) {
      var html = [];
      for (var i = kept; i < end; i++) html.push(fiches[matches[i]].ligne);
      if (kept > 0) body.insertAdjacentHTML('beforeend', html.join(''));
      else body.innerHTML = html.join('');
      inTable = matches.slice(0, end);
    }
    markBusy();
  }

  /** aria-busy on the table while rows are still to be written. */
  function markBusy() {
    var busy = inTable.length < wanted;
    if (busy === table.hasAttribute('aria-busy')) return;
    if (busy) table.setAttribute('aria-busy', 'true');
    else table.removeAttribute('aria-busy');
  }

  /**
   * Writes the rows the table still lacks, a batch per frame, from the first frame after the
   * next one's tasks: the next frame may be showing rows written just now, and what waits
   * behind it (an input event, the task that follows a click) goes before the batches.
   */
  function fill() {
    if (pending || inTable === null || inTable.length >= wanted) return;
    var step = function () {
      pending = 0;
      var start = performance.now();
      var from = inTable.length;
      addRows(from, from + rowsWithin('fill'));
      measure('fill', start, inTable.length - from);
      if (inTable.length < wanted) pending = requestAnimationFrame(step);
    };
    pending = requestAnimationFrame(function () {
      pending = -1;
      setTimeout(function () { if (pending === -1) pending = requestAnimationFrame(step); }, 0);
    });
  }

  /**
   * Makes the table hold the first `count` matches: the rows before `upTo` (at least a batch)
   * are written now, the others by fill(). The first rows stay when they are the right ones.
   */
  function show(count, upTo) {
    if (pending) cancelAnimationFrame(pending);
    pending = 0;
    wanted = Math.min(count, matches.length);
    var kept = 0;
    if (inTable === null) inTable = [];
    else {
      var common = Math.min(wanted, inTable.length);
      while (kept < common && inTable[kept] === matches[kept]) kept++;
      // Nothing to change when the rows there are the first wanted ones (not too many of them).
      if (kept === inTable.length && kept === wanted) {
        markBusy();
        return;
      }
    }
    var end = Math.max(upTo, rowsWithin('first'));
    // When rows must go anyway, those past `end` go too (fill writes them again): every row
    // left in the table is laid out again in this frame.
    if (!upTo && kept < inTable.length) kept = Math.min(kept, end);
    var start = performance.now();
    addRows(kept, end);
    measure('first', start, inTable.length - kept);
  }

  // The button that adds the next rows, under the table; it replaces the page's note on the
  // rows left out (#<table>-limite), which speaks of the table without the search.
  var scroller = table.parentNode && table.parentNode.classList.contains('tableau-defilant') ? table.parentNode : table;
  var note = document.getElementById(table.id + '-limite');
  var next = document.createElement('p');
  next.className = 'tableau-suite';
  next.id = table.id + '-suite';
  next.hidden = true;
  var nextButton = document.createElement('button');
  nextButton.type = 'button';
  nextButton.className = 'tableau-plus';
  next.appendChild(nextButton);

  /** Shows the button when matches are left out of the table, saying how many it adds. */
  function updateNext() {
    var rest = matches.length - wanted;
    var hide = rest <= 0;
    if (next.hidden !== hide) next.hidden = hide;
    if (hide) return;
    var text = rest > PAGE ? 'Afficher les ' + number(PAGE) + ' synergies suivantes'
      : rest === 1 ? 'Afficher la dernière synergie' : 'Afficher les ' + number(rest) + ' dernières synergies';
    if (nextButton.textContent !== text) nextButton.textContent = text;
  }

  /** Filters and fills the table for `state`: the first PAGE matches when the matches change. */
  function update(state) {
    if (filter(state) || inTable === null) show(PAGE, 0);
    updateNext();
  }

  // ------------------------------------------------------------ announcing (debounced)

  /** The count in the live region and in the caption. Writes only what changed. */
  function announce() {
    var count = countText(matches.length, wanted);
    if (status.textContent !== count) status.textContent = count;
    if (!caption) return;
    var text = filtered ? 'Résultat de la recherche : ' + count
      : fullCaption + (wanted < matches.length ? ' (les ' + number(wanted) + ' premières sont affichées)' : '');
    if (caption.textContent !== text) caption.textContent = text;
  }

  var timer = null;
  function settle() {
    timer = null;
    var state = readControls();
    update(state);
    announce();
    writeHash(state);
    fill();
  }
  function settleLater() {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(settle, DEBOUNCE_MS);
  }
  function settleNow() {
    if (timer !== null) clearTimeout(timer);
    settle();
  }

  function onInput() {
    // Rows still to write wait for typing to pause: a batch would delay this keystroke's frame.
    if (pending) cancelAnimationFrame(pending);
    pending = 0;
    update(readControls());
    settleLater();
  }

  // ------------------------------------------------------------ wiring

  form.addEventListener('input', onInput);
  form.addEventListener('change', onInput);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    settleNow();
  });
  clear.addEventListener('click', function () {
    // Focus first, while the layout is the one on screen: after the rows change, focusing
    // (and scrolling to) the box would lay the table out at once.
    input.focus();
    var state = { q: '' };
    selects.forEach(function (s) { state[s.name] = ''; });
    writeControls(state);
    settleNow();
  });
  nextButton.addEventListener('click', function () {
    var first = wanted;
    show(wanted + PAGE, first + rowsWithin('first'));
    updateNext();
    announce();
    fill();
    // The reader goes on from the first added row (the button may now be hidden). It appears
    // where the button was: no scrolling, hence no layout of the table to do here.
    var row = body.rows[first];
    var link = row && row.querySelector('a[href]');
    if (link) link.focus({ preventScroll: true });
  });
  window.addEventListener('hashchange', function () {
    var state = fromHash(location.hash);
    if (!state) return;
    writeControls(state);
    settleNow();
  });

  // A link with a filter hash opens on the filtered table, ready to use.
  var initial = fromHash(location.hash);
  if (initial) writeControls(initial);
  var start = readControls();
  update(start);
  scroller.parentNode.insertBefore(next, scroller.nextSibling);
  if (note) note.hidden = true;
  announce();
  if (initial) writeHash(start);
  fill();
  form.hidden = false;
  if (!isEmpty(start)) form.scrollIntoView({ block: 'start' });
})();
