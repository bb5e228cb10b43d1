/* newsgraph explorer: one page, every view from the JSON API under /api/.
 * Text from the database is only ever put into the page as text nodes or
 * attribute values (never as markup); the ego-network SVG comes from the
 * server, which escapes every string, and is parsed as XML. */
'use strict';

const main = document.getElementById('main');
const enc = encodeURIComponent;
const TYPES_KNOWN = ['PER', 'ORG', 'LOC', 'EVENT', 'EVT'];

function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false) continue;
    e.append(kid instanceof Node ? kid : String(kid));
  }
  return e;
}
const svgNS = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...kids) {
  const e = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  for (const kid of kids) e.append(kid instanceof Node ? kid : String(kid));
  return e;
}
const fmt = n => (n === null || n === undefined) ? '' : Number(n).toLocaleString('en');
const typeClass = t => 't-' + String(t).replace(/[^A-Za-z0-9_-]/g, '');
const badge = t => h('span', {class: 'badge ' + typeClass(t)}, t);
const entLink = (id, name, extra) => h('a', {href: '/entity/' + enc(id), class: extra || null, 'data-entity': id}, name);

class ApiError extends Error {
  constructor(status, body) { super(body && body.message || ('HTTP ' + status)); this.status = status; this.body = body || {}; }
}
async function api(path, params, asText) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
  const url = '/api/' + path + (q.toString() ? '?' + q : '');
  const r = await fetch(url, {headers: {Accept: asText ? 'image/svg+xml' : 'application/json'}});
  if (!r.ok) {
    let body = null;
    try { body = await r.json(); } catch (e) { /* not JSON */ }
    throw new ApiError(r.status, body);
  }
  return asText ? r.text() : r.json();
}

function showError(err, where) {
  const box = h('div', {class: 'error', id: 'error'});
  box.append(h('p', null, h('b', null, err.status ? 'Error ' + err.status + ': ' : 'Error: '), err.message));
  const list = (err.body && (err.body.suggestions || err.body.candidates)) || [];
  if (list.length) {
    box.append(h('p', null, err.body.candidates ? 'Which one?' : 'Did you mean:'));
    box.append(h('ul', null, list.map(c => h('li', null, entLink(c.id, c.name), ' ', badge(c.type),
      h('span', {class: 'muted'}, ' ', fmt(c.mentions), ' mentions')))));
  }
  (where || main).replaceChildren(box);
}

function setTitle(t) { document.title = t ? t + ' — newsgraph' : 'newsgraph'; }

