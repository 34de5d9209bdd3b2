// The web console end to end in headless Chromium, driven mostly from the keyboard. Run by ConsoleBrowserTest:
//   node console.e2e.mjs <baseUrl>
// with the seeded data in STEWARD_CONSOLE_* variables. Prints "PASS <step>" per step and "CONSOLE E2E PASSED" at
// the end; exits 1 at the first failure, saying what was expected.
import {chromium} from 'playwright-core';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const base = process.argv[2];
const env = name => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
};
const seeded = {
  username: env('STEWARD_CONSOLE_USER'),
  password: env('STEWARD_CONSOLE_PASSWORD'),
  tenant: env('STEWARD_CONSOLE_TENANT'),
  otherTenant: env('STEWARD_CONSOLE_OTHER_TENANT'),
  execution: env('STEWARD_CONSOLE_EXECUTION'),
  deployment: env('STEWARD_CONSOLE_DEPLOYMENT'),
  endedExecution: env('STEWARD_CONSOLE_ENDED_EXECUTION'),
  job: env('STEWARD_CONSOLE_JOB'),
  token: env('STEWARD_CONSOLE_TOKEN'),
  otherBlueprint: env('STEWARD_CONSOLE_OTHER_BLUEPRINT'),
};
const chromiumPath = process.env.STEWARD_TEST_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30000;

const profile = mkdtempSync(join(tmpdir(), 'steward-console-chromium-'));
const files = mkdtempSync(join(tmpdir(), 'steward-console-files-'));
const pageErrors = [];
let context;
let page;

