// The dashboard's routes: every one is a real /ui/ URL the controller answers with the
// page, so each can be bookmarked and reloaded.
import * as alarms from './pages/alarms.js';
import * as deployment from './pages/deployment.js';
import * as instances from './pages/instances.js';
import * as notFound from './pages/not_found.js';
import * as overview from './pages/overview.js';

const ROUTES = [
  { re: /^\/ui\/?$/, page: { ...overview, nav: '/ui/', title: 'Overview' } },
  { re: /^\/ui\/deployments\/([^/]+)$/, page: { ...deployment, nav: '', title: 'Deployment' } },
  { re: /^\/ui\/instances$/, page: { ...instances, nav: '/ui/instances', title: 'Instances' } },
  { re: /^\/ui\/alarms$/, page: { ...alarms, nav: '/ui/alarms', title: 'Alarms' } },
];

export function routeFor(pathname) {
  for (const r of ROUTES) {
    const m = pathname.match(r.re);
    if (m) return { page: r.page, params: m.slice(1).map(decodeURIComponent) };
  }
  return { page: { ...notFound, nav: '', title: 'Not found' }, params: [pathname] };
}
