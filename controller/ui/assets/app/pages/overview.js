// /ui/: applications and their groups, each group's last deployment, and what runs now.
import { enc, get, listAll, withQuery } from '../api.js';
import { badge, clear, deploymentLink, errorBox, h, table, when } from '../dom.js';
import { poll } from './poller.js';

async function running() {
  const lists = await Promise.all(['InProgress', 'Queued'].map(
      (status) => get(withQuery('/deployments', { status, limit: 100 }))));
  return lists.flatMap((l) => l.deployments || []);
}

async function groupsWithLast(app) {
  const groups = await listAll(`/applications/${enc(app.applicationName)}/deployment-groups`,
                               'deploymentGroups');
  return Promise.all(groups.map(async (g) => {
    const last = await get(withQuery('/deployments', {
      applicationName: app.applicationName, deploymentGroupName: g.deploymentGroupName, limit: 1,
    }));
    return { group: g, last: (last.deployments || [])[0] };
  }));
}

function runningTable(list) {
  if (list.length === 0) return h('p', { class: 'muted', id: 'running-none' }, 'Nothing is deploying now.');
  return table(['Deployment', 'Application / group', 'Status', 'Creator', 'Started'],
               list.map((d) => [deploymentLink(d.deploymentId),
                                `${d.applicationName} / ${d.deploymentGroupName}`,
                                badge(d.status), d.creator, when(d.startTime || d.createTime)]),
               { id: 'running' });
}

function appSection(app, groups) {
  const rows = groups.map(({ group, last }) => [
    group.deploymentGroupName,
    group.deploymentConfigName || '',
    last ? deploymentLink(last.deploymentId) : h('span', { class: 'muted' }, 'never deployed'),
    last ? badge(last.status) : '',
    last ? when(last.completeTime || last.startTime || last.createTime) : '',
  ]);
  return h('section', { class: 'app', dataset: { app: app.applicationName } },
           h('h3', {}, app.applicationName),
           groups.length ? table(['Group', 'Config', 'Last deployment', 'Status', 'Time'], rows)
                         : h('p', { class: 'muted' }, 'No deployment groups yet.'));
}

export function render(main) {
  const now = h('div', {});
  const apps = h('div', { id: 'applications' });
  main.append(h('h1', {}, 'Overview'), h('h2', {}, 'Running now'), now,
              h('h2', {}, 'Applications'), apps);
  return poll(async () => {
    try {
      const [active, appList] = await Promise.all([running(), listAll('/applications', 'applications')]);
      const sections = await Promise.all(appList.map(async (a) => appSection(a, await groupsWithLast(a))));
      clear(now).append(runningTable(active));
      clear(apps).append(...(sections.length ? sections
          : [h('p', { class: 'muted' }, 'No applications yet (berth app create NAME).')]));
    } catch (e) {
      clear(now).append(errorBox(e));
    }
  }, 3000);
}