/* ## Navigation */
let seq = 0;  // a newer view replaces an older one still loading
function go(url, replace) {
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  route();
}
document.addEventListener('click', e => {
  const a = e.target.closest && e.target.closest('a');
  if (!a || a.target || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  if (a.origin !== location.origin || a.pathname.startsWith('/api/') || a.pathname.startsWith('/static/')) return;
  e.preventDefault();
  hideSuggest();
  go(a.pathname + a.search);
});
window.addEventListener('popstate', route);

function segments() {
  return location.pathname.split('/').filter(Boolean).map(x => { try { return decodeURIComponent(x); } catch (e) { return x; } });
}

async function route() {
  const my = ++seq;
  const p = segments(), qs = new URLSearchParams(location.search);
  main.replaceChildren(h('p', {class: 'muted'}, 'Loading…'));
  try {
    let view;
    if (p.length === 0 && qs.get('q')) view = await viewSearch(qs.get('q'));
    else if (p.length === 0) view = await viewHome();
    else if (p[0] === 'entity' && p.length === 2) view = await viewEntity(p[1], qs);
    else if (p[0] === 'evidence' && p.length === 3) view = await viewEvidence(p[1], p[2], qs);
    else if (p[0] === 'article' && p.length === 2) view = await viewArticle(p[1]);
    else if (p[0] === 'path' && p.length === 3) view = await viewPath(p[1], p[2]);
    else if (p[0] === 'top') view = await viewTop(qs);
    else if (p[0] === 'communities') view = await viewCommunities(qs);
    else if (p[0] === 'duplicates') view = await viewDuplicates();
    else throw new ApiError(404, {message: 'no such page'});
    if (my !== seq || !view) return;
    main.replaceChildren(view);
    if (view.afterMount) view.afterMount();
  } catch (err) {
    if (my !== seq) return;
    if (err instanceof ApiError) showError(err); else showError({message: String(err)});
  }
}

/* ## Search box with suggestions */
const q = document.getElementById('q'), sug = document.getElementById('suggest');
let sugTimer = 0, sugSeq = 0, active = -1;
function hideSuggest() { sug.hidden = true; sug.replaceChildren(); active = -1; }
q.addEventListener('input', () => {
  clearTimeout(sugTimer);
  const text = q.value.trim();
  if (!text) { hideSuggest(); return; }
  sugTimer = setTimeout(async () => {
    const my = ++sugSeq;
    try {
      const r = await api('search', {q: text, limit: 8});
      if (my !== sugSeq) return;
      const items = r.suggestions.map(x => h('li', null, h('a', {href: '/entity/' + enc(x.id), 'data-entity': x.id},
        badge(x.type), ' ', x.name,
        (x.alias && x.alias.toLowerCase() !== String(x.name).toLowerCase()) ? h('span', {class: 'alias'}, '(' + x.alias + ')') : null)));
      sug.replaceChildren(...items);
      sug.hidden = items.length === 0;
      active = -1;
    } catch (e) { hideSuggest(); }
  }, 120);
});
q.addEventListener('keydown', e => {
  const items = [...sug.querySelectorAll('li')];
  if (!items.length) return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1 + (active < 0 ? 1 : 0))) % items.length;
    items.forEach((li, i) => li.classList.toggle('active', i === active));
  } else if (e.key === 'Enter' && active >= 0) {
    e.preventDefault();
    const a = items[active].querySelector('a');
    hideSuggest();
    go(a.getAttribute('href'));
  } else if (e.key === 'Escape') hideSuggest();
});
document.addEventListener('click', e => { if (!e.target.closest || !e.target.closest('#search')) hideSuggest(); });
document.getElementById('search').addEventListener('submit', e => {
  e.preventDefault();
  const text = q.value.trim();
  hideSuggest();
  if (text) go('/?q=' + enc(text));
});

async function viewSearch(text) {
  q.value = text;
  setTitle('Search: ' + text);
  const r = await api('search', {q: text, limit: 20});
  if (r.match) { go('/entity/' + enc(r.match.id), true); return null; }
  const box = h('div', null, h('h1', null, 'Search: ', h('q', null, text)));
  if (!r.suggestions.length) box.append(h('p', {class: 'muted'}, 'No entity is named like that.'));
  else box.append(h('ul', {class: 'results'}, r.suggestions.map(x => h('li', null, entLink(x.id, x.name), ' ', badge(x.type),
    h('span', {class: 'muted'}, ' ', fmt(x.mentions), ' mentions', x.alias && x.alias !== x.name ? ' — as “' + x.alias + '”' : '')))));
  return box;
}

/* ## Home */
async function viewHome() {
  setTitle('');
  const st = await api('stats');
  const by = Object.entries(st.entities_by_type || {}).map(([t, n]) => h('span', null, badge(t), ' ', fmt(n)));
  return h('div', null,
    h('h1', null, 'Explore the graph'),
    h('div', {class: 'card facts'},
      h('span', null, h('b', null, fmt(st.articles)), ' articles'),
      h('span', null, h('b', null, fmt(st.entities)), ' entities'),
      h('span', null, h('b', null, fmt(st.edges)), ' links'),
      h('span', null, h('b', null, fmt(st.mentions)), ' mentions'),
      st.first ? h('span', null, 'from ', h('b', null, st.first), ' to ', h('b', null, st.last)) : null),
    h('p', {class: 'legend'}, by),
    h('p', null, 'Type a name in any of its forms — an id, a name or alias in any letter case, a Ukrainian or Russian case form, a surname alone. ',
      'Or see the ', h('a', {href: '/top'}, 'most central entities'), ' and the ', h('a', {href: '/communities'}, 'communities'), '.'));
}

