// The host x lifecycle-event grid. Only the rows in view are in the DOM (virtual
// scrolling), so 5,000 hosts cost what 30 do. Each cell says its status in words and
// colour, and a click on it opens that event's log.
import { clear, h } from '../dom.js';

const ROW = 30;      // px, the row height in berth.css
const OVERSCAN = 8;  // rows drawn above and below the view

export class HostGrid {
  constructor(onCell) {
    this.onCell = onCell;
    this.rows = [];
    this.columns = [];
    this.selected = '';
    this.head = h('div', { class: 'grid-row grid-head', role: 'row' });
    this.body = h('div', { class: 'grid-body', role: 'rowgroup' });
    this.spacer = h('div', { class: 'grid-spacer' }, this.body);
    this.viewport = h('div', { class: 'grid-viewport', id: 'grid', role: 'grid' }, this.head, this.spacer);
    this.viewport.addEventListener('scroll', () => this.schedule());
    window.addEventListener('resize', () => this.schedule());
    this.pending = false;
  }

  get element() { return this.viewport; }

  setData(rows, columns) {
    this.rows = rows;
    if (columns.join('|') !== this.columns.join('|')) {
      this.columns = columns;
      this.template = `minmax(9rem, 14rem) 6.5rem repeat(${columns.length}, minmax(6.5rem, 1fr))`;
      this.head.style.gridTemplateColumns = this.template;
      clear(this.head).append(h('div', { class: 'grid-cell', role: 'columnheader' }, 'Host'),
                              h('div', { class: 'grid-cell', role: 'columnheader' }, 'Status'),
                              ...columns.map((c) => h('div', { class: 'grid-cell', role: 'columnheader', title: c }, c)));
    }
    this.spacer.style.height = `${rows.length * ROW}px`;
    this.draw();
  }

  select(key) {
    this.selected = key;
    this.draw();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  draw() {
    const top = this.viewport.scrollTop;
    const height = this.viewport.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((top + height) / ROW) + OVERSCAN);
    this.body.style.transform = `translateY(${first * ROW}px)`;
    const frag = document.createDocumentFragment();
    for (let i = first; i < last; i++) frag.append(this.row(this.rows[i]));
    clear(this.body).append(frag);
  }

  row(t) {
    const byName = new Map((t.lifecycleEvents || []).map((e) => [e.lifecycleEventName, e]));
    const el = h('div', { class: 'grid-row', role: 'row', dataset: { host: t.instanceName, status: t.status } },
                 h('div', { class: 'grid-cell host', role: 'rowheader', title: t.instanceName }, t.instanceName),
                 h('div', { class: 'grid-cell' },
                   h('span', { class: 'st st-' + t.status, dataset: { status: t.status } }, t.status)));
    el.style.gridTemplateColumns = this.template;
    for (const c of this.columns) {
      const e = byName.get(c);
      const status = e ? e.status : 'Pending';
      const key = t.instanceName + '\n' + c;
      el.append(h('button', {
        type: 'button', role: 'gridcell',
        class: 'grid-cell cell st-' + status + (key === this.selected ? ' selected' : ''),
        dataset: { host: t.instanceName, event: c, status },
        title: `${c} on ${t.instanceName}: ${status}` + (e && e.diagnostics && e.diagnostics.errorCode &&
               e.diagnostics.errorCode !== 'Success' ? ` (${e.diagnostics.errorCode})` : ''),
        onclick: () => this.onCell(t.instanceName, c),
      }, status));
    }
    return el;
  }
}
