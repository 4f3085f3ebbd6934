// The Hikiwake class dashboard. Plain JavaScript, no dependencies: it signs in
// with the one-time pass in the link's fragment, follows the class over a
// WebSocket, reconnects by itself, and draws every text with textContent.
'use strict';

(function () {
  const base = location.pathname.endsWith('/') ? location.pathname : location.pathname + '/';
  const classCode = decodeURIComponent(base.split('/')[2] || '');
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);

  let projector = params.get('view') === 'projector';
  let socket = null;
  let retryDelay = 500;
  let lostAt = null;       // when the live connection dropped, if it did
  let everLive = false;
  let board = null;
  let clockOffset = 0;     // server time minus this browser's time
  let confirmAction = null;

  // ------------------------------------------------------------ small helpers

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function setConn(state, text) {
    const c = $('conn');
    c.dataset.state = state;
    c.textContent = text;
  }

  function clock(ms) {
    return new Date(ms).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit'});
  }

  function left(deadline) {
    const ms = deadline - (Date.now() + clockOffset);
    if (ms <= 0) return '0:00';
    const s = Math.ceil(ms / 1000);
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  function form(data) {
    return {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams(data).toString(),
      credentials: 'same-origin',
      cache: 'no-store'
    };
  }

  // ------------------------------------------------------------ signing in

  async function start() {
    $('class-code').textContent = 'Class ' + classCode;
    $('projector').checked = projector;
    const hash = new URLSearchParams(location.hash.slice(1));
    const pass = hash.get('pass');
    if (pass) {
      // the pass is used once; take it out of the address bar and history at once
      history.replaceState(null, '', location.pathname + location.search);
      try {
        const r = await fetch(base + 'session', form({pass: pass}));
        if (r.status !== 204) {
          const body = await r.json().catch(() => ({}));
          showSignedOut(body.error || 'That link did not work.');
          return;
        }
      } catch (e) {
        showSignedOut('The server could not be reached to sign in. Reload to try again.');
        return;
      }
    }
    connect();
  }

  function showSignedOut(message) {
    setConn('gone', 'Not signed in');
    $('live').hidden = true;
    $('debrief').hidden = true;
    $('signed-out').hidden = false;
    $('how-to-get-in').textContent = message;
  }

  // ------------------------------------------------------------ the live feed

  // A request or a socket that a dying server took and never answered would otherwise
  // leave the page waiting for ever instead of trying again.
  const PATIENCE_MS = 5000;

  async function connect() {
    let state;
    const patience = new AbortController();
    const giveUp = setTimeout(() => patience.abort(), PATIENCE_MS);
    try {
      const r = await fetch(base + 'state', {cache: 'no-store', credentials: 'same-origin',
          signal: patience.signal});
      state = await r.json();
    } catch (e) {
      return retry('The server cannot be reached; retrying…');
    } finally {
      clearTimeout(giveUp);
    }
    if (!state.exists) {
      // after a restart the class is back once the server has recovered it
      return retry('The server answers, but class ' + classCode + ' is not on it now; retrying…',
          'no-class');
    }
    if (!state.signedIn) {
      showSignedOut(state.howToGetIn || '');
      return;
    }
    $('signed-out').hidden = true;
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + base
        + 'live' + (projector ? '?view=projector' : '');
    const ws = new WebSocket(url);
    socket = ws;
    setTimeout(() => {
      if (ws === socket && ws.readyState === WebSocket.CONNECTING) ws.close();
    }, PATIENCE_MS);
    ws.onmessage = (e) => {
      if (ws !== socket) return;
      const m = JSON.parse(e.data);
      if (m.type !== 'board') return;
      if (lostAt !== null) {
        setConn('reconnected', 'Reconnected at ' + clock(Date.now()) + ' (lost at ' + clock(lostAt) + ')');
        lostAt = null;
      } else if (!everLive) {
        setConn('live', 'Live');
      }
      everLive = true;
      retryDelay = 500;
      render(m);
    };
    ws.onclose = () => {
      if (ws !== socket) return;
      socket = null;
      retry('Connection lost at ' + clock(lostAt || Date.now()) + '; reconnecting…');
    };
  }

  function retry(text, state) {
    if (everLive && lostAt === null) lostAt = Date.now();
    setConn(state || 'lost', text);
    setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 4000);
  }

  function reconnectNow() {
    if (socket) {
      const old = socket;
      socket = null;
      old.close();
    }
    connect();
  }

  // ------------------------------------------------------------ the live view

  function render(b) {
    board = b;
    clockOffset = b.at - Date.now();
    $('scenario').textContent = b.scenario;
    $('live').hidden = !$('debrief').hidden;
    document.body.classList.toggle('projector', b.view === 'projector');
    $('controls').hidden = b.view !== 'instructor' || b.phase === 'ended';

    $('s-deals').textContent = b.strip.deals;
    $('s-negotiating').textContent = b.strip.negotiating;
    $('s-nodeal').textContent = b.strip.noDeal;
    $('s-disconnected').textContent = b.strip.disconnected;
    const extra = [];
    extra.push(b.strip.games + (b.strip.games === 1 ? ' game' : ' games'));
    if (b.strip.notStarted) extra.push(b.strip.notStarted + ' not started');
    if (b.waitingCount) extra.push(b.waitingCount + ' waiting to be paired');
    if (b.endsAt) extra.push('class ends ' + clock(b.endsAt));
    if (b.phase === 'ended') extra.push('class over');
    if (b.disconnected.length) extra.push('disconnected: ' + b.disconnected.join(', '));
    $('s-extra').textContent = extra.join(' · ');

    const banner = $('banner');
    if (b.released) {
      banner.hidden = false;
      banner.textContent = 'News released at ' + clock(b.released.at) + ': ' + b.released.headline;
    } else {
      banner.hidden = true;
    }

    if (b.news) {
      const select = $('news-select');
      const chosen = select.value;
      select.replaceChildren();
      for (const n of b.news) {
        const o = el('option', null, (n.round ? 'Round ' + n.round : 'Not scheduled') + ': ' + n.headline);
        o.value = n.id;
        select.appendChild(o);
      }
      if (chosen) select.value = chosen;
    }

    const cards = $('cards');
    cards.replaceChildren();
    for (const g of b.games) cards.appendChild(card(g));
    $('no-games').hidden = b.games.length > 0;
    tick();
  }

  function card(g) {
    const c = el('article', 'card ' + g.state.replace(/ /g, '-'));
    c.dataset.pair = g.pair;
    const head = el('header');
    head.appendChild(el('span', 'pair', 'Pair ' + g.pair));
    head.appendChild(el('span', 'state', g.state));
    c.appendChild(head);
    const over = ['agreement', 'walk out', 'deadline', 'abandoned', 'damaged'].includes(g.state);
    for (const s of g.seats) {
      const row = el('div', 'seat');
      row.appendChild(el('span', 'role', s.role));
      row.appendChild(el('span', 'name', s.taken ? s.label : '(empty seat)'));
      // as in the strip: only a game still being played misses a player
      if (s.taken && !s.connected && !over) row.appendChild(el('span', 'off', 'disconnected'));
      c.appendChild(row);
    }
    const p = el('div', 'progress');
    p.appendChild(document.createTextNode(g.round === 0
        ? 'Not started · ' + g.rounds + ' rounds'
        : 'Round ' + g.round + ' of ' + g.rounds + ' · turn ' + (g.turn + 1)));
    if (!over && g.toMove) {
      p.appendChild(document.createTextNode(' · '));
      p.appendChild(el('span', 'mover', g.toMove + ' to move'));
      if (g.deadline && !g.paused) {
        p.appendChild(document.createTextNode(' '));
        const cd = el('span', 'countdown', left(g.deadline));
        cd.dataset.deadline = g.deadline;
        p.appendChild(cd);
      }
    }
    c.appendChild(p);
    if (g.scores) {
      c.appendChild(el('div', 'offer', 'Scores: ' + g.scores.map((x) => x.role + ' '
          + x.points).join(' · ')));
    } else if (g.onTable) {
      const o = el('div', 'offer');
      o.appendChild(document.createTextNode('On the table (' + g.onTable.by + '): '
          + g.onTable.points.map((x) => x.role + ' ' + x.points).join(' · ') + ' · joint '));
      o.appendChild(el('span', 'joint', String(g.onTable.joint)));
      c.appendChild(o);
    } else if (!over) {
      c.appendChild(el('div', 'offer quiet', g.offerOnTable ? 'An offer is on the table'
          : 'No offer yet'));
    }
    return c;
  }

  function tick() {
    for (const cd of document.querySelectorAll('.countdown')) {
      cd.textContent = left(Number(cd.dataset.deadline));
    }
  }

  // ------------------------------------------------------------ controls

  function ask(text, action) {
    $('confirm-text').textContent = text;
    confirmAction = action;
    $('confirm').showModal();
  }

  async function control(data) {
    const result = $('control-result');
    result.className = '';
    result.textContent = 'Sending…';
    try {
      const r = await fetch(base + 'control', form(data));
      const body = await r.json();
      if (r.ok) {
        result.textContent = body.summary;
      } else {
        result.className = 'refused';
        result.textContent = body.error || ('Refused (' + r.status + ')');
      }
    } catch (e) {
      result.className = 'refused';
      result.textContent = 'The server could not be reached; nothing was sent.';
    }
  }

  function games() {
    const n = board ? board.games.filter((g) => !['agreement', 'walk out', 'deadline',
      'abandoned', 'damaged'].includes(g.state)).length : 0;
    return n + (n === 1 ? ' running game' : ' running games');
  }

  function wireControls() {
    $('btn-release').onclick = () => {
      const s = $('news-select');
      if (!s.value) return;
      const label = s.options[s.selectedIndex].textContent;
      ask('Release this news to all ' + games() + ' now?\n' + label,
          () => control({action: 'release-news', news: s.value}));
    };
    $('btn-pause').onclick = () => ask('Pause the clock of all ' + games() + '?',
        () => control({action: 'pause'}));
    $('btn-resume').onclick = () => ask('Resume the clock of all ' + games() + '?',
        () => control({action: 'resume'}));
    $('btn-extend').onclick = () => {
      const n = $('extend-rounds').value;
      ask('Add ' + n + (n === '1' ? ' round' : ' rounds') + ' to all ' + games() + '?',
          () => control({action: 'extend', rounds: n}));
    };
    $('btn-end').onclick = () => ask('End all ' + games() + ' now, as a deadline? This cannot be undone.',
        () => control({action: 'end-all'}));
    $('confirm-yes').onclick = () => {
      $('confirm').close();
      const a = confirmAction;
      confirmAction = null;
      if (a) a();
    };
    $('confirm-no').onclick = () => {
      confirmAction = null;
      $('confirm').close();
    };
  }

  // ------------------------------------------------------------ views

  function showTab(which) {
    const debrief = which === 'debrief';
    $('tab-live').setAttribute('aria-pressed', String(!debrief));
    $('tab-debrief').setAttribute('aria-pressed', String(debrief));
    $('debrief').hidden = !debrief;
    $('live').hidden = debrief || !board;
    if (debrief) drawDebrief();
  }

  async function drawDebrief() {
    const status = $('debrief-status');
    status.textContent = 'Drawing the class…';
    try {
      const [svg, csv] = await Promise.all([
        fetch(base + 'debrief/class.svg', {cache: 'no-store'}),
        // the projector gets the table without names, codes or scores
        fetch(base + 'debrief/class.csv' + (projector ? '?view=projector' : ''),
            {cache: 'no-store'})]);
      if (!svg.ok || !csv.ok) {
        status.textContent = 'The debrief could not be drawn (' + svg.status + ').';
        return;
      }
      const doc = new DOMParser().parseFromString(await svg.text(), 'image/svg+xml');
      const plane = $('plane');
      plane.replaceChildren(document.importNode(doc.documentElement, true));
      withinRole(parseCsv(await csv.text()));
      const running = board && board.strip.negotiating + board.strip.notStarted > 0;
      status.textContent = 'The class on the plane of both sides\u2019 points, drawn at '
          + clock(Date.now()) + (running ? ' (games still running are drawn at the offer on'
          + ' their table)' : '') + '.';
    } catch (e) {
      status.textContent = 'The debrief could not be fetched: ' + e;
    }
  }

  /** CSV as the debrief writes it: commas, double quotes, CRLF. */
  function parseCsv(text) {
    const rows = [];
    let row = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
        else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') { row.push(cell); cell = ''; }
      else if (ch === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; }
      else cell += ch;
    }
    if (cell || row.length) { row.push(cell); rows.push(row); }
    const head = rows.shift() || [];
    return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] || ''])));
  }

  /** Who did well is read within each role: by share of the gain each could have had. */
  function withinRole(rows) {
    const box = $('within-role');
    box.replaceChildren();
    if (!rows.length) return;
    // every table has each role's share of gain; only the instructor's has names and scores
    const roles = Object.keys(rows[0]).filter((k) => k.endsWith('_share_of_gain'))
        .map((k) => k.slice(0, -'_share_of_gain'.length));
    const names = {};
    if (board) for (const g of board.games) for (const s of g.seats) names[s.roleId] = s.role;
    const hide = document.body.classList.contains('projector');
    for (const role of roles) {
      const name = names[role] || role;
      const t = el('table');
      t.appendChild(el('caption', null, name + ', within the role'));
      const h = el('tr');
      for (const c of ['pair', hide ? '' : 'player', 'outcome', hide ? '' : 'score', 'share of gain']) {
        if (c !== '') h.appendChild(el('th', null, c));
      }
      t.appendChild(h);
      const ranked = rows.slice().sort((a, b) => Number(b[role + '_share_of_gain'])
          - Number(a[role + '_share_of_gain']));
      for (const r of ranked) {
        const tr = el('tr');
        tr.appendChild(el('td', 'num', r.pair));
        if (!hide) tr.appendChild(el('td', null, r[role + '_player']));
        tr.appendChild(el('td', null, r.state));
        if (!hide) tr.appendChild(el('td', 'num', r[role + '_score']));
        tr.appendChild(el('td', 'num', Number(r[role + '_share_of_gain']).toFixed(2)));
        t.appendChild(tr);
      }
      box.appendChild(t);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    wireControls();
    $('tab-live').onclick = () => showTab('live');
    $('tab-debrief').onclick = () => showTab('debrief');
    $('btn-redraw').onclick = drawDebrief;
    $('projector').onchange = () => {
      projector = $('projector').checked;
      const q = projector ? '?view=projector' : '';
      history.replaceState(null, '', location.pathname + q);
      board = null;
      $('cards').replaceChildren();
      reconnectNow();
    };
    setInterval(tick, 250);
    start();
  });
})();
