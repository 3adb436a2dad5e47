// A deployment's targets kept current with the change cursor (docs/api.md "Deployments"):
// one full read, then only what changed. Events starting are not changes, so while the
// deployment runs each look also reads the hosts now in progress (one page), which is
// how a cell turns InProgress before its event ends.
import { enc, get, withQuery } from '../api.js';

const PAGE = 1000;
const IN_FLIGHT_PAGE = 500;

export class TargetFeed {
  constructor(deploymentId) {
    this.base = `/deployments/${enc(deploymentId)}/targets`;
    this.targets = new Map();  // instanceName -> target
    this.position = new Map(); // instanceName -> dispatch order
    this.columns = [];         // lifecycle event names, in order
    this.cursor = '0';
  }

  // The first read. The cursor is taken before the full list, so a change made while the
  // list is read comes again with the next look instead of being lost.
  async load() {
    let page;
    do {  // status=Unknown: the cursor without shipping the changed targets twice
      page = await get(withQuery(this.base, { changedSince: this.cursor, status: 'Unknown', limit: PAGE }));
      this.cursor = page.changeCursor;
    } while (page.hasMore);
    let next = '';
    do {
      page = await get(withQuery(this.base, { limit: PAGE, nextToken: next }));
      this.merge(page.targets);
      next = page.nextToken || '';
    } while (next);
  }

  // One look; true when anything changed. `running`: the deployment is still active.
  async refresh(running) {
    let changed = false;
    let page;
    do {
      page = await get(withQuery(this.base, { changedSince: this.cursor, limit: PAGE }));
      this.cursor = page.changeCursor;
      changed = this.merge(page.targets) || changed;
    } while (page.hasMore);
    if (running) {
      page = await get(withQuery(this.base, { status: 'InProgress', limit: IN_FLIGHT_PAGE }));
      changed = this.merge(page.targets) || changed;
    }
    return changed;
  }

  merge(list) {
    let changed = false;
    for (const t of list || []) {
      const name = t.instanceName;
      if (!this.position.has(name)) this.position.set(name, this.position.size);
      const before = this.targets.get(name);
      if (!before || JSON.stringify(before) !== JSON.stringify(t)) changed = true;
      this.targets.set(name, t);
      const events = t.lifecycleEvents || [];
      if (events.length > this.columns.length) this.columns = events.map((e) => e.lifecycleEventName);
    }
    return changed;
  }

  // Targets with `status` ('' for all) whose name contains `search`: failed first, then
  // in dispatch order.
  rows(status, search) {
    const out = [];
    for (const t of this.targets.values()) {
      if (status && t.status !== status) continue;
      if (search && !t.instanceName.includes(search)) continue;
      out.push(t);
    }
    const failedFirst = (t) => (t.status === 'Failed' ? 0 : 1);
    out.sort((a, b) => failedFirst(a) - failedFirst(b) ||
                       this.position.get(a.instanceName) - this.position.get(b.instanceName));
    return out;
  }

  event(instanceName, eventName) {
    const t = this.targets.get(instanceName);
    return t && (t.lifecycleEvents || []).find((e) => e.lifecycleEventName === eventName);
  }
}