/* ## Entity page */
function monthChart(pm) {
  if (!pm || !pm.length) return h('p', {class: 'muted'}, 'No dated mentions.');
  const W = 560, H = 120, pad = 18, bw = Math.max(2, Math.min(28, (W - 2 * pad) / pm.length - 2));
  const max = Math.max(...pm.map(m => m.mentions), 1);
  const svg = s('svg', {viewBox: `0 0 ${W} ${H + 16}`, width: W, height: H + 16, role: 'img', 'aria-label': 'mentions per month'});
  pm.forEach((m, i) => {
    const bh = Math.max(1, (H - pad) * m.mentions / max), x = pad + i * (bw + 2);
    const r = s('rect', {x: x, y: H - bh, width: bw, height: bh});
    r.append(s('title', null, `${m.month}: ${m.mentions} mentions in ${m.articles} articles`));
    svg.append(r);
  });
  svg.append(s('text', {x: pad, y: H + 12}, pm[0].month));
  if (pm.length > 1) svg.append(s('text', {x: W - pad, y: H + 12, 'text-anchor': 'end'}, pm[pm.length - 1].month));
  svg.append(s('text', {x: pad, y: 10}, 'max ' + max + ' / month'));
  return h('div', {class: 'chart'}, svg);
}

function filterParams(qs) {
  const o = {};
  for (const k of ['depth', 'top', 'min', 'type', 'since', 'until', 'by']) if (qs.get(k)) o[k] = qs.get(k);
  return o;
}

function controls(id, qs, types) {
  const f = filterParams(qs);
  const chosen = new Set((f.type || '').split(',').filter(Boolean));
  const form = h('form', {class: 'controls', id: 'ego-controls'},
    h('label', null, 'depth ', h('select', {name: 'depth'}, ['1', '2'].map(d => h('option', {value: d, selected: (f.depth || '1') === d}, d)))),
    h('label', null, 'top ', h('input', {type: 'number', name: 'top', min: 1, max: 200, value: f.top || 30})),
    h('label', null, 'min count ', h('input', {type: 'number', name: 'min', min: 1, value: f.min || 1})),
    h('span', null, types.map(t => h('label', null, h('input', {type: 'checkbox', name: 'type', value: t, checked: chosen.has(t)}), ' ', t, ' '))),
    h('label', null, 'since ', h('input', {type: 'text', name: 'since', placeholder: 'YYYY-MM-DD', value: f.since || '', size: 10})),
    h('label', null, 'until ', h('input', {type: 'text', name: 'until', placeholder: 'YYYY-MM-DD', value: f.until || '', size: 10})),
    h('button', {type: 'submit'}, 'Apply'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const fd = new FormData(form), p = new URLSearchParams();
    for (const k of ['depth', 'top', 'min', 'since', 'until']) { const v = String(fd.get(k) || '').trim(); if (v && !(k === 'min' && v === '1')) p.set(k, v); }
    const ts = fd.getAll('type');
    if (ts.length) p.set('type', ts.join(','));
    if (qs.get('by')) p.set('by', qs.get('by'));
    go('/entity/' + enc(id) + (p.toString() ? '?' + p : ''));
  });
  return form;
}

