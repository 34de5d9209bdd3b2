// One execution: its facts, a progress bar of finished / total operations (from GET /operations), its events as
// they happen (GET /events/stream), and cancel / force-cancel / kill, each after a confirmation.
import {V31, get, post, query} from '../api.js';
import {h, statusPill, when} from '../dom.js';
import {follow} from '../stream.js';

const ENDED = new Set(['terminated', 'failed', 'cancelled']);
const REFRESH_MS = 2000;
const MAX_EVENTS_SHOWN = 2000;

const ACTIONS = [
  {action: 'cancel', label: 'Cancel', yes: 'Cancel execution', title: 'Cancel this execution?',
    text: 'No new operation starts; operations already running finish first.'},
  {action: 'force-cancel', label: 'Force cancel', yes: 'Force-cancel execution', title: 'Force-cancel this execution?',
    text: 'Running operations are sent SIGTERM and the execution ends as cancelled.'},
  {action: 'kill', label: 'Kill', yes: 'Kill execution', title: 'Kill this execution?',
    text: 'Every running operation\'s processes get SIGTERM, then SIGKILL after the grace period.'},
];

export function execution(root, {id, notify, confirm, title}) {
  title(`Execution ${id}`);
  const facts = h('dl', {class: 'facts'});
  const statusCell = h('dd', {id: 'execution-status', 'aria-live': 'polite'}, '…');
  const bar = h('progress', {id: 'progress', max: 1, value: 0, 'aria-labelledby': 'progress-label'});
  const label = h('span', {id: 'progress-label'}, 'Operations: …');
  const buttons = ACTIONS.map(a => {
    const button = h('button', {type: 'button', id: `action-${a.action}`, class: 'danger', disabled: true},
      a.label);
    button.addEventListener('click', async () => {
      if (!(await confirm(a.title, `${id}: ${a.text}`, a.yes))) {
        return;
      }
      try {
        const after = await post(`${V31}/executions/${encodeURIComponent(id)}`, {action: a.action});
        notify(`${a.label}: the execution is now ${after.status}.`, 'info');
        show(after);
      } catch (e) {
        notify(e.message);
      }
    });
    return button;
  });
  const events = h('ol', {class: 'events', id: 'events', role: 'log', 'aria-label': 'Events', tabindex: 0});
  const streamState = h('p', {id: 'stream-state', class: 'empty'}, 'Connecting to the event stream…');

  root.append(
    h('p', {}, h('a', {href: '#/executions'}, '← All executions')),
    h('h1', {tabindex: -1}, 'Execution ', h('span', {class: 'mono'}, id)),
    facts,
    h('div', {class: 'progress'}, bar, label),
    h('div', {class: 'actions', role: 'group', 'aria-label': 'Stop the execution'}, buttons),
    h('h2', {}, 'Events'), streamState, events);

  let current = null;
  function show(e) {
    current = e;
    if (!facts.firstChild) {
      const link = (text, href) => h('a', {href}, text);
      facts.append(
        h('dt', {}, 'Status'), statusCell,
        h('dt', {}, 'Deployment'), h('dd', {}, e.deployment_id
          ? link(e.deployment_id, `#/executions?deployment_id=${encodeURIComponent(e.deployment_id)}`) : '—'),
        h('dt', {}, 'Workflow'), h('dd', {id: 'execution-workflow'}, e.workflow_id),
        h('dt', {}, 'Created'), h('dd', {}, when(e.created_at)),
        h('dt', {}, 'Started by'), h('dd', {}, e.created_by ?? '—'),
        h('dt', {}, 'Ended'), h('dd', {id: 'execution-ended'}, '—'),
        h('dt', {}, 'Error'), h('dd', {id: 'execution-error', class: 'mono'}, '—'));
    }
    if (statusCell.dataset.status !== e.status) {
      statusCell.dataset.status = e.status;
      statusCell.replaceChildren(statusPill(e.status));
    }
    facts.querySelector('#execution-ended').textContent = when(e.ended_at);
    facts.querySelector('#execution-error').textContent = e.error || '—';
    const ended = ENDED.has(e.status);
    buttons.forEach(b => { b.disabled = ended; });
  }

  async function progress() {
    const ops = await get(`${V31}/operations${query({execution_id: id, skip_internal: 'true',
      _get_all_results: 'true'})}`);
    const total = ops.items.length;
    const finished = ops.items.filter(o => o.state === 'succeeded' || o.state === 'failed').length;
    bar.max = Math.max(total, 1);
    bar.value = finished;
    label.textContent = `${finished} of ${total} operations finished`;
  }

  let stopped = false;
  let timer = null;
  async function refresh() {
    try {
      const e = await get(`${V31}/executions/${encodeURIComponent(id)}`);
      if (stopped) return;
      show(e);
      await progress();
    } catch (err) {
      if (!stopped) notify(err.message);
    }
    if (!stopped && !(current && ENDED.has(current.status) && streamEnded)) {
      timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  let streamEnded = false;
  const stream = follow(`${V31}/events/stream${query({execution_id: id})}`, {
    onEvent: event => {
      streamState.textContent = 'Live: new events appear as they happen.';
      const kind = event.event_type ?? event.level ?? event.type;
      const item = h('li', {class: event.level === 'error' || /fail/.test(event.event_type ?? '') ? 'error' : null},
        h('time', {datetime: event.timestamp}, when(event.timestamp)),
        h('span', {class: 'kind'}, kind),
        event.node_instance_id ? `[${event.node_instance_id}] ` : '',
        event.message ?? '');
      events.appendChild(item);
      while (events.childElementCount > MAX_EVENTS_SHOWN) {
        events.firstElementChild.remove();
      }
      events.scrollTop = events.scrollHeight;
    },
    onEnd: () => {
      streamEnded = true;
      streamState.textContent = 'The execution has ended; these are all its events.';
      clearTimeout(timer);
      refresh();
    },
    onError: (e, status) => {
      streamState.textContent = status ? `The event stream is unavailable (${status}).`
        : 'The event stream was interrupted; reconnecting…';
    },
  });
  refresh();

  return () => {
    stopped = true;
    clearTimeout(timer);
    stream.close();
  };
}
