// /ui/alarms: every alarm and its state, the groups watching it, and (deployer and admin)
// setting one, with a confirmation naming the deployments a firing alarm stops.
import { api, enc, get, listAll, withQuery } from '../api.js';
import { badge, clear, errorBox, h, table, when } from '../dom.js';
import { confirmAction } from '../confirm.js';
import { poll } from './poller.js';

// alarm name -> [{app, group}] from every group's alarmConfiguration.
async function watchers() {
  const out = new Map();
  const apps = await listAll('/applications', 'applications');
  for (const a of apps) {
    const groups = await listAll(`/applications/${enc(a.applicationName)}/deployment-groups`, 'deploymentGroups');
    for (const g of groups) {
      const cfg = g.alarmConfiguration || {};
      if (!cfg.enabled) continue;
      for (const al of cfg.alarms || []) {
        if (!out.has(al.name)) out.set(al.name, []);
        out.get(al.name).push({ app: a.applicationName, group: g.deploymentGroupName });
      }
    }
  }
  return out;
}

async function activeDeployments(groups) {
  const lists = await Promise.all(groups.map((w) => get(withQuery('/deployments', {
    applicationName: w.app, deploymentGroupName: w.group, status: 'InProgress', limit: 10,
  }))));
  return lists.flatMap((l) => l.deployments || []);
}

function setForm(watched, refresh) {
  const name = h('input', { id: 'alarm-name', required: true, maxlength: 100, placeholder: 'cpu-high', 'aria-label': 'Alarm name' });
  const state = h('select', { id: 'alarm-state', 'aria-label': 'State' }, h('option', {}, 'ALARM'), h('option', {}, 'OK'));
  const reason = h('input', { id: 'alarm-reason', placeholder: 'reason (optional)', 'aria-label': 'Reason' });
  const message = h('div', {});
  const form = h('form', { id: 'alarm-form', class: 'inline' }, name, state, reason,
                 h('button', { type: 'submit' }, 'Set alarm'), message);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(message);
    const n = name.value.trim();
    try {
      const groups = watched.get(n) || [];
      const lines = [`Alarm ${n} becomes ${state.value}.`];
      if (state.value === 'ALARM') {
        const running = await activeDeployments(groups);
        lines.push(groups.length ? `Groups watching it: ${groups.map((g) => `${g.app} / ${g.group}`).join(', ')}.`
                                 : 'No deployment group watches it.');
        lines.push(running.length ? `These deployments stop at once (and roll back if configured): ` +
                                        running.map((d) => d.deploymentId).join(', ') + '.'
                                  : 'No running deployment is affected; new deployments of those groups are refused while it fires.');
      }
      if (!(await confirmAction(`Set ${n} to ${state.value}?`, lines, 'Set alarm'))) return;
      await api('PUT', `/alarms/${enc(n)}`, { state: state.value, reason: reason.value });
      refresh();
    } catch (e) {
      message.append(errorBox(e));
    }
  });
  return form;
}

export function render(main, ctx) {
  const list = h('div', { id: 'alarms' });
  const formSlot = h('div', {});
  main.append(h('h1', {}, 'Alarms'), formSlot, list);
  let watched = new Map();
  let formShown = false;
  const stop = poll(async () => {
    try {
      const [alarms, w] = await Promise.all([listAll('/alarms', 'alarms'), watchers()]);
      watched = w;
      if (ctx.canDeploy && !formShown) {
        formShown = true;
        formSlot.append(setForm({ get: (n) => watched.get(n) }, () => stop.now()));
      }
      clear(list).append(alarms.length === 0 ? h('p', { class: 'muted' }, 'No alarm has been set yet.')
          : table(['Alarm', 'State', 'Reason', 'Updated', 'Watched by'], alarms.map((a) => [
              a.alarmName, badge(a.state), a.reason || '', when(a.updateTime),
              (watched.get(a.alarmName) || []).map((g) => `${g.app} / ${g.group}`).join(', ')])));
    } catch (e) {
      clear(list).append(errorBox(e));
    }
  }, 5000);
  return stop;
}
