(function () {
  'use strict';
  var started = performance.now();
  var dataEl = document.getElementById('sscheck-data');
  if (!dataEl) { return; }
  var D = JSON.parse(dataEl.textContent);
  var U = D.ui;
  var locale = D.lang === 'zh' ? 'zh-CN' : 'en';
  var score = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var count = new Intl.NumberFormat(locale);
  var collator = new Intl.Collator(locale, { numeric: true });
  var C = D.centers;
  var PAGE = 200;
  var gradeRank = {};
  D.grades.forEach(function (g, i) { gradeRank[g] = i; });

  C.forEach(function (c, k) {
    c.k = k;
    var words = [c.i, c.n, c.p, c.pr, c.lv];
    c.f.forEach(function (f) { words.push(D.rules[f[0]][0]); });
    c.hay = words.join('\n').toLowerCase();
  });

  // Column accessors, in the order of the table's header.
  var COLS = [
    function (c) { return c.i; },
    function (c) { return c.n; },
    function (c) { return c.pr; },
    function (c) { return c.lv; },
    function (c) { return c.d[0]; },
    function (c) { return c.d[1]; },
    function (c) { return c.d[2]; },
    function (c) { return c.d[3]; },
    function (c) { return c.o; },
    function (c) { return c.g === null ? null : (c.g in gradeRank ? gradeRank[c.g] : 99); },
    function (c) { return c.e; },
    function (c) { return c.w; },
    function (c) { return c.x.length; }
  ];

  var state = { col: -1, dir: 1, prov: '', grade: '', text: '', rows: C.slice(), shown: 0, open: {} };
  var tbody = document.getElementById('rows');
  var countEl = document.getElementById('count');
  var moreBtn = document.getElementById('more');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function cell(text, cls) { return el('td', cls, text === null || text === undefined || text === '' ? U.none : text); }
  function num(v) { return v === null || v === undefined ? U.none : score.format(v); }

  function compare(a, b) {
    var get = COLS[state.col];
    var x = get(a), y = get(b);
    var xn = x === null || x === undefined || x === '';
    var yn = y === null || y === undefined || y === '';
    if (xn || yn) { return xn === yn ? a.k - b.k : (xn ? 1 : -1); }
    var r = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return r === 0 ? a.k - b.k : r * state.dir;
  }

  function matches(c) {
    if (state.prov && c.pr !== state.prov) { return false; }
    if (state.grade && (c.g === null ? '-' : c.g) !== state.grade) { return false; }
    if (state.text && c.hay.indexOf(state.text) < 0) { return false; }
    return true;
  }

  function row(c) {
    var tr = el('tr');
    tr.setAttribute('data-k', String(c.k));
    var first = el('td');
    var b = el('button', 'exp', state.open[c.k] ? '−' : '+');
    b.type = 'button';
    b.setAttribute('aria-expanded', state.open[c.k] ? 'true' : 'false');
    b.setAttribute('aria-label', U.expand);
    first.appendChild(b);
    first.appendChild(document.createTextNode(c.i || U.none));
    tr.appendChild(first);
    tr.appendChild(cell(c.n));
    tr.appendChild(cell(c.pr));
    tr.appendChild(cell(c.lv));
    for (var i = 0; i < 4; i++) { tr.appendChild(cell(num(c.d[i]), 'n')); }
    tr.appendChild(cell(num(c.o), 'n'));
    tr.appendChild(cell(c.g === null ? U.none : c.g, 'grade'));
    tr.appendChild(cell(count.format(c.e), 'n' + (c.e ? ' sev-error' : '')));
    tr.appendChild(cell(count.format(c.w), 'n' + (c.w ? ' sev-warning' : '')));
    tr.appendChild(cell(c.x.length ? c.x.join(', ') : '', c.x.length ? 'risk' : ''));
    return tr;
  }

  function detail(c) {
    var tr = el('tr', 'detail');
    tr.setAttribute('data-detail', String(c.k));
    var td = el('td');
    td.colSpan = COLS.length;
    var head = el('div', 'muted', c.p + (c.inc ? ' · ' + U.incomplete : ''));
    td.appendChild(head);
    if (!c.f.length) {
      td.appendChild(el('p', 'muted', U.noFindings));
    } else {
      var ul = el('ul', 'findings');
      c.f.forEach(function (f) {
        var li = el('li');
        li.appendChild(el('span', 'sev-' + D.sev[f[1]], U.sev[f[1]]));
        li.appendChild(document.createTextNode(' '));
        var loc = f[4] ? f[4] + (f[5] ? ':' + f[5] : '') : U.noFile;
        li.appendChild(el('span', 'loc mono', loc));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(el('code', null, D.rules[f[0]][0]));
        li.appendChild(document.createTextNode(' ' + D.rules[f[0]][1] + U.sep + f[2]));
        var st = f[6] === 1 ? ['waived', U.waived] : f[6] === 2 ? ['baselined', U.baselined] : ['open', U.open];
        li.appendChild(el('span', 'state ' + st[0], st[1]));
        if (f[3] >= 0) { li.appendChild(el('div', 'help', U.help + D.helps[f[3]])); }
        ul.appendChild(li);
      });
      td.appendChild(ul);
      if (c.cap) { td.appendChild(el('p', 'muted', U.capped)); }
    }
    tr.appendChild(td);
    return tr;
  }

  function more() {
    var end = Math.min(state.shown + PAGE, state.rows.length);
    var frag = document.createDocumentFragment();
    for (var i = state.shown; i < end; i++) {
      var c = state.rows[i];
      frag.appendChild(row(c));
      if (state.open[c.k]) { frag.appendChild(detail(c)); }
    }
    tbody.appendChild(frag);
    state.shown = end;
    countEl.textContent = U.showing.replace('{shown}', count.format(state.shown))
      .replace('{matched}', count.format(state.rows.length))
      .replace('{total}', count.format(C.length));
    moreBtn.hidden = state.shown >= state.rows.length;
  }

  function apply() {
    state.rows = C.filter(matches);
    if (state.col >= 0) { state.rows.sort(compare); }
    tbody.textContent = '';
    state.shown = 0;
    more();
  }

  function toggle(k) {
    var c = C[k];
    var tr = tbody.querySelector('tr[data-k="' + k + '"]');
    if (!tr) { return; }
    var b = tr.querySelector('button.exp');
    if (state.open[k]) {
      delete state.open[k];
      var d = tr.nextSibling;
      if (d && d.getAttribute('data-detail') === String(k)) { tbody.removeChild(d); }
      b.textContent = '+';
      b.setAttribute('aria-expanded', 'false');
    } else {
      state.open[k] = true;
      tbody.insertBefore(detail(c), tr.nextSibling);
      b.textContent = '−';
      b.setAttribute('aria-expanded', 'true');
    }
  }

  // Filters: province choices from the data.
  var provSel = document.getElementById('f-prov');
  var provs = {};
  C.forEach(function (c) { if (c.pr) { provs[c.pr] = true; } });
  Object.keys(provs).sort(collator.compare).forEach(function (p) {
    var o = el('option', null, p);
    o.value = p;
    provSel.appendChild(o);
  });
  var gradeSel = document.getElementById('f-grade');
  D.grades.concat(['-']).forEach(function (g) {
    var o = el('option', null, g === '-' ? U.none : g);
    o.value = g;
    gradeSel.appendChild(o);
  });
  var textIn = document.getElementById('f-text');
  var timer = null;
  provSel.addEventListener('change', function () { state.prov = provSel.value; apply(); });
  gradeSel.addEventListener('change', function () { state.grade = gradeSel.value; apply(); });
  textIn.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.text = textIn.value.trim().toLowerCase(); apply(); }, 120);
  });

  var ths = document.querySelectorAll('#centers-table thead th');
  Array.prototype.forEach.call(ths, function (th, i) {
    var b = th.querySelector('button');
    if (!b) { return; }
    b.addEventListener('click', function () {
      if (state.col === i) { state.dir = -state.dir; } else { state.col = i; state.dir = 1; }
      Array.prototype.forEach.call(ths, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
      apply();
    });
  });

  tbody.addEventListener('click', function (ev) {
    var b = ev.target.closest ? ev.target.closest('button.exp') : null;
    if (!b) { return; }
    toggle(Number(b.parentNode.parentNode.getAttribute('data-k')));
  });
  moreBtn.addEventListener('click', more);

  // Links from the rule pages: show that center alone in the table, expanded.
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest ? ev.target.closest('a[data-center]') : null;
    if (!a) { return; }
    var k = Number(a.getAttribute('data-center'));
    if (!(k >= 0 && k < C.length)) { return; }
    ev.preventDefault();
    provSel.value = ''; gradeSel.value = '';
    state.prov = ''; state.grade = '';
    textIn.value = C[k].p;
    state.text = C[k].p.toLowerCase();
    state.open[k] = true;
    apply();
    document.getElementById('centers').scrollIntoView();
  });

  if ('IntersectionObserver' in window) {
    var io = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; }) && state.shown < state.rows.length) { more(); }
    }, { rootMargin: '600px' });
    io.observe(document.getElementById('sentinel'));
  }

  // Printing shows every row that passes the filters, not only those drawn so far.
  window.addEventListener('beforeprint', function () {
    while (state.shown < state.rows.length) { more(); }
  });

  apply();
  window.sscheckReady = performance.now();
  window.sscheckScriptMs = window.sscheckReady - started;
  document.body.setAttribute('data-ready', '1');
})();
