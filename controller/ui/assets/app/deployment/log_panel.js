// One lifecycle event's full log (GET .../logs?instanceName=&event=&afterSeq=), streaming:
// while the event has not ended it asks for the lines after the last one every 700 ms.
import { enc, get, withQuery } from '../api.js';
import { badge, clear, h } from '../dom.js';

const LIVE_MS = 700;

export class LogPanel {
  // eventOf(host, event) -> the event as the grid knows it (for its status).
  constructor(deploymentId, eventOf) {
    this.path = `/deployments/${enc(deploymentId)}/logs`;
    this.eventOf = eventOf;
    this.title = h('h2', { id: 'log-title' });
    this.state = h('span', {});
    this.lines = h('pre', { id: 'log-lines', class: 'log', tabindex: '0', 'aria-live': 'polite' });
    this.diag = h('div', { id: 'log-diagnostics' });
    this.close = h('button', { type: 'button', id: 'log-close', onclick: () => this.hide() }, 'Close');
    this.element = h('section', { id: 'log', class: 'log-panel', hidden: true },
                     h('div', { class: 'log-head' }, this.title, this.state, this.close), this.diag, this.lines);
    this.timer = null;
    this.generation = 0;
  }

  open(host, event) {
    this.hide();
    const gen = ++this.generation;
    this.host = host;
    this.event = event;
    this.afterSeq = 0;
    this.title.textContent = `Log of ${event} on ${host}`;
    clear(this.lines);
    clear(this.diag);
    this.element.dataset.host = host;
    this.element.dataset.event = event;
    this.element.hidden = false;
    this.element.scrollIntoView({ block: 'nearest' });
    this.tick(gen);
  }

  hide() {
    this.generation++;
    clearTimeout(this.timer);
    this.element.hidden = true;
  }

  async tick(gen) {
    let got = 0;
    try {
      let page;
      do {
        page = await get(withQuery(this.path, { instanceName: this.host, event: this.event, afterSeq: this.afterSeq }));
        if (gen !== this.generation) return;
        this.append(page.lines || []);
        got += (page.lines || []).length;
        this.afterSeq = page.nextSeq;
      } while ((page.lines || []).length >= 1000);
    } catch (e) {
      if (gen !== this.generation) return;
      this.diag.textContent = e.message;
    }
    const ev = this.eventOf(this.host, this.event);
    const status = ev ? ev.status : 'Pending';
    clear(this.state).append(badge(status, 'log-status'));
    this.showDiagnostics(ev);
    const ended = ev && !['Pending', 'InProgress'].includes(status);
    if (!ended || got > 0) this.timer = setTimeout(() => this.tick(gen), LIVE_MS);
    else if (this.lines.childElementCount === 0) this.lines.append(h('span', { class: 'muted' }, 'This event printed nothing.'));
  }

  append(lines) {
    const atBottom = this.lines.scrollTop + this.lines.clientHeight >= this.lines.scrollHeight - 4;
    const frag = document.createDocumentFragment();
    for (const l of lines) {
      frag.append(h('span', { class: 'line ' + (l.stream === 'stderr' ? 'stderr' : 'stdout'), dataset: { seq: l.seq } },
                    l.text + '\n'));
    }
    this.lines.append(frag);
    if (atBottom) this.lines.scrollTop = this.lines.scrollHeight;
  }

  showDiagnostics(ev) {
    const d = ev && ev.diagnostics;
    clear(this.diag);
    if (!d || !d.errorCode || d.errorCode === 'Success') return;
    this.diag.append(h('p', { class: 'error' }, `${d.errorCode}` + (d.scriptName ? ` in ${d.scriptName}` : '') +
                       (d.message ? `: ${d.message}` : '')));
  }
}
