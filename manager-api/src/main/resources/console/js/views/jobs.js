// The tenant's OGC API – Processes jobs (GET /ogcapi/jobs). A job is an execution: each links to its page.
import {get, query} from '../api.js';
import {h, statusPill, table, when} from '../dom.js';

const JOB_STATUSES = ['accepted', 'running', 'successful', 'failed', 'dismissed'];

export function jobs(root, {params, notify, title}) {
  title('OGC jobs');
  const status = h('select', {id: 'job-status', name: 'status'}, h('option', {value: ''}, 'any'),
    JOB_STATUSES.map(s => h('option', {value: s}, s)));
  status.value = params.get('status') || '';
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter jobs'},
    h('div', {class: 'field'}, h('label', {for: 'job-status'}, 'Status'), status),
    h('button', {type: 'submit', id: 'apply-job-filters'}, 'Filter'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = status.value ? `#/jobs?status=${encodeURIComponent(status.value)}` : '#/jobs';
  });
  const holder = h('div', {id: 'jobs'}, h('p', {}, 'Loading…'));
  root.append(h('h1', {tabindex: -1}, 'OGC jobs'), form, holder);

  let stopped = false;
  get(`/ogcapi/jobs${query({limit: 100, status: status.value || null})}`).then(page => {
    if (stopped) return;
    holder.replaceChildren(table('OGC jobs', ['Job', 'Process', 'Status', 'Progress', 'Created', 'Finished'],
      page.jobs ?? [], j => h('tr', {'data-id': j.jobID},
        h('td', {class: 'mono'}, h('a', {href: `#/executions/${encodeURIComponent(j.jobID)}`}, j.jobID)),
        h('td', {class: 'mono'}, j.processID ?? '—'),
        h('td', {}, statusPill(j.status)),
        h('td', {}, j.progress === undefined || j.progress === null ? '—' : `${j.progress} %`),
        h('td', {}, when(j.created)),
        h('td', {}, when(j.finished))),
      'No OGC jobs in this tenant.'));
  }).catch(e => { if (!stopped) notify(e.message); });
  return () => { stopped = true; };
}
