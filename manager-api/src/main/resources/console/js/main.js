// The console's shell: sign-in, the header (sections, tenant switcher, sign-out), and a hash router that mounts
// one view at a time. A view returns a function that stops whatever it left running (polls, streams).
import {useSession} from './api.js';
import * as session from './session.js';
import {signIn} from './views/signin.js';
import {executions} from './views/executions.js';
import {execution} from './views/execution.js';
import {deployments} from './views/deployments.js';
import {blueprints} from './views/blueprints.js';
import {jobs} from './views/jobs.js';
import {h} from './dom.js';

const main = document.getElementById('main');
const bar = document.getElementById('bar');
const tenantSelect = document.getElementById('tenant');
const notice = document.getElementById('notice');

let active = null;
let stopView = () => {};

const ROUTES = [
  {pattern: /^\/executions\/([^/]+)$/, section: 'executions', view: execution},
  {pattern: /^\/executions$/, section: 'executions', view: executions},
  {pattern: /^\/deployments$/, section: 'deployments', view: deployments},
  {pattern: /^\/blueprints$/, section: 'blueprints', view: blueprints},
  {pattern: /^\/jobs$/, section: 'jobs', view: jobs},
];

export function notify(message, kind = 'error') {
  if (!message) {
    notice.hidden = true;
    notice.textContent = '';
    return;
  }
  notice.className = kind === 'info' ? 'notice info' : 'notice';
  notice.textContent = message;
  notice.hidden = false;
}

/** Asks before a destructive action; resolves true only for an explicit yes (Escape and "keep" are no). */
export function confirm(title, text, yesLabel) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-yes').textContent = yesLabel;
  const opener = document.activeElement;
  dialog.returnValue = '';
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      if (opener instanceof HTMLElement && opener.isConnected) {
        opener.focus();
      }
      resolve(dialog.returnValue === 'confirm');
    }, {once: true});
    dialog.showModal();
    document.getElementById('confirm-keep').focus();
  });
}

function unauthorized() {
  session.forget();
  active = null;
  useSession(null);
  notify('Your session has ended (the token expired or was revoked). Sign in again.');
  render();
}

async function start(signedIn) {
  active = signedIn;
  useSession(active, unauthorized);
  const who = await session.tenantsOf();
  if (who.tenants.length === 0) {
    throw new Error(`${who.username} is not a member of any tenant`);
  }
  if (!active.tenant || !who.tenants.includes(active.tenant)) {
    active.tenant = who.tenants.includes('default_tenant') ? 'default_tenant' : who.tenants[0];
  }
  active.username = who.username;
  session.save(active);
  tenantSelect.replaceChildren(...who.tenants.map(name => h('option', {value: name}, name)));
  tenantSelect.value = active.tenant;
  document.getElementById('username').textContent = who.role === 'sys_admin' ? `${who.username} (sys_admin)`
    : who.username;
  bar.hidden = false;
  if (!location.hash || location.hash === '#' || location.hash === '#/') {
    history.replaceState(null, '', '#/executions'); // unlike location.hash, fires no second render
  }
  render();
}

tenantSelect.addEventListener('change', () => {
  active.tenant = tenantSelect.value;
  session.save(active);
  notify(null);
  // The lists of one tenant mean nothing in another: back to its executions, without old filters.
  if (location.hash === '#/executions') {
    render();
  } else {
    location.hash = '#/executions';
  }
});

document.getElementById('sign-out').addEventListener('click', async () => {
  const leaving = active;
  stopView();
  session.forget();
  active = null;
  useSession(null);
  await session.revoke(leaving);
  notify('Signed out.', 'info');
  history.replaceState(null, '', location.pathname);
  render();
});

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/executions';
  const question = raw.indexOf('?');
  const path = question < 0 ? raw : raw.substring(0, question);
  const params = new URLSearchParams(question < 0 ? '' : raw.substring(question + 1));
  return {path, params};
}

function render() {
  stopView();
  stopView = () => {};
  main.replaceChildren();
  if (!active) {
    bar.hidden = true;
    document.title = 'Sign in · Steward console';
    stopView = signIn(main, {
      signedIn: async signedIn => {
        notify(null);
        try {
          await start(signedIn);
        } catch (e) {
          session.forget();
          active = null;
          useSession(null);
          notify(e.message);
          render();
        }
      },
      notify,
    }) || (() => {});
    return;
  }
  const {path, params} = parseHash();
  const route = ROUTES.find(r => r.pattern.test(path));
  document.querySelectorAll('.bar nav a').forEach(a => a.removeAttribute('aria-current'));
  if (!route) {
    main.appendChild(h('h1', {tabindex: -1}, 'Not found'));
    main.appendChild(h('p', {}, 'No such page. ', h('a', {href: '#/executions'}, 'Go to executions')));
    return;
  }
  document.querySelector(`.bar nav a[data-section="${route.section}"]`)?.setAttribute('aria-current', 'page');
  const match = path.match(route.pattern);
  const context = {
    params,
    id: match[1] ? decodeURIComponent(match[1]) : null,
    tenant: active.tenant,
    notify,
    confirm,
    title: text => { document.title = `${text} · Steward console`; },
  };
  stopView = route.view(main, context) || (() => {});
  // Move focus to the new page's heading so keyboard and screen-reader users start there.
  main.querySelector('h1')?.focus();
}

window.addEventListener('hashchange', () => {
  if (active) {
    notify(null);
    render();
  }
});

const resumed = session.load();
if (resumed) {
  start(resumed).catch(e => {
    session.forget();
    active = null;
    useSession(null);
    notify(e.message);
    render();
  });
} else {
  render();
}
