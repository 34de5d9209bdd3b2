// The one place requests leave the console: each carries the session's token and tenant, never a password
// (the password is only sent once, to exchange it for a token, by session.js).

export const V31 = '/api/v3.1';

/** A refusal from any of Steward's APIs, with the error code of its format (Cloudify's or OGC's). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let current = null;
let onUnauthorized = () => {};

/** {token, tenant} of the signed-in session, or null. */
export function useSession(session, unauthorized) {
  current = session;
  if (unauthorized) {
    onUnauthorized = unauthorized;
  }
}

export function authHeaders(extra = {}) {
  const headers = {...extra};
  if (current?.token) {
    headers['Authentication-Token'] = current.token;
  }
  if (current?.tenant) {
    headers['Tenant'] = current.tenant;
  }
  return headers;
}

/** Sends a request; answers the parsed JSON (or null for an empty body); throws ApiError for anything but 2xx. */
export async function request(method, path, {body, contentType, headers, signal} = {}) {
  const init = {method, headers: authHeaders(headers), signal, credentials: 'omit', cache: 'no-store'};
  if (body !== undefined) {
    if (contentType) {
      init.headers['Content-Type'] = contentType;
      init.body = body;
    } else {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  const response = await fetch(path, init);
  return answer(response);
}

export async function answer(response) {
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (response.ok) {
    return json;
  }
  const error = refusal(response.status, json, text);
  if (response.status === 401 && current?.token) {
    onUnauthorized(error);
  }
  throw error;
}

function refusal(status, json, text) {
  if (json && typeof json === 'object') {
    // Cloudify: {message, error_code}; OGC (RFC 7807): {type, title, detail}; APEx: {error_code, message}.
    const code = json.error_code ?? json.type ?? null;
    const message = json.message ?? json.detail ?? json.title ?? `HTTP ${status}`;
    return new ApiError(status, code, String(message));
  }
  return new ApiError(status, null, text ? `HTTP ${status}: ${text.substring(0, 200)}` : `HTTP ${status}`);
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, body, options) => request('POST', path, {...options, body});
export const del = (path, options) => request('DELETE', path, options);

/** A query string from an object, skipping empty values. */
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(name, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
