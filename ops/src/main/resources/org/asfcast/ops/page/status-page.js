// asfcast's status page: every point, its players and its outgoing bit rate over ten minutes,
// live. No framework: the DOM, fetch() and a canvas. Everything shown comes from the admin API
// with the admin token as a Bearer header; client text (user agents) only ever goes in as
// textContent, never as HTML.
'use strict';

(() => {
  const TOKEN_KEY = 'asfcast.adminToken';
  const WINDOW_SECONDS = 600;
  // Events come every second; a stream silent for this long is taken as stalled and reopened.
  const STALL_MILLIS = 5000;
  const RETRY_MILLIS = 2000;
  // A table of thousands of rows helps nobody and slows the page: the first players are listed.
  const MAX_ROWS = 500;

  const state = {
    token: null,
    series: new Map(), // path -> {newestAt, values: [bits per second, oldest first]}
    sections: new Map(), // path -> {section, rows: Map(id -> tr)}
    controller: null,
    retry: null,
  };

  const $ = (id) => document.getElementById(id);

  // --- the token --------------------------------------------------------------------------------

  function takeToken() {
    const url = new URL(location.href);
    const given = url.searchParams.get('token');
    if (given) {
      sessionStorage.setItem(TOKEN_KEY, given);
      // Out of the address bar (and the history) at once.
      url.searchParams.delete('token');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function askToken(problem) {
    stop();
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = null;
    setConnection('not connected', false);
    $('forget').hidden = true;
    $('login').hidden = false;
    $('login-problem').textContent = problem || '';
    $('token').focus();
  }

  class Refused extends Error {}

  // Every call carries the token; credentials: 'omit' keeps the browser from offering its own
  // password prompt when a 401 offers Basic.
  // Without a token the call goes out bare: a listener that needs no credential (loopback only) answers it.
  async function api(path, options = {}) {
    const headers = { ...(options.headers || {}) };
    if (state.token) {
      headers.Authorization = 'Bearer ' + state.token;
    }
    const response = await fetch(path, { ...options, credentials: 'omit', cache: 'no-store', headers });
    if (response.status === 401) {
      askToken(state.token ? 'The admin listener did not take that token.' : '');
      throw new Refused();
    }
    return response;
  }

  // --- following the server ---------------------------------------------------------------------

  function stop() {
    clearTimeout(state.retry);
    if (state.controller) {
      state.controller.abort();
      state.controller = null;
    }
  }

  async function start() {
    stop();
    const controller = new AbortController();
    state.controller = controller;
    setConnection('connecting', false);
    try {
      const history = await api('/api/v1/history', { signal: controller.signal });
      if (!history.ok) {
        throw new Error(await history.text());
      }
      loadHistory(await history.json());
      await follow(controller);
      $('problem').textContent = '';
    } catch (e) {
      if (e instanceof Refused || controller.signal.aborted && state.controller !== controller) {
        return;
      }
      // fetch() rejects with a TypeError when nothing answers (the server stopped, the network is down).
      $('problem').textContent = e instanceof TypeError
        ? 'The admin listener does not answer; trying again.'
        : e && e.message && e.name !== 'AbortError' ? e.message : '';
    }
    if (state.controller === controller) {
      setConnection('reconnecting', false);
      state.retry = setTimeout(start, RETRY_MILLIS);
    }
  }

  // The event stream over fetch(), not EventSource: EventSource cannot send the Authorization
  // header, and a token in its URL would sit in the address and in every log on the way.
  async function follow(controller) {
    const response = await api('/api/v1/events', {
      signal: controller.signal,
      headers: { Accept: 'text/event-stream' },
    });
    if (!response.ok) {
      throw new Error((await response.text()).trim());
    }
    setConnection('live', true);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let watchdog = setTimeout(() => controller.abort(), STALL_MILLIS);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          return;
        }
        clearTimeout(watchdog);
        watchdog = setTimeout(() => controller.abort(), STALL_MILLIS);
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          try {
            dispatch(parseEvent(buffer.slice(0, end)));
          } catch (e) {
            // One event the page cannot show is no reason to drop the stream.
            console.error('status page: an event could not be shown', e);
          }
          buffer = buffer.slice(end + 2);
        }
      }
    } finally {
      clearTimeout(watchdog);
    }
  }

  // One event of text/event-stream: its name and its data lines joined; comments are skipped.
  function parseEvent(block) {
    const event = { name: 'message', data: [] };
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) {
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) {
        value = value.slice(1);
      }
      if (field === 'event') {
        event.name = value;
      } else if (field === 'data') {
        event.data.push(value);
      }
    }
    return { name: event.name, data: event.data.join('\n') };
  }

  function dispatch(event) {
    if (event.data === '') {
      return;
    }
    if (event.name === 'status') {
      showStatus(JSON.parse(event.data));
    } else if (event.name === 'sample') {
      addSample(JSON.parse(event.data));
    }
  }

  function setConnection(text, live) {
    const c = $('connection');
    c.textContent = text;
    c.classList.toggle('live', live);
  }

  // --- the status -------------------------------------------------------------------------------

  function showStatus(status) {
    const server = status.server || {};
    const parts = server.version ? ['version ' + server.version] : [];
    if (server.uptimeSeconds !== undefined) {
      parts.push('up ' + duration(server.uptimeSeconds));
    }
    if (server.players !== undefined) {
      parts.push(count(server.players, 'player'));
    }
    if (server.bitsPerSecondOut !== undefined) {
      parts.push(rate(server.bitsPerSecondOut) + ' out');
    }
    $('server').textContent = parts.join(' \u00b7 ');

    const seen = new Set();
    for (const point of status.points || []) {
      seen.add(point.path);
      showPoint(sectionFor(point.path), point);
    }
    for (const [path, entry] of state.sections) {
      if (!seen.has(path)) {
        entry.section.remove();
        state.sections.delete(path);
      }
    }
  }

  function sectionFor(path) {
    let entry = state.sections.get(path);
    if (!entry) {
      const section = $('point-template').content.firstElementChild.cloneNode(true);
      section.dataset.path = path;
      section.querySelector('.path').textContent = path;
      $('points').append(section);
      entry = { section, rows: new Map() };
      state.sections.set(path, entry);
      draw(path);
    }
    return entry;
  }

  function showPoint(entry, point) {
    const s = entry.section;
    s.querySelector('.kind').textContent = point.kind || '';
    const players = typeof point.players === 'number' ? point.players : (point.clients || []).length;
    const summary = [count(players, 'player')];
    if (point.bitsPerSecondOut !== undefined) {
      summary.push(rate(point.bitsPerSecondOut) + ' out');
    }
    if (point.bytesOut !== undefined) {
      summary.push(bytes(point.bytesOut) + ' sent');
    }
    if (point.source && point.source.state) {
      summary.push('source ' + point.source.state);
    }
    s.querySelector('.summary').textContent = summary.join(' \u00b7 ');

    // Rows are updated in place, not rebuilt: a kick button keeps being the same button.
    const body = s.querySelector('tbody');
    const present = new Set();
    const clients = point.clients || [];
    for (const client of clients.slice(0, MAX_ROWS)) {
      const id = String(client.id);
      present.add(id);
      let row = entry.rows.get(id);
      if (!row) {
        row = newRow(point.path, client);
        entry.rows.set(id, row);
        body.append(row);
      }
      fillRow(row, client);
    }
    for (const [id, row] of entry.rows) {
      if (!present.has(id)) {
        row.remove();
        entry.rows.delete(id);
      }
    }
    // The events list at most MAX_ROWS players a point; `players` counts them all.
    const total = typeof point.players === 'number' ? Math.max(point.players, clients.length) : clients.length;
    s.querySelector('.more-players').textContent = total > MAX_ROWS
      ? 'The first ' + MAX_ROWS + ' of ' + total + ' players are shown.' : '';
    s.querySelector('.no-players').hidden = entry.rows.size > 0;
    s.querySelector('table').hidden = entry.rows.size === 0;
  }

  const COLUMNS = ['id', 'address', 'user-agent', 'protocol', 'connected', 'bytes', 'lag'];

  function newRow(path, client) {
    const row = document.createElement('tr');
    row.dataset.clientId = String(client.id);
    for (const name of COLUMNS) {
      const cell = document.createElement('td');
      cell.className = name;
      if (name === 'id' || name === 'bytes' || name === 'lag') {
        cell.classList.add('number');
      }
      row.append(cell);
    }
    const cell = document.createElement('td');
    const kick = document.createElement('button');
    kick.type = 'button';
    kick.className = 'kick';
    kick.textContent = 'Kick';
    kick.addEventListener('click', () => kickPlayer(path, client.id, row, kick));
    cell.append(kick);
    row.append(cell);
    return row;
  }

  function fillRow(row, client) {
    const text = (name, value) => {
      const cell = row.querySelector('td.' + name);
      if (cell.textContent !== value) {
        cell.textContent = value;
      }
    };
    text('id', String(client.id));
    text('address', String(client.address || ''));
    text('user-agent', String(client.userAgent || ''));
    text('protocol', String(client.protocol || ''));
    const since = client.connectedSince === undefined ? null : new Date(client.connectedSince);
    if (since && !isNaN(since)) {
      text('connected', duration((Date.now() - since.getTime()) / 1000) + ' ago');
      row.querySelector('td.connected').title = since.toISOString();
    }
    text('bytes', client.bytes === undefined ? '' : bytes(client.bytes));
    text('lag', client.lagMillis === undefined ? '' : client.lagMillis + ' ms');
  }

  async function kickPlayer(path, id, row, button) {
    const problem = row.closest('section').querySelector('.point-problem');
    button.disabled = true;
    button.textContent = 'Kicking\u2026';
    try {
      const response = await api(kickUrl(path, id), { method: 'POST' });
      if (!response.ok) {
        throw new Error((await response.text()).trim() || 'HTTP ' + response.status);
      }
      row.classList.add('kicked');
      button.textContent = 'Kicked';
      problem.textContent = '';
    } catch (e) {
      if (e instanceof Refused) {
        return;
      }
      button.disabled = false;
      button.textContent = 'Kick';
      problem.textContent = 'Player ' + id + ' was not kicked: ' + e.message;
    }
  }

  // The point's path keeps its slashes; each segment is escaped on its own.
  function kickUrl(path, id) {
    const segments = path.split('/').map(encodeURIComponent).join('/');
    return '/api/v1/points' + segments + '/players/' + encodeURIComponent(id) + '/kick';
  }

  // --- the chart --------------------------------------------------------------------------------

  function loadHistory(history) {
    state.series.clear();
    for (const point of history.points || []) {
      state.series.set(point.path, {
        newestAt: point.newestAtMillis,
        values: (point.bitsPerSecond || []).slice(-WINDOW_SECONDS),
      });
    }
    state.sections.forEach((_, path) => draw(path));
  }

  function addSample(sample) {
    for (const [path, value] of Object.entries(sample.bitsPerSecond || {})) {
      let series = state.series.get(path);
      if (!series) {
        series = { newestAt: 0, values: [] };
        state.series.set(path, series);
      }
      if (sample.atMillis > series.newestAt) {
        series.values.push(value);
        if (series.values.length > WINDOW_SECONDS) {
          series.values.splice(0, series.values.length - WINDOW_SECONDS);
        }
        series.newestAt = sample.atMillis;
        draw(path);
      }
    }
  }

  function draw(path) {
    const entry = state.sections.get(path);
    if (!entry) {
      return;
    }
    const canvas = entry.section.querySelector('canvas');
    const values = (state.series.get(path) || { values: [] }).values;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 600;
    const height = canvas.clientHeight || 150;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);

    const style = getComputedStyle(canvas);
    const left = 78;
    const right = 8;
    const top = 8;
    const bottom = 18;
    const plotWidth = width - left - right;
    const plotHeight = height - top - bottom;
    const ceiling = niceCeiling(Math.max(1000, ...values));

    g.font = '11px system-ui, sans-serif';
    g.fillStyle = style.getPropertyValue('--muted').trim() || '#777';
    g.strokeStyle = style.getPropertyValue('--grid').trim() || '#8884';
    g.lineWidth = 1;
    g.textBaseline = 'middle';
    g.textAlign = 'right';
    for (let i = 0; i <= 4; i++) {
      const y = top + plotHeight - (plotHeight * i) / 4;
      g.beginPath();
      g.moveTo(left, Math.round(y) + 0.5);
      g.lineTo(left + plotWidth, Math.round(y) + 0.5);
      g.stroke();
      g.fillText(rate((ceiling * i) / 4), left - 6, y);
    }
    g.textBaseline = 'top';
    g.textAlign = 'center';
    for (const minutes of [10, 5, 0]) {
      const x = left + plotWidth * (1 - (minutes * 60) / WINDOW_SECONDS);
      g.textAlign = minutes === 10 ? 'left' : minutes === 0 ? 'right' : 'center';
      g.fillText(minutes === 0 ? 'now' : '\u2212' + minutes + ' min', x, top + plotHeight + 4);
    }

    // The newest sample at the right edge, one pixel column per second's share of the width.
    const x = (i) => left + plotWidth * (1 - (values.length - 1 - i) / (WINDOW_SECONDS - 1));
    const y = (v) => top + plotHeight - (plotHeight * v) / ceiling;
    if (values.length > 0) {
      g.beginPath();
      g.moveTo(x(0), y(values[0]));
      values.forEach((v, i) => g.lineTo(x(i), y(v)));
      g.strokeStyle = style.color;
      g.lineWidth = 1.5;
      g.stroke();
      g.lineTo(x(values.length - 1), top + plotHeight);
      g.lineTo(x(0), top + plotHeight);
      g.closePath();
      g.globalAlpha = 0.15;
      g.fillStyle = style.color;
      g.fill();
      g.globalAlpha = 1;
    }
    const newest = values.length ? values[values.length - 1] : 0;
    canvas.dataset.samples = String(values.length);
    canvas.dataset.newest = String(newest);
    canvas.setAttribute('aria-label', path + ': ' + rate(newest) + ' now, ' + values.length
        + ' s of history');
  }

  // 1, 2 or 5 times a power of ten, at least v.
  function niceCeiling(v) {
    const power = Math.pow(10, Math.floor(Math.log10(v)));
    for (const step of [1, 2, 5, 10]) {
      if (step * power >= v) {
        return step * power;
      }
    }
    return 10 * power;
  }

  // --- words and numbers ------------------------------------------------------------------------

  function rate(bitsPerSecond) {
    return scaled(bitsPerSecond, ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s']);
  }

  function bytes(n) {
    return scaled(n, ['B', 'kB', 'MB', 'GB', 'TB']);
  }

  function scaled(n, units) {
    let i = 0;
    while (Math.abs(n) >= 1000 && i < units.length - 1) {
      n /= 1000;
      i++;
    }
    return (i === 0 ? String(Math.round(n)) : n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0)) + ' ' + units[i];
  }

  function count(n, word) {
    return n + ' ' + word + (n === 1 ? '' : 's');
  }

  function duration(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    if (s < 60) {
      return s + ' s';
    }
    if (s < 3600) {
      return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    }
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }

  // --- start ------------------------------------------------------------------------------------

  $('login').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = $('token').value.trim();
    if (!token) {
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token').value = '';
    begin(token);
  });

  $('forget').addEventListener('click', () => askToken(''));

  window.addEventListener('resize', () => state.sections.forEach((_, path) => draw(path)));

  function begin(token) {
    state.token = token;
    $('login').hidden = true;
    $('forget').hidden = !token;
    start();
  }

  // Asked for only when the listener answers 401.
  begin(takeToken());
})();
