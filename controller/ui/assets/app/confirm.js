// A confirmation that names what an action touches. Resolves true when confirmed.
import { h } from './dom.js';

export function confirmAction(title, lines, confirmLabel) {
  return new Promise((resolve) => {
    const ok = h('button', { type: 'button', id: 'confirm-ok', class: 'danger' }, confirmLabel);
    const cancel = h('button', { type: 'button', id: 'confirm-cancel' }, 'Cancel');
    const dialog = h('dialog', { id: 'confirm', class: 'confirm' },
                     h('h2', {}, title),
                     lines.map((l) => h('p', {}, l)),
                     h('div', { class: 'buttons' }, cancel, ok));
    const done = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    ok.addEventListener('click', () => done(true));
    cancel.addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', (ev) => { ev.preventDefault(); done(false); });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
