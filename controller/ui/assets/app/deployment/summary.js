// The deployment's header: status, revision, config, creator, rollback links, times, error,
// and a progress bar from its counts.
import { badge, clear, deploymentLink, duration, h, when } from '../dom.js';

const ORDER = ['Succeeded', 'Failed', 'Skipped', 'Unknown', 'InProgress', 'Pending'];

function revisionText(d) {
  const r = d.revision || {};
  if (r.s3Location) return `s3://${r.s3Location.bucket}/${r.s3Location.key}`;
  if (r.gitHubLocation) return `${r.gitHubLocation.repository} @ ${r.gitHubLocation.commitId}`;
  if (r.httpsLocation) return r.httpsLocation.url;
  if (r.storeLocation) return `store sha256:${String(r.storeLocation.sha256 || '').slice(0, 12)}…`;
  return '';
}

export function progress(overview) {
  const counts = overview || {};
  const total = ORDER.reduce((n, k) => n + (counts[k] || 0), 0);
  const done = total - (counts.InProgress || 0) - (counts.Pending || 0);
  const bar = h('div', { class: 'progress', id: 'progress', role: 'progressbar', 'aria-valuemin': 0,
                         'aria-valuemax': total, 'aria-valuenow': done });
  for (const k of ORDER) {
    if (!counts[k]) continue;
    const seg = h('div', { class: 'seg st-' + k, title: `${counts[k]} ${k}` });
    seg.style.width = `${(100 * counts[k]) / total}%`;
    bar.append(seg);
  }
  const legend = h('p', { class: 'progress-text', id: 'progress-text' },
                   `${done} of ${total} hosts done: ` +
                   ORDER.filter((k) => counts[k]).map((k) => `${counts[k]} ${k}`).join(', '));
  return [bar, legend];
}

export function renderSummary(el, d) {
  const info = d.rollbackInfo || {};
  const rows = [
    ['Application / group', `${d.applicationName} / ${d.deploymentGroupName}`],
    ['Revision', h('span', {}, h('code', { id: 'revision-id' }, d.revisionId || ''), ' ', revisionText(d))],
    ['Config', d.deploymentConfigName],
    ['Creator', d.creator],
    ['Created', when(d.createTime)],
    ['Started', d.startTime ? `${when(d.startTime)} (${duration(d.startTime, d.completeTime)})` : 'not yet'],
    d.completeTime ? ['Ended', when(d.completeTime)] : null,
    d.description ? ['Description', d.description] : null,
    info.rollbackDeploymentId ? ['Rolled back by', deploymentLink(info.rollbackDeploymentId)] : null,
    info.rollbackTriggeringDeploymentId ? ['Rolls back', deploymentLink(info.rollbackTriggeringDeploymentId)] : null,
    info.rollbackMessage ? ['Rollback', info.rollbackMessage] : null,
  ].filter(Boolean);
  clear(el).append(h('div', {},
      h('h1', {}, 'Deployment ', h('code', {}, d.deploymentId), ' ', badge(d.status, 'deployment-status')),
      d.errorInformation ? h('p', { class: 'error', id: 'deployment-error' },
                             `${d.errorInformation.code}: ${d.errorInformation.message}`) : null,
      h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      progress(d.deploymentOverview)));  // h() skips the absent parts
}
