// The login form. Its submit handler always calls preventDefault, so the browser never
// submits it natively (which would put the token in a URL); the page's CSP also forbids
// form submission (form-action 'none').
import { h } from './dom.js';

export function renderLogin(main, message, onToken) {
  const input = h('input', {
    name: 'token', id: 'token', type: 'password', autocomplete: 'off', required: true,
    spellcheck: 'false', placeholder: 'API token',
  });
  const form = h('form', { id: 'login', class: 'login', method: 'post', action: '/ui/' },
                 h('h1', {}, 'Log in to Berth'),
                 h('p', { class: 'muted' },
                   'Paste an API token (berth token create --role viewer|deployer|admin). It is ' +
                   'kept in this tab only and sent as a bearer header.'),
                 h('label', { for: 'token' }, 'Token'), input,
                 h('button', { type: 'submit', id: 'login-submit' }, 'Log in'),
                 message ? h('p', { class: 'error', id: 'login-error', role: 'alert' }, message) : null);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = input.value.trim();
    if (!value) return;
    input.value = '';
    onToken(value);
  });
  main.append(form);
  input.focus();
}
