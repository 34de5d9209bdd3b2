// Executions of the tenant with filters (status, deployment, workflow) kept in the address, refreshed every few
// seconds so statuses stay live. Rows are updated in place, so a focused link keeps its focus.
import {V31, get, query} from '../api.js';
import {h, statusPill, when} from '../dom.js';

export const STATUSES = ['pending', 'queued', 'scheduled', 'started', 'cancelling', 'force_cancelling',
  'kill_cancelling', 'terminated', 'failed', 'cancelled'];
const REFRESH_MS = 2000;
const FIELDS = 'id,deployment_id,workflow_id,status,created_at,ended_at,finished_operations,total_operations';

export function executions(root, {params, notify, title}) {
  title('Executions');
  const status = h('select', {id: 'filter-status', name: 'status'},
    h('option', {value: ''}, 'any'), STATUSES.map(s => h('option', {value: s}, s)));
  status.value = params.get('status') || '';
  const deployment = h('input', {type: 'text', id: 'filter-deployment', name: 'deployment_id',
    value: params.get('deployment_id') || '', list: 'deployment-ids'});
  const deploymentIds = h('datalist', {id: 'deployment-ids'});
  const workflow = h('input', {type: 'text', id: 'filter-workflow', name: 'workflow_id',
    value: params.get('workflow_id') || ''});
  const system = h('input', {type: 'checkbox', id: 'filter-system', name: 'system',
    checked: params.get('system') === 'true'});

  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter executions'},
    h('div', {class: 'field'}, h('label', {for: 'filter-status'}, 'Status'), status),
    h('div', {class: 'field'}, h('label', {for: 'filter-deployment'}, 'Deployment'), deployment, deploymentIds),
    h('div', {class: 'field'}, h('label', {for: 'filter-workflow'}, 'Workflow'), workflow),
    h('div', {class: 'check'}, system, h('label', {for: 'filter-system'}, 'System workflows')),
    h('button', {type: 'submit', id: 'apply-filters'}, 'Filter'),
    h('button', {type: 'button', class: 'secondary', id: 'clear-filters', onclick: () => {
      location.hash = '#/executions';
    }}, 'Clear'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (status.value) next.set('status', status.value);
    if (deployment.value.trim()) next.set('deployment_id', deployment.value.trim());
    if (workflow.value.trim()) next.set('workflow_id', workflow.value.trim());
    if (system.checked) next.set('system', 'true');
    const text = next.toString();
    location.hash = text ? `#/executions?${text}` : '#/executions';
  });

  const count = h('p', {id: 'executions-count', 'aria-live': 'polite'}, 'Loading…');
  const body = h('tbody', {});
  const list = h('table', {id: 'executions'},
    h('caption', {class: 'skip'}, 'Executions'),
    h('thead', {}, h('tr', {}, ['Execution', 'Deployment', 'Workflow', 'Status', 'Operations', 'Created', 'Ended']
      .map(c => h('th', {scope: 'col'}, c)))),
    body);
  root.append(h('h1', {tabindex: -1}, 'Executions'), form, count, list);

  const rows = new Map();
  function rowFor(e) {
    let row = rows.get(e.id);
    if (!row) {
      const cells = Array.from({length: 7}, () => h('td', {}));
      cells[0].className = 'mono';
      cells[0].appendChild(h('a', {href: `#/executions/${encodeURIComponent(e.id)}`}, e.id));
      row = {tr: h('tr', {'data-id': e.id}, cells), cells};
      rows.set(e.id, row);
    }
    const [, dep, wf, st, ops, created, ended] = row.cells;
    dep.textContent = e.deployment_id ?? '—';
    wf.textContent = e.workflow_id;
    st.replaceChildren(statusPill(e.status));
    ops.textContent = e.total_operations ? `${e.finished_operations ?? 0} / ${e.total_operations}` : '—';
    created.textContent = when(e.created_at);
    ended.textContent = when(e.ended_at);
    return row.tr;
  }

  let timer = null;
  let stopped = false;
  async function refresh() {
    try {
      const page = await get(`${V31}/executions${query({
        _sort: '-created_at', _size: 100, _include: FIELDS, status: status.value || null,
        deployment_id: deployment.value.trim() || null, workflow_id: workflow.value.trim() || null,
        _include_system_workflows: system.checked ? 'true' : null,
      })}`);
      if (stopped) return;
      const seen = new Set(page.items.map(e => e.id));
      for (const [id, row] of rows) {
        if (!seen.has(id)) {
          row.tr.remove();
          rows.delete(id);
        }
      }
      if (page.items.length === 0) {
        body.replaceChildren(h('tr', {}, h('td', {colspan: 7, class: 'empty'}, 'No executions match.')));
      } else {
        body.querySelector('td.empty')?.parentElement.remove();
        // appendChild moves an existing row, so this also keeps the server's order.
        page.items.forEach(e => body.appendChild(rowFor(e)));
      }
      const total = page.metadata?.pagination?.total ?? page.items.length;
      const counted = total > page.items.length
        ? `${page.items.length} most recent of ${total} executions` : `${total} execution${total === 1 ? '' : 's'}`;
      if (count.textContent !== counted) count.textContent = counted;
    } catch (e) {
      if (!stopped) notify(e.message);
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }
  refresh();
  get(`${V31}/deployments?_include=id&_sort=id&_size=500`).then(page => {
    deploymentIds.replaceChildren(...page.items.map(d => h('option', {value: d.id})));
  }).catch(() => {});

  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