async function loadEgo(box, id, qs) {
  const f = filterParams(qs);
  delete f.by;
  const text = await api('ego/' + enc(id), Object.assign({format: 'svg'}, f), true);
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  if (doc.querySelector('parsererror')) throw new Error('the ego network could not be read');
  const svg = document.importNode(doc.documentElement, true);
  /* wide invisible copies of the links make them easy to click */
  const edges = svg.querySelector('g.edges');
  for (const l of [...svg.querySelectorAll('line.edge')]) {
    const hit = l.cloneNode(false);
    hit.setAttribute('class', 'edge-hit');
    edges.append(hit);
    hit.addEventListener('mouseenter', () => l.classList.add('hover'));
    hit.addEventListener('mouseleave', () => l.classList.remove('hover'));
  }
  svg.addEventListener('click', e => {
    const n = e.target.closest('g.node');
    if (n) { go('/entity/' + enc(n.getAttribute('data-id'))); return; }
    const l = e.target.closest('line.edge, line.edge-hit');
    if (l) go('/evidence/' + enc(l.getAttribute('data-a')) + '/' + enc(l.getAttribute('data-b')));
  });
  box.replaceChildren(svg);
  const nodes = svg.querySelectorAll('g.node').length, links = svg.querySelectorAll('line.edge').length;
  box.setAttribute('data-nodes', nodes);
  return {nodes, links};
}

function neighboursTable(id, data, qs) {
  const by = qs.get('by') || 'count';
  const sortTo = k => {
    const p = new URLSearchParams(location.search);
    p.set('by', k);
    go('/entity/' + enc(id) + '?' + p);
  };
  const th = (label, key) => h('th', {class: 'num' + (key ? ' sort' : '') + (key === by ? ' sorted' : ''),
    onclick: key ? () => sortTo(key) : null, title: key ? 'sort by ' + label : null}, label);
  return h('table', {id: 'neighbours'},
    h('thead', null, h('tr', null, h('th', null, 'neighbour'), h('th', null, 'type'), th('count', 'count'), th('articles', 'articles'),
      th('NPMI', 'npmi'), h('th', null, 'first'), h('th', null, 'last'), h('th', null, ''))),
    h('tbody', null, data.neighbors.map(n => h('tr', null,
      h('td', null, entLink(n.id, n.name)), h('td', null, badge(n.type)), h('td', {class: 'num'}, fmt(n.count)),
      h('td', {class: 'num'}, fmt(n.articles)), h('td', {class: 'num'}, Number(n.npmi).toFixed(3)),
      h('td', null, n.first || ''), h('td', null, n.last || ''),
      h('td', null, h('a', {href: '/evidence/' + enc(id) + '/' + enc(n.id)}, 'evidence'))))));
}

