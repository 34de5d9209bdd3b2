// The tenant's deployments, each linking to its executions.
import {V31, get} from '../api.js';
import {h, statusPill, table, when} from '../dom.js';

export function deployments(root, {notify, title}) {
  title('Deployments');
  const heading = h('h1', {tabindex: -1}, 'Deployments');
  const holder = h('div', {id: 'deployments'}, h('p', {}, 'Loading…'));
  root.append(heading, holder);
  let stopped = false;
  get(`${V31}/deployments?_sort=-created_at&_size=200&_include=id,blueprint_id,created_at,created_by,visibility,`
    + 'latest_execution_status,installation_status').then(page => {
    if (stopped) return;
    holder.replaceChildren(table('Deployments',
      ['Deployment', 'Blueprint', 'Installation', 'Latest execution', 'Visibility', 'Created', ''],
      page.items, d => h('tr', {'data-id': d.id},
        h('td', {class: 'mono'}, d.id),
        h('td', {class: 'mono'}, d.blueprint_id),
        h('td', {}, d.installation_status ?? '—'),
        h('td', {}, d.latest_execution_status ? statusPill(d.latest_execution_status) : '—'),
        h('td', {}, d.visibility),
        h('td', {}, when(d.created_at)),
        h('td', {}, h('a', {href: `#/executions?deployment_id=${encodeURIComponent(d.id)}`},
          'Executions', h('span', {class: 'skip'}, ` of ${d.id}`)))),
      'No deployments in this tenant.'));
  }).catch(e => { if (!stopped) notify(e.message); });
  return () => { stopped = true; };
}
