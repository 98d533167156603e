// The agent API client (docs/agent-api.md): JSON over fetch with the bearer
// token, and one error type that carries the server's reason.

import { state } from "./state.js";

export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    const reason = (body && body.reason) || defaultReason(status, retryAfter);
    super(reason);
    this.status = status;
    this.code = (body && body.error) || (status ? `http_${status}` : "network");
    this.reason = reason;
    this.body = body || {};
  }
}

function defaultReason(status, retryAfter) {
  if (status === 0) return "The server cannot be reached. The console keeps trying.";
  if (status === 401) return "The token was not accepted.";
  if (status === 404) return "Not found.";
  if (status === 429) return `Too many attempts: wait ${retryAfter || "a few"} seconds and try again.`;
  if (status >= 500) return `The server failed (HTTP ${status}). Try again in a moment.`;
  return `The server refused (HTTP ${status}).`;
}

export async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${state.token}`, Accept: "application/json" };
  const init = { method, headers, cache: "no-store", credentials: "omit" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (_) {
    throw new ApiError(0, null, null);
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (_) {
      data = null;
    }
  }
  if (!res.ok) throw new ApiError(res.status, data, res.headers.get("Retry-After"));
  return data;
}

export const casePath = (id, action) => `/api/cases/${encodeURIComponent(id)}${action ? `/${action}` : ""}`;

/** The words shown when the server stops accepting the token mid-session. */
export const TOKEN_REFUSED = "Your token is no longer accepted. Sign in again.";
