// Small DOM helpers. Text always goes in through textContent, never as HTML, so nothing a
// host, a hook or a tag prints can become markup.

// h('a', {href: '/ui/', class: 'x', dataset: {k: 'v'}, onclick: fn}, 'text', child...)
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

// Status as a word and a colour (the colour comes from the class, the meaning from the word).
export function badge(status, id) {
  return h('span', { class: 'st st-' + (status || 'Unknown'), id, dataset: { status: status || '' } },
           status || 'Unknown');
}

// "2026-12-02 01:20:03" in the browser's time zone, or '' for an absent time.
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
         `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

// "3 s", "2 min 5 s" between two ISO times (end absent: until now).
export function duration(startIso, endIso) {
  if (!startIso) return '';
  const ms = (endIso ? new Date(endIso) : new Date()) - new Date(startIso);
  if (!(ms >= 0)) return '';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function link(href, text, attrs = {}) { return h('a', { href, ...attrs }, text); }

export function deploymentLink(id) { return link('/ui/deployments/' + encodeURIComponent(id), id); }

export function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e && e.message ? e.message : String(e));
}

// A table from column titles and rows of cells (nodes or text).
export function table(columns, rows, attrs = {}) {
  return h('table', attrs,
           h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
           h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}

export const ACTIVE = new Set(['Created', 'Queued', 'InProgress']);
