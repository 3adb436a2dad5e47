// /ui/instances: instances with their tags, Online/Unreachable, and the revision each runs
// per deployment group; a page of 100 at a time (GET /api/v1/instances is paged).
import { get, withQuery } from '../api.js';
import { badge, clear, deploymentLink, errorBox, h, table, when } from '../dom.js';
import { poll } from './poller.js';

const PAGE = 100;

function tags(list) {
  return h('span', { class: 'tags' }, (list || []).map((t) => h('code', { class: 'tag' }, t.Value ? `${t.Key}=${t.Value}` : t.Key)));
}

function revisions(list) {
  if (!list || list.length === 0) return h('span', { class: 'muted' }, 'none yet');
  return h('ul', { class: 'plain' }, list.map((r) => h('li', {},
      `${r.applicationName} / ${r.deploymentGroupName}: `, h('code', {}, r.revisionId), ' (', deploymentLink(r.deploymentId), ')')));
}

export function render(main) {
  const body = h('div', { id: 'instances' });
  const pager = h('div', { class: 'pager' });
  main.append(h('h1', {}, 'Instances'), body, pager);
  const tokens = [''];  // nextToken of each page shown so far
  let index = 0;
  let stop = null;
  const show = () => {
    if (stop) stop();
    stop = poll(async () => {
      try {
        const page = await get(withQuery('/instances', { limit: PAGE, nextToken: tokens[index] }));
        const list = page.instanceInfos || [];
        clear(body).append(list.length === 0 ? h('p', { class: 'muted' }, 'No instance has enrolled yet.')
            : table(['Instance', 'Status', 'Tags', 'Current revision per group', 'Agent', 'Last seen'], list.map((i) => [
                i.instanceName,
                badge(i.registrationStatus === 'Deregistered' ? 'Deregistered' : i.status),
                tags(i.tags), revisions(i.revisions), i.agentVersion, when(i.lastSeenTime)])));
        tokens[index + 1] = page.nextToken || '';
        clear(pager).append(
            h('button', { type: 'button', disabled: index === 0, onclick: () => { index--; show(); } }, 'Previous'),
            h('span', { class: 'muted' }, ` page ${index + 1} `),
            h('button', { type: 'button', disabled: !page.nextToken, onclick: () => { index++; show(); } }, 'Next'));
      } catch (e) {
        clear(body).append(errorBox(e));
      }
    }, 5000);
  };
  show();
  return () => stop && stop();
}
