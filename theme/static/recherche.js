/* Registre des synergies — recherche et filtres instantanés de la page d'accueil.
 *
 * Reads window.SYNERGIES_RECHERCHE (assets/recherche-donnees.js, written by synergies at build
 * time: per fiche its row id, its normalised text and its filter keys) and narrows the table
 * named by the form's data-table as the reader types. No fetch (works from file://), no inline
 * code (the page's CSP allows only the site's own scripts).
 *
 * - The filter state lives in the URL hash (#q=formation&statut=en-cours), written with
 *   history.replaceState (no history entry per keystroke) and read again on load and on
 *   hashchange, so a filtered view can be bookmarked or sent by mail.
 * - Rows are shown and hidden with the `hidden` attribute, only when their state changes.
 * - The result count is a live region, updated once typing settles (DEBOUNCE_MS).
 */
(function () {
  'use strict';

  var DEBOUNCE_MS = 250;
  var NOT_SET = 'non-renseigne';
  var FORMAT_VERSION = 1;

  var data = window.SYNERGIES_RECHERCHE;
  var form = document.getElementById('recherche');
  if (!form || !data || data.version !== FORMAT_VERSION || !Array.isArray(data.fiches)) return;
  var table = document.getElementById(form.getAttribute('data-table') || '');
  var input = form.querySelector('input[name="q"]');
  var status = document.getElementById('recherche-resultat');
  var clear = document.getElementById('recherche-effacer');
  if (!table || !table.tBodies.length || !input || !status || !clear) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[name]'));
  var caption = table.caption;
  var fullCaption = caption ? caption.textContent : '';

  // Same as `normalise` in src/render/pages/search.rs: keep the two in step.
  var MARKS = /\p{M}/gu;
  var SEPARATORS = /[^\p{Alphabetic}\p{N}]+/gu;
  function normalise(text) {
    return text.normalize('NFKD').replace(MARKS, '').toLowerCase()
      .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss')
      .replace(SEPARATORS, ' ').trim();
  }

  // One entry per fiche that has a row: its data and its row, with the row's current state.
  var rowsById = Object.create(null);
  var bodyRows = table.tBodies[0].rows;
  for (var r = 0; r < bodyRows.length; r++) {
    var id = bodyRows[r].getAttribute('data-id');
    if (id) rowsById[id] = bodyRows[r];
  }
  var entries = [];
  data.fiches.forEach(function (fiche) {
    var row = rowsById[fiche.id];
    if (row) entries.push({ texte: fiche.texte, filtres: fiche.filtres || {}, row: row, shown: !row.hidden });
  });
  var total = entries.length;

  function countText(n) {
    if (n === 0) return 'Aucune synergie sur ' + total;
    return n + (n > 1 ? ' synergies' : ' synergie') + ' sur ' + total;
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
    selects.forEach(function (s) { s.value = state[s.name]; });
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

  var applied = null; // key of the state the table shows
  var shownCount = total;

  /** Shows the rows matching `state` in one pass, touching only rows that change. */
  function filter(state) {
    var key = toHash(state) + '|' + normalise(state.q);
    if (key === applied) return shownCount;
    applied = key;
    var words = normalise(state.q).split(' ').filter(Boolean);
    var active = [];
    selects.forEach(function (s) { if (state[s.name]) active.push([s.name, state[s.name]]); });
    var count = 0;
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i];
      var ok = true;
      for (var a = 0; ok && a < active.length; a++) {
        var keys = e.filtres[active[a][0]] || [];
        ok = active[a][1] === NOT_SET ? keys.length === 0 : keys.indexOf(active[a][1]) >= 0;
      }
      for (var w = 0; ok && w < words.length; w++) ok = e.texte.indexOf(words[w]) >= 0;
      if (ok) count++;
      if (ok !== e.shown) {
        e.shown = ok;
        e.row.hidden = !ok;
      }
    }
    // Writes only what changed: a new caption text alone relays the whole table out.
    var filtered = count !== total || active.length > 0 || words.length > 0;
    if (table.classList.contains('tableau-filtre') !== filtered) table.classList.toggle('tableau-filtre', filtered);
    var text = filtered ? 'Résultat de la recherche : ' + countText(count) : fullCaption;
    if (caption && caption.textContent !== text) caption.textContent = text;
    shownCount = count;
    return count;
  }

  // ------------------------------------------------------------ announcing (debounced)

  var timer = null;
  function settle() {
    timer = null;
    var state = readControls();
    var text = countText(filter(state));
    if (status.textContent !== text) status.textContent = text;
    writeHash(state);
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
    filter(readControls());
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
    var state = { q: '' };
    selects.forEach(function (s) { state[s.name] = ''; });
    writeControls(state);
    settleNow();
    input.focus();
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
  form.hidden = false;
  var start = readControls();
  status.textContent = countText(filter(start));
  if (initial) writeHash(start);
  if (!isEmpty(start)) form.scrollIntoView({ block: 'start' });
})();