let typesCache = null;
async function viewEntity(id, qs) {
  const f = filterParams(qs);
  const [e, nb, arts] = await Promise.all([
    api('entity/' + enc(id)),
    api('neighbors/' + enc(id), {top: 25, by: f.by, type: f.type, since: f.since, until: f.until, min: f.min}),
    api('articles/' + enc(id), {limit: 12})]);
  if (!typesCache) {
    try { typesCache = Object.keys((await api('stats')).entities_by_type || {}); } catch (err) { typesCache = TYPES_KNOWN; }
  }
  setTitle(e.name);
  q.value = '';
  const egoBox = h('div', {class: 'egobox', id: 'ego'}, h('p', {class: 'muted'}, 'Drawing the ego network…'));
  const egoInfo = h('p', {class: 'muted', id: 'ego-info'});
  const pathForm = h('form', {class: 'controls'}, 'Path to ', h('input', {type: 'text', name: 'to', placeholder: 'another entity', size: 22}), h('button', {type: 'submit'}, 'Find'));
  pathForm.addEventListener('submit', ev => {
    ev.preventDefault();
    const to = String(new FormData(pathForm).get('to') || '').trim();
    if (to) go('/path/' + enc(e.id) + '/' + enc(to));
  });
  const view = h('div', {class: 'entity', 'data-id': e.id},
    h('h1', {id: 'entity-name'}, e.name, ' ', badge(e.type)),
    h('div', {class: 'muted'}, 'id ', h('code', null, e.id)),
    h('div', {class: 'facts card'},
      h('span', null, h('b', null, fmt(e.mentions)), ' mentions'), h('span', null, h('b', null, fmt(e.articles)), ' articles'),
      h('span', null, h('b', null, fmt(e.windows)), ' windows'), h('span', null, h('b', null, fmt(e.degree)), ' neighbours'),
      h('span', null, 'first seen ', h('b', null, e.first_seen || '—')), h('span', null, 'last seen ', h('b', null, e.last_seen || '—'))),
    e.aliases && e.aliases.length ? h('div', {class: 'aliases'}, 'Also: ', e.aliases.slice(0, 60).map(a => h('span', null, a)),
      e.aliases.length > 60 ? ' … ' + (e.aliases.length - 60) + ' more' : '') : null,
    /* the name in the URL names other entities too (the lookup's first rule chose this one) */
    e.also && e.also.length ? h('div', {class: 'aliases', id: 'entity-also'}, 'The name ', h('b', null, id),
      ' also names: ', e.also.map(a => h('span', null, entLink(a.id, a.name), ' ', badge(a.type),
        h('span', {class: 'muted'}, ' (' + (a.rule === 'form' ? 'a case form of ' : a.rule === 'surname' ? 'the surname in ' : '') + a.alias + ')')))) : null,
    h('div', {class: 'cols'},
      h('section', null,
        h('h2', null, 'Ego network'),
        controls(e.id, qs, typesCache),
        egoBox, egoInfo,
        h('p', {class: 'legend'}, typesCache.map(t => badge(t)), ' node size: mentions; link width: windows together; click a node to open it, a link for its evidence.')),
      h('section', null,
        h('h2', null, 'Mentions per month'), monthChart(e.per_month),
        h('h2', null, 'Latest articles'),
        arts.articles.length ? h('ul', {id: 'articles'}, arts.articles.map(a => h('li', null,
          h('a', {href: '/article/' + enc(a.id)}, a.title || a.id), ' ', h('span', {class: 'muted'}, a.published || '')))) : h('p', {class: 'muted'}, 'none'),
        h('p', {class: 'muted'}, fmt(arts.total), ' articles in all'),
        pathForm)),
    h('h2', null, 'Neighbours ', h('span', {class: 'muted'}, '(' + fmt(nb.total) + ' in all, by ' + nb.by + ')')),
    neighboursTable(e.id, nb, qs));
  view.afterMount = () => {
    loadEgo(egoBox, e.id, qs).then(r => { egoInfo.textContent = r.nodes + ' entities, ' + r.links + ' links'; })
      .catch(err => showError(err, egoBox));
  };
  return view;
}

/* ## Evidence */
function highlight(text, surfaces) {
  const ranges = [];
  surfaces.forEach((sf, k) => {
    if (!sf) return;
    let i = 0;
    const low = text.toLowerCase(), needle = sf.toLowerCase();
    while ((i = low.indexOf(needle, i)) >= 0) { ranges.push([i, i + needle.length, k]); i += needle.length; }
  });
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out = [];
  let at = 0;
  for (const [a, b, k] of ranges) {
    if (a < at) continue;
    if (a > at) out.push(text.slice(at, a));
    out.push(h('mark', {class: k ? 'b' : 'a'}, text.slice(a, b)));
    at = b;
  }
  out.push(text.slice(at));
  return out;
}

async function viewEvidence(a, b, qs) {
  const offset = Math.max(0, parseInt(qs.get('offset') || '0', 10) || 0), limit = 10;
  const r = await api('evidence/' + enc(a) + '/' + enc(b), {offset, limit});
  setTitle(r.a.name + ' — ' + r.b.name);
  const page = (o) => '/evidence/' + enc(r.a.id) + '/' + enc(r.b.id) + (o ? '?offset=' + o : '');
  return h('div', {class: 'evidence-view'},
    h('h1', null, 'Evidence: ', entLink(r.a.id, r.a.name), ' and ', entLink(r.b.id, r.b.name)),
    h('p', {class: 'muted'}, fmt(r.total), ' ', r.window, ' windows where both are named, newest first'),
    h('ol', {class: 'evidence', start: offset + 1, id: 'evidence'}, r.evidence.map(x => h('li', null,
      h('a', {href: '/article/' + enc(x.article)}, x.title || x.article), ' ', h('span', {class: 'muted'}, x.published || ''),
      h('p', {class: 'snippet'}, highlight(x.snippet, [x.a_surface, x.b_surface]))))),
    h('div', {class: 'pager'},
      offset > 0 ? h('a', {href: page(Math.max(0, offset - limit))}, '← newer') : null,
      h('span', {class: 'muted'}, (r.total ? offset + 1 : 0) + '–' + Math.min(r.total, offset + limit) + ' of ' + fmt(r.total)),
      offset + limit < r.total ? h('a', {href: page(offset + limit), id: 'older'}, 'older →') : null));
}

