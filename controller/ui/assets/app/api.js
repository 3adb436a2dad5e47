// The controller's REST API (docs/api.md) with the bearer token the user logged in with.
// The token lives in sessionStorage only (gone when the tab closes) and travels only in
// the Authorization header: never in a URL.

const TOKEN_KEY = 'berth.token';

export function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }
export function setToken(t) { sessionStorage.setItem(TOKEN_KEY, t); }
export function clearToken() { sessionStorage.removeItem(TOKEN_KEY); }

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let onUnauthenticated = () => {};
// Called when the controller answers 401 (the token expired or was revoked).
export function setUnauthenticatedHandler(fn) { onUnauthenticated = fn; }

// One call; resolves to the parsed JSON answer or rejects with an ApiError carrying the
// controller's {"code", "message"}.
export async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + token() };
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch('/api/v1' + path, init);
  } catch (e) {
    throw new ApiError(0, 'UNAVAILABLE', 'the controller cannot be reached');
  }
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok) {
    if (res.status === 401) onUnauthenticated();
    throw new ApiError(res.status, data && data.code || 'HTTP_' + res.status,
                       data && data.message || 'HTTP ' + res.status + ' for ' + method + ' ' + path);
  }
  return data;
}

export const get = (path) => api('GET', path);

// Builds "path?k=v&..." from the params that are set.
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? path + '?' + s : path;
}

// Every item of a paged list (docs/api.md "Paging"), following nextToken; stops at `max`.
export async function listAll(path, field, params = {}, max = 10000) {
  const out = [];
  let next = '';
  do {
    const page = await get(withQuery(path, { ...params, limit: 1000, nextToken: next }));
    out.push(...(page[field] || []));
    next = page.nextToken || '';
  } while (next && out.length < max);
  return out;
}

export const enc = encodeURIComponent;
