// The operator screen. One server-sent-event stream brings a whole snapshot several times a second; the page only
// draws it. An operator token (opened as /dashboard#token=...) adds the brand ranking; without one the page shows
// the public figures.
'use strict';

const token = (() => {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('festival-token', fromHash);
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem('festival-token');
})();
const authHeaders = token ? { Authorization: `Bearer ${token}` } : {};
const $ = id => document.getElementById(id);
const yuan = fen => '¥' + (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const two = n => String(n).padStart(2, '0');
const beijing = iso => new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
const hms = iso => { const t = beijing(iso); return `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`; };

const hm = ms => { const t = new Date(ms + 8 * 3600 * 1000); return `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`; };
// containLabel keeps axis names and labels inside the panel at any size, so no title is clipped.
const theme = { textStyle: { color: '#ddd' }, grid: { left: 8, right: 20, top: 30, bottom: 8, containLabel: true } };
// Origin countries by name, with their ISO code: "Germany (DE)".
const regions = (() => { try { return new Intl.DisplayNames(['en'], { type: 'region' }); } catch (e) { return null; } })();
const country = code => { try { const name = regions?.of(code); return name && name !== code ? `${name} (${code})` : code; } catch (e) { return code; } };
const charts = {};
for (const id of ['per-second', 'day-curve', 'cities', 'countries', 'brands']) {
  charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
}
window.festivalCharts = charts; // lets the browser test read what is drawn

// Time runs on a continuous festival-time axis (Beijing), so an hour without orders takes an hour of width.
function lines(chart, today, lastYear, unit, axis = {}, format = hm) {
  chart.setOption({
    ...theme, animation: false,
    tooltip: { trigger: 'axis', axisPointer: { label: { formatter: p => format(p.value) } } },
    legend: { data: ['today', 'last year'], textStyle: { color: '#ddd' }, right: 10 },
    xAxis: { type: 'time', ...axis, axisLabel: { color: '#b89', formatter: v => format(v), hideOverlap: true } },
    yAxis: { type: 'value', name: unit, nameTextStyle: { color: '#b89', align: 'left' }, axisLabel: { color: '#b89' },
      splitLine: { lineStyle: { color: '#3a1022' } } },
    series: [
      { name: 'today', type: 'line', showSymbol: false, data: today, lineStyle: { color: '#ffd200', width: 2 }, areaStyle: { color: 'rgba(255,80,0,.25)' } },
      { name: 'last year', type: 'line', showSymbol: false, data: lastYear, lineStyle: { color: '#8a6a7a', type: 'dashed' } },
    ],
  });
}

function bars(chart, ranked, tooltip) {
  chart.setOption({
    ...theme, animationDurationUpdate: 300,
    grid: { left: 8, right: 20, top: 10, bottom: 8, containLabel: true },
    tooltip: { formatter: p => tooltip(ranked[ranked.length - 1 - p.dataIndex]) },
    xAxis: { type: 'value', splitNumber: 3, splitLine: { lineStyle: { color: '#3a1022' } },
      axisLabel: { color: '#b89', hideOverlap: true, formatter: v => (v / 100).toLocaleString() } },
    yAxis: { type: 'category', data: ranked.map(r => r.label).reverse(), axisLabel: { color: '#ddd', width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', data: ranked.map(r => r.gmvFen).reverse(), itemStyle: { color: '#ff5000' } }],
  });
}

// The ticker starts at the true total and runs up only through what is new: a page load never counts up from
// zero, and the figure on the big screen never goes down (a lower total, from a reconnect, is shown at once).
let shownFen = null;
let targetFen = 0;
function animateTicker() {
  if (shownFen !== null && shownFen !== targetFen) {
    const step = Math.max(1, Math.ceil((targetFen - shownFen) / 12));
    shownFen = targetFen < shownFen ? targetFen : Math.min(targetFen, shownFen + step);
    $('gmv').textContent = yuan(shownFen);
  }
  requestAnimationFrame(animateTicker);
}
requestAnimationFrame(animateTicker);

let lastMilestones = 0;
function draw(s) {
  targetFen = s.gmv.fen;
  if (shownFen === null) {
    shownFen = targetFen;
    $('gmv').textContent = yuan(shownFen);
  }
  $('gmv').dataset.fen = String(s.gmv.fen);
  $('gmv-usd').textContent = '$' + Number(s.gmv.usd).toLocaleString('en-US', { minimumFractionDigits: 2 });
  $('orders').textContent = s.orders.toLocaleString();
  $('units').textContent = s.units.toLocaleString();
  // The headline stays gross, as announced; returns show beside it, not in it.
  if (s.refunds) {
    $('net-gmv').textContent = yuan(s.refunds.netGmv.fen);
  }
  $('rate').textContent = s.rate.ordersPerSecond;
  $('mobile').textContent = s.mobileShare.ofGmvPercent == null ? '–' : s.mobileShare.ofGmvPercent + '%';
  const vs = s.previousYear.vsLastYearPercent;
  $('versus').textContent = vs == null ? '–' : (vs.startsWith('-') ? '' : '+') + vs + '%';
  $('version').textContent = s.version;
  // The screen says what it compares with.
  $('versus-basis').textContent = s.previousYear.basis;
  $('day-basis').textContent = s.previousYear.basis;

  lines(charts['per-second'], s.lastSeconds.map(p => [Date.parse(p.at), p.gmvFen / 100]),
      s.lastSeconds.map(p => [Date.parse(p.at), p.previousYearGmvFen / 100]), '¥ / s', {},
      ms => hms(new Date(ms).toISOString()));
  bars(charts.cities, s.topCities, r => `${r.label}: ${yuan(r.gmvFen)}, ${r.orders} orders` +
      (r.perCapitaCny ? `, ¥${r.perCapitaCny} per head` : ''));
  bars(charts.countries, s.crossBorderCountries.map(r => ({ ...r, label: country(r.label) })),
      r => `${r.label}: ${yuan(r.gmvFen)} (${r.sharePercent}%)`);
  if (s.topBrands) {
    bars(charts.brands, s.topBrands, r => `${r.label}: ${yuan(r.gmvFen)}, ${r.orders} orders`);
  } else {
    $('brands').hidden = true;
    $('brands-note').hidden = false;
  }
  $('sessions').innerHTML = s.livestreamLeaderboard.map(r => {
    const session = sessionNames.get(r.label);
    const name = session ? `${escapeHtml(session.title)} <span class="muted">with ${escapeHtml(session.host)}</span>`
        : /^[0-9a-f-]{36}$/.test(r.label) ? `session ${escapeHtml(r.label.slice(0, 8))}` : escapeHtml(r.label);
    return `<li>${name} — ${yuan(r.gmvFen)} (${r.orders} orders)</li>`;
  }).join('') || '<li class="muted">no livestream sales yet</li>';
  $('milestones').innerHTML = s.milestones.map(m =>
      `<li>${escapeHtml(m.label)} at ${hms(m.reachedAt)} (${elapsed(m.secondsAfterMidnight)})</li>`).join('')
      || '<li class="muted">none yet</li>';
  if (s.milestones.length > lastMilestones) {
    const latest = s.milestones[s.milestones.length - 1];
    $('banner').textContent = `${latest.label.toUpperCase()} — ${hms(latest.reachedAt)}`;
    $('banner').hidden = false;
    clearTimeout(draw.bannerTimer);
    draw.bannerTimer = setTimeout(() => { $('banner').hidden = true; }, 8000);
  }
  lastMilestones = s.milestones.length;
}

function elapsed(seconds) {
  if (seconds < 0) return 'on the eve';
  const h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, sec = seconds % 60;
  return h ? `${h} h ${m} min after midnight` : m ? `${m} min ${sec} s after midnight` : `${sec} s after midnight`;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// EventSource cannot send an Authorization header, so the stream is read with fetch and parsed here.
async function stream() {
  const url = token ? '/api/gmv/stream' : '/api/gmv/public/stream';
  for (;;) {
    try {
      const response = await fetch(url, { headers: { ...authHeaders, Accept: 'text/event-stream' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      $('connection').textContent = 'live';
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5)).join('\n');
          if (data) draw(JSON.parse(data));
        }
      }
    } catch (e) {
      $('connection').textContent = `reconnecting (${e.message})`;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

// The festival day on the clock's own calendar: 11 November, midnight to midnight, Beijing.
let festival = null;

// The whole day from midnight: the axis spans it even while the day is young, and after the day it keeps the rush.
async function dayCurve() {
  if (!festival) return;
  const axis = { min: festival.midnight, max: festival.midnight + 24 * 3600 * 1000 };
  const until = Math.min(festival.now, axis.max);
  if (until <= festival.midnight) {
    lines(charts['day-curve'], [], [], '¥', axis);
    return;
  }
  try {
    const query = `resolution=minute&from=${new Date(festival.midnight).toISOString()}&to=${new Date(until).toISOString()}`;
    const series = await (await fetch(`/api/gmv/public/series?${query}`)).json();
    lines(charts['day-curve'], series.points.map(p => [Date.parse(p.at), p.cumulativeGmvFen / 100]),
        series.points.map(p => [Date.parse(p.at), p.previousYearCumulativeFen / 100]), '¥', axis);
  } catch (e) { /* the stream's connection line already says what is wrong */ }
}

// Sessions by title and host, from the livestream service's public leaderboard (through the gateway).
const sessionNames = new Map();
async function sessionTitles() {
  try {
    const response = await fetch('/api/livestreams/leaderboard?limit=50');
    if (!response.ok) return;
    for (const standing of await response.json()) {
      sessionNames.set(standing.sessionId, { title: standing.title, host: standing.host });
    }
  } catch (e) { /* short ids stay until the livestream service answers */ }
}

async function clock() {
  try {
    const c = await (await fetch('/api/clock')).json();
    const t = beijing(c.festivalTime);
    const first = festival === null;
    festival = { now: Date.parse(c.festivalTime), midnight: Date.UTC(t.getUTCFullYear(), 10, 10, 16) };
    if (first) dayCurve();
    $('festival-time').textContent = `${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())} ` +
        `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())} Beijing`;
    const s = c.secondsUntilFestival;
    $('countdown').textContent = c.phase === 'BEFORE'
        ? `${Math.floor(s / 3600)}h ${two(Math.floor(s / 60) % 60)}m ${two(s % 60)}s to midnight`
        : c.phase === 'DURING' ? `festival on (${c.speed}x)` : 'the festival is over';
  } catch (e) {
    $('countdown').textContent = 'clock unavailable';
  }
}

async function logistics() {
  try {
    const response = await fetch('/api/logistics/operations', { headers: authHeaders });
    if (response.status === 401 || response.status === 403) {
      $('logistics').textContent = 'the backlog is for operators: open this page with an operator token';
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const ops = await response.json();
    const carriers = (ops.byCarrier ?? []).slice(0, 3).map(c => `${escapeHtml(c.name)} ${c.parcels.toLocaleString()}`).join(' · ');
    $('logistics').innerHTML = `<b>${(ops.backlog ?? 0).toLocaleString()}</b> parcels on their way ` +
        `(${(ops.lateInBacklog ?? 0).toLocaleString()} late) · ${(ops.delivered ?? 0).toLocaleString()} delivered · ` +
        `on time ${ops.onTimePercent ?? '–'}%<br><span class="muted">${carriers}</span>`;
  } catch (e) {
    $('logistics').textContent = `no figures from the logistics service (${e.message})`;
  }
}

// The gateway's admission counters are totals; two readings give the rates an operator watches.
let lastAdmission = null;
async function admission() {
  try {
    const response = await fetch('/api/gateway/admission', { headers: authHeaders });
    if (response.status === 401 || response.status === 403) {
      $('admission').textContent = 'admission figures are for operators: open this page with an operator token';
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const view = await response.json();
    const totals = { at: Date.now(), admitted: 0, shed: 0, byService: {} };
    for (const [service, figures] of Object.entries(view.services ?? {})) {
      let shed = 0;
      for (const p of Object.values(figures.priorities ?? {})) {
        totals.admitted += p.admitted; totals.shed += p.shed; shed += p.shed;
      }
      totals.byService[service] = { shed, limit: figures.limit, inflight: figures.inflight };
    }
    if (lastAdmission) {
      const seconds = Math.max((totals.at - lastAdmission.at) / 1000, 0.001);
      const perSecond = (now, then) => Math.round((now - then) / seconds);
      const services = Object.entries(totals.byService)
          .map(([name, f]) => `${escapeHtml(name)} ${f.inflight}/${f.limit}` +
              (f.shed > (lastAdmission.byService[name]?.shed ?? 0) ? ` (shedding)` : ''))
          .join(' · ');
      $('admission').innerHTML = `<b id="shed-rate">${perSecond(totals.shed, lastAdmission.shed).toLocaleString()}</b> shed per second · ` +
          `${perSecond(totals.admitted, lastAdmission.admitted).toLocaleString()} admitted per second` +
          `${view.enabled ? '' : ' (admission is off)'}<br><span class="muted">in flight / limit: ${services}</span>`;
    }
    lastAdmission = totals;
  } catch (e) {
    $('admission').textContent = `no figures from the gateway (${e.message})`;
  }
}

window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
stream();
clock(); setInterval(clock, 500);
setInterval(dayCurve, 5000);
sessionTitles(); setInterval(sessionTitles, 5000);
logistics(); setInterval(logistics, 5000);
admission(); setInterval(admission, 2000);