/* ## Article */
function segs(list) {
  return (list || []).map(x => x.entity
    ? h('a', {class: 'ent ' + typeClass(x.type), href: '/entity/' + enc(x.entity), title: x.name + ' (' + x.type + ')', 'data-entity': x.entity}, x.text)
    : x.text);
}
async function viewArticle(id) {
  const r = await api('article/' + enc(id));
  setTitle(r.title || r.id);
  const url = r.url && /^https?:\/\//i.test(r.url) ? h('a', {href: r.url, rel: 'noopener noreferrer', target: '_blank'}, r.url) : (r.url || null);
  const ents = new Map();
  for (const m of r.mentions) if (!ents.has(m.entity)) ents.set(m.entity, m);
  return h('div', {class: 'article-view'},
    h('h1', {id: 'article-title'}, r.segments.title ? segs(r.segments.title) : (r.title || r.id)),
    h('p', {class: 'muted'}, [r.published, r.lang, 'id ' + r.id].filter(Boolean).join(' · '), url ? [' · ', url] : null),
    r.text === null ? h('p', {class: 'muted'}, 'The text of this article is not stored.')
      : h('div', {class: 'article-text', id: 'article-text'}, segs(r.segments.text)),
    h('h2', null, 'Entities (' + ents.size + ')'),
    h('p', {class: 'legend'}, [...ents.values()].map(m => h('span', null, entLink(m.entity, m.name), ' ', badge(m.type), ' '))));
}

/* ## Path */
async function viewPath(a, b) {
  const r = await api('path/' + enc(a) + '/' + enc(b), {evidence: 2});
  setTitle('Path ' + r.from.name + ' — ' + r.to.name);
  return h('div', null,
    h('h1', null, 'Path: ', entLink(r.from.id, r.from.name), ' → ', entLink(r.to.id, r.to.name)),
    h('p', {class: 'muted'}, r.hops.length + ' hops (strongest connection: lengths 1/count)'),
    h('ol', {class: 'hops'}, r.hops.map(x => h('li', null,
      entLink(x.a.id, x.a.name), ' — ', entLink(x.b.id, x.b.name), ' ',
      h('span', {class: 'muted'}, fmt(x.count), ' windows, ', fmt(x.articles), ' articles · '),
      h('a', {href: '/evidence/' + enc(x.a.id) + '/' + enc(x.b.id)}, 'all evidence'),
      h('ul', null, (x.evidence || []).map(ev => h('li', null, h('a', {href: '/article/' + enc(ev.article)}, ev.title || ev.article), ': ',
        highlight(ev.snippet, [ev.a_surface, ev.b_surface]))))))));
}

