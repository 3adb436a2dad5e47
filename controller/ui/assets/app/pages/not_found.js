import { h, link } from '../dom.js';

export function render(main, ctx, [path]) {
  main.append(h('h1', {}, 'No such page'),
              h('p', {}, `The dashboard has no page at ${path}. `, link('/ui/', 'Go to the overview.')));
}
