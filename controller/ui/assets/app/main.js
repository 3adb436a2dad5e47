// The dashboard's entry point: login, then the page the URL names (docs/dashboard.md).
import { clearToken, get, setToken, setUnauthenticatedHandler, token } from './api.js';
import { clear, errorBox, h } from './dom.js';
import { renderLogin } from './login.js';
import { routeFor } from './router.js';

const main = document.getElementById('main');
const session = { role: '', tokenId: '' };
let cleanup = null;

// What the logged-in token may do (docs/security.md "Roles"); the API refuses the rest anyway.
export function canDeploy() { return session.role === 'deployer' || session.role === 'admin'; }

function stopPage() {
  if (cleanup) cleanup();
  cleanup = null;
}

function showSessionChrome(loggedIn) {
  document.getElementById('nav').hidden = !loggedIn;
  document.getElementById('logout').hidden = !loggedIn;
  document.getElementById('who').textContent =
      loggedIn ? `${session.role} token ${session.tokenId}` : '';
  document.getElementById('who').dataset.role = loggedIn ? session.role : '';
}

function showLogin(message) {
  stopPage();
  clearToken();
  session.role = '';
  showSessionChrome(false);
  renderLogin(clear(main), message, async (typed) => {
    setToken(typed);
    const error = await loadSession();
    if (error) {
      showLogin(error);
    } else {
      render();
    }
  });
}

// Learns the token's role; '' when it works, or why not.
async function loadSession() {
  try {
    const me = await get('/whoami');
    session.role = me.role;
    session.tokenId = me.tokenId;
    return '';
  } catch (e) {
    clearToken();
    if (e.status === 401) return 'The controller does not accept this token: ' + e.message;
    if (e.status === 403) return 'This token may not read the controller: ' + e.message;
    return e.message;
  }
}

function render() {
  stopPage();
  if (!token()) return showLogin('');
  showSessionChrome(true);
  const { page, params } = routeFor(location.pathname);
  document.querySelectorAll('#nav a').forEach((a) => {
    a.classList.toggle('current', a.getAttribute('href') === page.nav);
  });
  document.title = page.title + ' · Berth';
  const target = clear(main);
  try {
    cleanup = page.render(target, { canDeploy: canDeploy(), navigate }, params) || null;
  } catch (e) {
    target.append(errorBox(e));
  }
}

export function navigate(path) {
  if (path !== location.pathname + location.search) history.pushState(null, '', path);
  render();
}

document.addEventListener('click', (ev) => {
  const a = ev.target.closest && ev.target.closest('a[href]');
  if (!a || ev.defaultPrevented || ev.button !== 0) return;
  if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey || a.target) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith('/ui/')) return;
  ev.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', render);
document.getElementById('logout').addEventListener('click', () => showLogin('Logged out.'));
setUnauthenticatedHandler(() => showLogin('The controller no longer accepts the token; log in again.'));

(async () => {
  if (!token()) return showLogin('');
  const error = await loadSession();
  if (error) return showLogin(error);
  render();
})().catch((e) => { clear(main).append(h('h1', {}, 'Berth'), errorBox(e)); });
