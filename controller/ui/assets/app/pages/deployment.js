// /ui/deployments/<id>: summary and progress, actions, failed hosts first, the host x
// event grid updating live, and the log of the cell clicked.
import { enc, get } from '../api.js';
import { ACTIVE, clear, errorBox, h } from '../dom.js';
import { renderActions } from '../deployment/actions.js';
import { renderFailedHosts } from '../deployment/failed_hosts.js';
import { TargetFeed } from '../deployment/feed.js';
import { HostGrid } from '../deployment/grid.js';
import { LogPanel } from '../deployment/log_panel.js';
import { renderSummary } from '../deployment/summary.js';
import { poll } from './poller.js';

const FILTERS = ['', 'Failed', 'InProgress', 'Pending', 'Succeeded', 'Skipped', 'Unknown'];

export function render(main, ctx, [id]) {
  const summary = h('div', { id: 'summary' }, h('h1', {}, 'Deployment ', h('code', {}, id)));
  const actions = h('div', { id: 'actions' });
  const failed = h('section', { id: 'failed' });
  const feed = new TargetFeed(id);
  const log = new LogPanel(id, (host, event) => feed.event(host, event));
  const grid = new HostGrid((host, event) => {
    grid.select(host + '\n' + event);
    log.open(host, event);
  });
  const filter = h('select', { id: 'filter', 'aria-label': 'Show hosts' },
                   FILTERS.map((s) => h('option', { value: s }, s ? `${s} only` : 'All hosts')));
  const search = h('input', { id: 'search', type: 'search', placeholder: 'Host name contains…', 'aria-label': 'Host name' });
  const shown = h('span', { class: 'muted', id: 'shown' });
  const status = h('p', { class: 'muted', id: 'live' });
  const legend = h('p', { class: 'legend' }, 'Cells: ',
                   ['Pending', 'InProgress', 'Succeeded', 'Failed', 'Skipped', 'Unknown'].map(
                       (s) => [h('span', { class: 'st st-' + s }, s), ' ']),
                   '· click a cell for its full log.');
  main.append(summary, actions, failed,
              h('section', {}, h('h2', {}, 'Hosts'),
                h('div', { class: 'toolbar' }, filter, search, shown), legend, grid.element, status),
              log.element);

  const regrid = () => {
    const rows = feed.rows(filter.value, search.value.trim());
    grid.setData(rows, feed.columns);
    shown.textContent = `${rows.length} of ${feed.targets.size} hosts`;
    renderFailedHosts(failed, feed.rows('Failed', ''), (host, event) => log.open(host, event));
  };
  filter.addEventListener('change', regrid);
  search.addEventListener('input', regrid);

  let loaded = false;
  let active = true;
  let shownStatus = '';
  let kick = () => {};
  const tick = async () => {
    let d;
    try {
      d = await get(`/deployments/${enc(id)}`);
    } catch (e) {
      clear(summary).append(h('h1', {}, 'Deployment ', h('code', {}, id)), errorBox(e));
      return;
    }
    active = ACTIVE.has(d.status);
    renderSummary(summary, d);
    if (d.status !== shownStatus) {
      shownStatus = d.status;
      renderActions(actions, d, feed, ctx, (next) => (next ? ctx.navigate('/ui/deployments/' + enc(next)) : kick()));
    }
    if (!loaded) {
      await feed.load();
      loaded = true;
      regrid();
      document.body.dataset.gridReady = id;
      performance.mark('berth-grid-ready');  // bench/dashboard_load.py reads it
    } else if (await feed.refresh(active)) {
      regrid();
    }
    status.textContent = active ? `Live: updated ${new Date().toLocaleTimeString()}` : 'The deployment has ended.';
  };
  const stop = poll(tick, () => (active ? 1000 : 5000));
  kick = stop.now;
  return () => {
    stop();
    log.hide();
    delete document.body.dataset.gridReady;
  };
}
