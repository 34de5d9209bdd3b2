// Signing in and out. A password is sent once, to POST /tokens, and is never stored; the console keeps only the
// token (and the chosen tenant) in sessionStorage, so it is gone when the tab closes. Signing out revokes a token
// the console made, and forgets one the user pasted (which is theirs to keep or revoke).
import {V31, ApiError, answer, get} from './api.js';

const KEY = 'steward.console.session';
const TOKEN_LIFETIME = '+12h';

export function load() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    return stored && typeof stored.token === 'string' ? stored : null;
  } catch {
    return null;
  }
}

export function save(session) {
  sessionStorage.setItem(KEY, JSON.stringify({
    token: session.token, tokenId: session.tokenId ?? null, username: session.username,
    tenant: session.tenant ?? null,
  }));
}

export function forget() {
  sessionStorage.removeItem(KEY);
}

function basic(username, password) {
  // UTF-8 first: btoa alone only takes Latin-1.
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  bytes.forEach(b => { binary += String.fromCharCode(b); });
  return `Basic ${btoa(binary)}`;
}

/** Exchanges basic credentials for a Steward token the console made (and will revoke on sign-out). */
export async function withPassword(username, password) {
  const response = await fetch(`${V31}/tokens`, {
    method: 'POST', credentials: 'omit', cache: 'no-store',
    headers: {'Authorization': basic(username, password), 'Content-Type': 'application/json'},
    body: JSON.stringify({description: 'Steward console', expiration_date: TOKEN_LIFETIME}),
  });
  const token = await answer(response);
  if (!token || typeof token.value !== 'string') {
    throw new ApiError(response.status, null, 'The server did not answer a token');
  }
  return {token: token.value, tokenId: token.id, username: token.username};
}

/** A token the user brought: checked by reading who it belongs to. */
export async function withToken(value) {
  const response = await fetch(`${V31}/user`, {
    credentials: 'omit', cache: 'no-store', headers: {'Authentication-Token': value},
  });
  const user = await answer(response);
  return {token: value, tokenId: null, username: user.username};
}

/** The tenants the user may switch between: their memberships, or every tenant for a sys_admin. */
export async function tenantsOf() {
  const user = await get(`${V31}/user`);
  let names = Object.keys(user.tenants || {});
  if (user.role === 'sys_admin') {
    try {
      const all = await get(`${V31}/tenants?_get_all_results=true&_include=name&_sort=name`);
      names = [...new Set([...names, ...all.items.map(t => t.name)])];
    } catch (e) {
      // The memberships are still a usable list.
    }
  }
  names.sort((a, b) => a.localeCompare(b));
  return {username: user.username, role: user.role, tenants: names};
}

/** Revokes the console's own token; a failure (already expired, server gone) still signs out locally. */
export async function revoke(session) {
  if (!session?.tokenId) {
    return;
  }
  try {
    await fetch(`${V31}/tokens/${encodeURIComponent(session.tokenId)}`, {
      method: 'DELETE', credentials: 'omit', headers: {'Authentication-Token': session.token},
    });
  } catch {
    // Nothing more to do: the token expires by itself.
  }
}