/* ## Top and communities */
async function viewTop(qs) {
  const by = qs.get('by') || 'degree', type = qs.get('type') || '';
  const r = await api('top', {by, type, n: 30});
  setTitle('Top by ' + by);
  const sel = h('select', {name: 'by'}, ['degree', 'strength', 'pagerank', 'betweenness'].map(b => h('option', {value: b, selected: b === by}, b)));
  const form = h('form', {class: 'controls'}, 'by ', sel, ' type ', h('input', {type: 'text', name: 'type', value: type, placeholder: 'PER,ORG', size: 10}), h('button', {type: 'submit'}, 'Show'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const fd = new FormData(form), p = new URLSearchParams({by: fd.get('by')});
    if (String(fd.get('type')).trim()) p.set('type', String(fd.get('type')).trim().toUpperCase());
    go('/top?' + p);
  });
  return h('div', null, h('h1', null, 'Most central entities'), form,
    r.betweenness ? h('p', {class: 'muted'}, 'betweenness ' + r.betweenness.method + ' (' + r.betweenness.sources + ' sources)') : null,
    h('table', {id: 'top'}, h('thead', null, h('tr', null, h('th', null, '#'), h('th', null, 'entity'), h('th', null, 'type'),
      h('th', {class: 'num'}, by), h('th', {class: 'num'}, 'degree'), h('th', {class: 'num'}, 'strength'))),
      h('tbody', null, r.entities.map((x, i) => h('tr', null, h('td', null, i + 1), h('td', null, entLink(x.id, x.name)), h('td', null, badge(x.type)),
        h('td', {class: 'num'}, Number(x.score).toPrecision(4)), h('td', {class: 'num'}, fmt(x.degree)), h('td', {class: 'num'}, fmt(x.strength)))))));
}

async function viewCommunities(qs) {
  const r = await api('communities', {min: qs.get('min') || '', max: 20, members: 15});
  setTitle('Communities');
  return h('div', null, h('h1', null, 'Communities'),
    h('p', {class: 'muted'}, 'Leiden, seed ' + r.seed + ', modularity ' + Number(r.modularity).toFixed(3) + ', ' + fmt(r.count) + ' communities over ' + fmt(r.nodes) + ' entities'),
    r.communities.map(c => h('div', {class: 'card'}, h('b', null, 'Community ' + c.id), h('span', {class: 'muted'}, ' · ' + fmt(c.size) + ' entities'),
      h('ul', {class: 'members'}, c.members.map(m => h('li', null, entLink(m.id, m.name), ' ', badge(m.type)))))));
}

/* ## Duplicates: a person on a node for each form of the name */
async function viewDuplicates() {
  const r = await api('duplicates', {limit: 300});
  setTitle('Duplicates');
  const how = {initial: 'initial and surname', surname: 'surname alone', variant: 'another spelling', transcription: 'another script'};
  return h('div', null, h('h1', null, 'Possible duplicates'),
    h('p', {class: 'muted'}, 'People named by a short form of the name or another spelling in some articles and by a full name in others, ' +
      'each a node of the graph (' + fmt(r.count) + (r.count > r.groups.length ? ', the first ' + fmt(r.groups.length) + ' shown' : '') +
      '). The explorer changes nothing: merge one with the command shown, or all the clear ones with newsgraph entity duplicates --merge.'),
    h('table', {id: 'duplicates'}, h('thead', null, h('tr', null, h('th', null, 'named'), h('th', null, 'form'), h('th', {class: 'num'}, 'mentions'),
      h('th', null, 'the same as?'), h('th', {class: 'num'}, 'shared neighbours'), h('th', null, 'merge'))),
      h('tbody', null, r.groups.map(g => h('tr', null, h('td', null, entLink(g.entity.id, g.entity.name)), h('td', null, how[g.form] || g.form),
        h('td', {class: 'num'}, fmt(g.entity.mentions)),
        h('td', null, g.candidates.map((c, i) => h('span', null, i ? ' or ' : '', entLink(c.id, c.name)))),
        h('td', {class: 'num'}, g.candidates.map(c => fmt(c.shared_neighbors)).join(' / ')),
        h('td', null, g.unique ? h('code', null, 'newsgraph entity merge ' + g.candidates[0].id + ' ' + g.entity.id) : h('span', {class: 'muted'}, 'which one?')))))));
}

api('stats').then(st => {
  document.getElementById('foot').textContent = fmt(st.articles) + ' articles · ' + fmt(st.entities) + ' entities · ' + fmt(st.edges) + ' links · ' + st.window + ' window';
}).catch(() => {});
route();
