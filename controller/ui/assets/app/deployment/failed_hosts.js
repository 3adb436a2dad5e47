// Failed hosts first: each with the event that failed, its error code and message, and
// the log tail the agent reported.
import { clear, h } from '../dom.js';

const SHOWN = 50;

export function renderFailedHosts(el, failed, onOpen) {
  clear(el);
  if (failed.length === 0) return;
  el.append(h('h2', {}, `Failed hosts (${failed.length})`));
  const list = h('ul', { class: 'failed', id: 'failed-hosts' });
  for (const t of failed.slice(0, SHOWN)) {
    const ev = (t.lifecycleEvents || []).find((e) => e.status === 'Failed');
    const d = (ev && ev.diagnostics) || {};
    list.append(h('li', { dataset: { host: t.instanceName } },
                  h('div', {},
                    h('strong', {}, t.instanceName), ' ',
                    h('span', { class: 'st st-Failed' }, 'Failed'),
                    ev ? [' in ', h('code', {}, ev.lifecycleEventName)] : null,
                    d.errorCode ? [' ', h('code', { class: 'error-code' }, d.errorCode)] : null,
                    d.scriptName ? ` (${d.scriptName})` : '',
                    ev ? h('button', { type: 'button', class: 'link', onclick: () => onOpen(t.instanceName, ev.lifecycleEventName) },
                           'full log') : null),
                  d.message ? h('p', { class: 'error' }, d.message) : null,
                  d.logTail ? h('pre', { class: 'log tail' }, d.logTail) : null));
  }
  el.append(list);
  if (failed.length > SHOWN) {
    el.append(h('p', { class: 'muted' }, `and ${failed.length - SHOWN} more: show only Failed in the grid below.`));
  }
}