function pass(step) {
  console.log(`PASS ${step}`);
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function text(selector) {
  return (await page.locator(selector).textContent())?.trim();
}

/** Waits until fn() (run in the page) is truthy; the message says what was awaited. */
async function waitFor(message, fn, arg) {
  try {
    await page.waitForFunction(fn, arg, {timeout: TIMEOUT, polling: 100});
  } catch (e) {
    throw new Error(`timed out waiting for ${message}`);
  }
}

async function focused() {
  return page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
}

/** Stays with the server's own answer to a token: 200 while it works, 401 once revoked. */
async function statusWithToken(token) {
  return page.evaluate(async value => (await fetch('/api/v3.1/user',
    {headers: {'Authentication-Token': value}})).status, token);
}

async function run() {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', e => pageErrors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') console.log(`browser console: ${m.text()}`); });

  // The console is public, served from the jar, with a policy that allows only its own scripts.
  const loaded = await page.goto(`${base}/console`);
  check(page.url() === `${base}/console/`, `/console should lead to /console/, was ${page.url()}`);
  check(loaded.status() === 200, `GET /console/ answered ${loaded.status()}`);
  const policy = loaded.headers()['content-security-policy'] || '';
  check(policy.includes("script-src 'self'"), `no content security policy: ${policy}`);
  await page.locator('#username-input').waitFor({timeout: TIMEOUT});
  check(await focused() === 'username-input', 'the username field should have the focus');
  pass('the sign-in page loads at /console with the username focused');

  // Sign in from the keyboard: type, Tab, type, Enter.
  await page.keyboard.type(seeded.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(seeded.password);
  await page.keyboard.press('Enter');
  await page.locator('#bar').waitFor({state: 'visible', timeout: TIMEOUT});
  await waitFor('the username in the header', u => document.getElementById('username').textContent.includes(u),
    seeded.username);
  const stored = await page.evaluate(() => ({
    session: JSON.stringify(Object.fromEntries(Object.entries(sessionStorage))),
    local: localStorage.length,
    cookies: document.cookie,
  }));
  check(!stored.session.includes(seeded.password), 'the password is kept in sessionStorage');
  check(stored.session.includes('ctok-'), `no token in sessionStorage: ${stored.session}`);
  check(stored.local === 0 && stored.cookies === '', 'the console should keep nothing in localStorage or cookies');
  const consoleToken = JSON.parse(Object.values(JSON.parse(stored.session))[0]).token;
  pass('signing in with a password keeps only a token, in sessionStorage');

  // The tenant switcher lists the user's tenants; the other tenant has no executions.
  const tenants = await page.locator('#tenant option').allTextContents();
  check(tenants.includes(seeded.tenant) && tenants.includes(seeded.otherTenant),
    `tenants offered: ${tenants}`);
  await page.locator('#tenant').selectOption(seeded.otherTenant);
  await waitFor('the other tenant\'s executions list, without this tenant\'s executions', id =>
    document.getElementById('executions-count').textContent !== 'Loading…'
    && document.querySelector('#executions tbody tr') !== null
    && !document.querySelector(`#executions tr[data-id="${id}"]`), seeded.execution);
  await page.locator('a[data-section="blueprints"]').click();
  await page.locator(`#blueprints tr[data-id="${seeded.otherBlueprint}"]`).waitFor({timeout: TIMEOUT});
  await page.locator('#tenant').selectOption(seeded.tenant);
  await page.locator(`#executions tr[data-id="${seeded.execution}"]`).waitFor({timeout: TIMEOUT});
  check(await page.locator(`#executions tr[data-id="${seeded.endedExecution}"]`).count() === 1,
    'the ended execution should be listed too before filtering');
  pass('the tenant switcher changes what every list shows');

  // Filters: status and deployment, submitted with Enter; they live in the address.
  await page.locator('#filter-status').selectOption('started');
  await page.locator('#filter-deployment').fill(seeded.deployment);
  await page.locator('#filter-deployment').press('Enter');
  await waitFor('the filtered list', ended => !document.querySelector(`#executions tr[data-id="${ended}"]`)
    && document.querySelectorAll('#executions tbody tr[data-id]').length === 1, seeded.endedExecution);
  check(page.url().includes('status=started') && page.url().includes(`deployment_id=${seeded.deployment}`),
    `filters not in the address: ${page.url()}`);
  check((await text(`#executions tr[data-id="${seeded.execution}"] .status`)) === 'started',
    'the running execution should show started');
  await page.locator('#filter-status').selectOption('terminated');
  await page.locator('#apply-filters').press('Enter');
  await waitFor('the terminated filter', id => {
    const shown = [...document.querySelectorAll('#executions tbody tr[data-id] .status')].map(s => s.textContent);
    return location.hash.includes('status=terminated') && !document.querySelector(`#executions tr[data-id="${id}"]`)
      && shown.every(s => s === 'terminated');
  }, seeded.execution);
  await page.goBack();
  await page.locator(`#executions tr[data-id="${seeded.execution}"]`).waitFor({timeout: TIMEOUT});
  pass('executions filter by status and deployment');

  // Open the execution from the keyboard: its events arrive live and the progress bar counts operations.
  await page.locator(`#executions tr[data-id="${seeded.execution}"] a`).focus();
  await page.keyboard.press('Enter');
  await page.locator('#execution-status').waitFor({timeout: TIMEOUT});
  await waitFor('the first events', () => document.querySelectorAll('#events li').length >= 3);
  await waitFor('2 of 3 operations finished',
    () => document.getElementById('progress-label').textContent === '2 of 3 operations finished');
  const bar = await page.evaluate(() => [document.getElementById('progress').value,
    document.getElementById('progress').max]);
  check(bar[0] === 2 && bar[1] === 3, `progress bar ${bar}`);
  // The stream sends what is stored, then what comes: the slow operation's log line is among the last.
  await waitFor('workflow_started and the slow operation\'s log line among the events', () => {
    const shown = [...document.querySelectorAll('#events li')].map(li => li.textContent);
    return shown.some(e => e.includes('workflow_started')) && shown.some(e => e.includes('slow operation started'));
  });
  pass('an execution\'s page shows its events and a progress bar of 2 / 3 operations');

  // Cancel, with a confirmation dialog: Escape keeps it running and gives the focus back.
  await page.locator('#action-cancel').focus();
  await page.keyboard.press('Enter');
  await page.locator('#confirm[open]').waitFor({timeout: TIMEOUT});
  check(await focused() === 'confirm-keep', `the dialog should focus its safe button, focus is on ${await focused()}`);
  await page.keyboard.press('Escape');
  await page.locator('#confirm').waitFor({state: 'hidden', timeout: TIMEOUT});
  check(await focused() === 'action-cancel', 'Escape should give the focus back to the Cancel button');
  check((await text('#execution-status')) === 'started', 'Escape must not cancel');
  const before = await page.locator('#events li').count();
  await page.keyboard.press('Enter');
  await page.locator('#confirm[open]').waitFor({timeout: TIMEOUT});
  await page.keyboard.press('Tab');
  check(await focused() === 'confirm-yes', 'Tab should reach the confirm button');
  await page.keyboard.press('Enter');
  await waitFor('status cancelling', () => document.getElementById('execution-status').textContent === 'cancelling');
  pass('cancel asks first; Escape keeps the execution, Enter on the confirm button cancels it');

  // The slow operation holds the cancel; kill it, and the end arrives through the stream.
  await page.locator('#action-kill').focus();
  await page.keyboard.press('Enter');
  await page.locator('#confirm[open]').waitFor({timeout: TIMEOUT});
  check((await text('#confirm-yes')) === 'Kill execution', 'the dialog should name the kill');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await waitFor('status cancelled', () => document.getElementById('execution-status').textContent === 'cancelled');
  await waitFor('the end of the stream',
    () => document.getElementById('stream-state').textContent.includes('has ended'));
  const after = await page.locator('#events li').allTextContents();
  check(after.length > before, 'no event arrived live after the page was opened');
  check(after.some(e => e.includes('workflow_cancelled')), `no workflow_cancelled among ${after.slice(before)}`);
  check(await page.locator('#action-kill').isDisabled(), 'the stop buttons should be disabled once it ended');
  pass('kill ends the execution; the new events and the end arrive live');

  // Deployments list.
  await page.locator('a[data-section="deployments"]').click();
  await page.locator(`#deployments tr[data-id="${seeded.deployment}"]`).waitFor({timeout: TIMEOUT});
  pass('deployments are listed');

  // Upload a blueprint YAML from a file.
  const uploadedId = `uploaded-${Date.now()}`;
  const file = join(files, `${uploadedId}.yaml`);
  writeFileSync(file, [
    'tosca_definitions_version: cloudify_dsl_1_4',
    'imports: [cloudify/types/types.yaml]',
    'node_templates:',
    '  n: {type: cloudify.nodes.Root}',
    '',
  ].join('\n'));
  await page.locator('a[data-section="blueprints"]').click();
  await page.locator('#blueprint-file').setInputFiles(file);
  check(await page.locator('#blueprint-id').inputValue() === uploadedId, 'the id should come from the file name');
  await page.locator('#upload').press('Enter');
  await page.locator(`#blueprints tr[data-id="${uploadedId}"]`).waitFor({timeout: TIMEOUT});
  check((await text('#notice')).includes(`Uploaded blueprint ${uploadedId}`), 'no upload notice');
  await page.locator('#blueprint-id').fill(uploadedId);
  await page.locator('#blueprint-file').setInputFiles(file);
  await page.locator('#upload').press('Enter');
  await waitFor('the refusal of a second upload', () => document.getElementById('notice').textContent
    .startsWith('Upload refused'));
  pass('a blueprint YAML uploads and is listed; a clash is refused with the server\'s message');

  // OGC jobs.
  await page.locator('a[data-section="jobs"]').click();
  await page.locator(`#jobs tr[data-id="${seeded.job}"]`).waitFor({timeout: TIMEOUT});
  check((await text(`#jobs tr[data-id="${seeded.job}"] .status`)) === 'successful', 'the job should be successful');
  pass('OGC jobs are listed');

  // Sign out: the console's token is revoked and forgotten.
  await page.locator('#sign-out').click();
  await page.locator('#username-input').waitFor({timeout: TIMEOUT});
  check(await page.evaluate(() => sessionStorage.length) === 0, 'sessionStorage should be empty after sign-out');
  check(await statusWithToken(consoleToken) === 401, 'the console\'s token should be revoked');
  pass('signing out revokes the console\'s token and forgets it');

  // Sign in with a token the user brought; signing out forgets it but leaves it working.
  await page.locator('#method-token').check();
  await page.locator('#token-input').fill(seeded.token);
  await page.locator('#token-input').press('Enter');
  await waitFor('the username in the header', u => document.getElementById('username').textContent.includes(u),
    seeded.username);
  await page.locator('#sign-out').click();
  await page.locator('#username-input').waitFor({timeout: TIMEOUT});
  check(await statusWithToken(seeded.token) === 200, 'a token the user brought must keep working');
  pass('an API token signs in; signing out forgets it without revoking it');

  check(pageErrors.length === 0, `errors in the page: ${pageErrors}`);
  console.log('CONSOLE E2E PASSED');
}

try {
  await run();
} catch (e) {
  console.log(`FAIL ${e.message}`);
  if (pageErrors.length) {
    console.log(`page errors: ${pageErrors.join(' | ')}`);
  }
  if (page && process.env.STEWARD_CONSOLE_ARTIFACTS) {
    try {
      await page.screenshot({path: join(process.env.STEWARD_CONSOLE_ARTIFACTS, 'console-failure.png'), fullPage: true});
      writeFileSync(join(process.env.STEWARD_CONSOLE_ARTIFACTS, 'console-failure.html'), await page.content());
    } catch {
      // The failure above is what matters.
    }
  }
  process.exitCode = 1;
} finally {
  await context?.close().catch(() => {});
  rmSync(profile, {recursive: true, force: true});
  rmSync(files, {recursive: true, force: true});
}
