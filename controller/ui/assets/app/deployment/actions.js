// Stop, stop and roll back, redeploy: shown to deployer and admin tokens only (the API
// refuses viewers anyway). Each asks first, naming the deployment and the hosts it touches.
import { api, enc } from '../api.js';
import { ACTIVE, clear, errorBox, h } from '../dom.js';
import { confirmAction } from '../confirm.js';

function hostList(names) {
  if (names.length === 0) return '';
  const shown = names.slice(0, 10).join(', ');
  return names.length > 10 ? `${shown} and ${names.length - 10} more` : shown;
}

function stopLines(d, feed, rollback) {
  const c = d.deploymentOverview || {};
  const running = feed.rows('InProgress', '').map((t) => t.instanceName);
  const pending = feed.rows('Pending', '').map((t) => t.instanceName);
  const lines = [
    `Deployment ${d.deploymentId} (${d.applicationName} / ${d.deploymentGroupName}) dispatches nothing more.`,
    `${c.InProgress || 0} host(s) in progress finish their current event and end Failed` +
        (running.length ? `: ${hostList(running)}.` : '.'),
    `${c.Pending || 0} pending host(s) are skipped` + (pending.length ? `: ${hostList(pending)}.` : '.'),
  ];
  if (rollback) {
    lines.push('Then the group\'s last successful revision is deployed again to the hosts this deployment touched.');
  }
  return lines;
}

// Renders the buttons the token may use into `el`; `after(newDeploymentId?)` refreshes.
export function renderActions(el, d, feed, ctx, after) {
  clear(el);
  if (!ctx.canDeploy) return;
  const message = h('div', { id: 'action-result' });
  const run = async (fn) => {
    clear(message);
    try {
      await fn();
    } catch (e) {
      message.append(errorBox(e));
    }
  };
  const stop = (rollback) => run(async () => {
    const ok = await confirmAction(rollback ? `Stop and roll back ${d.deploymentId}?` : `Stop ${d.deploymentId}?`,
                                   stopLines(d, feed, rollback), rollback ? 'Stop and roll back' : 'Stop');
    if (!ok) return;
    const stopped = await api('POST', `/deployments/${enc(d.deploymentId)}/stop`,
                              rollback ? { autoRollbackEnabled: true } : {});
    after();
    const next = stopped.rollbackInfo && stopped.rollbackInfo.rollbackDeploymentId;
    if (next) message.append(h('p', {}, 'Rollback started: ', h('a', { href: '/ui/deployments/' + enc(next) }, next)));
  });
  const redeploy = () => run(async () => {
    const hosts = Object.values(d.deploymentOverview || {}).reduce((a, b) => a + b, 0);
    const ok = await confirmAction(`Redeploy ${d.revisionId}?`, [
      `A new deployment of revision ${d.revisionId} to group ${d.applicationName} / ${d.deploymentGroupName}, ` +
          `with config ${d.deploymentConfigName}.`,
      `It targets every instance the group selects now (${d.deploymentId} had ${hosts} host(s)).`,
    ], 'Deploy');
    if (!ok) return;
    const created = await api('POST', '/deployments', {
      applicationName: d.applicationName, deploymentGroupName: d.deploymentGroupName,
      revisionId: d.revisionId, deploymentConfigName: d.deploymentConfigName,
      description: `redeploy of ${d.deploymentId} from the dashboard`,
    });
    after(created.deploymentId);
  });
  const buttons = h('div', { class: 'actions' });
  if (ACTIVE.has(d.status)) {
    buttons.append(h('button', { type: 'button', id: 'stop', class: 'danger', onclick: () => stop(false) }, 'Stop'),
                   h('button', { type: 'button', id: 'stop-rollback', class: 'danger', onclick: () => stop(true) },
                     'Stop and roll back'));
  } else if (d.revisionId) {
    buttons.append(h('button', { type: 'button', id: 'redeploy', onclick: redeploy }, `Redeploy ${d.revisionId}`));
  }
  el.append(buttons, message);
}
