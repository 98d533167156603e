// Push instead of poll: an EventSource on GET /api/stream (Server-Sent
// Events of case changes for the chosen team). Each event refreshes the
// list (and the open case when it is the one that changed); while the
// stream is live the poll slows to a safety net. The browser resumes the
// stream with Last-Event-ID after a drop. Without a stream (404) the
// console simply keeps polling.
//
// The stream is opened with a short-lived ticket from POST
// /api/stream/ticket, so that the token itself never goes into a URL
// (which ends up in access logs).

import { api } from "./api.js";
import { on } from "./bus.js";
import { $ } from "./dom.js";
import { state } from "./state.js";
import { refreshOpenCase } from "./case-view.js";
import { refreshQueue } from "./queue.js";

const SAFETY_POLL_MS = 30000;
const RETRY_MS = 5000;
const SETTLE_MS = 150; // a burst of events is one refresh

let source = null;
let team = null;
let unsupported = false;
let retry = null;
let settle = null;
let openChanged = false;

function close() {
  if (source) source.close();
  source = null;
  clearTimeout(retry);
  state.pollMs = null;
}

async function connect() {
  close();
  if (unsupported || !state.token || typeof window.EventSource !== "function") return;
  team = state.team;
  let ticket;
  try {
    const answer = await api("POST", "/api/stream/ticket", {});
    ticket = answer && answer.ticket;
  } catch (e) {
    if (e.status === 404 || e.status === 405) unsupported = true;
    else retry = setTimeout(connect, RETRY_MS);
    return;
  }
  if (!ticket || !state.token || team !== state.team) return;
  const params = new URLSearchParams({ ticket });
  if (team) params.set("team", team);
  const es = new EventSource(`/api/stream?${params}`);
  source = es;
  es.onopen = () => {
    if (source !== es) return;
    state.pollMs = SAFETY_POLL_MS;
    $("sync").textContent = "Live";
    $("sync").classList.remove("bad");
  };
  es.addEventListener("case", (ev) => {
    if (source !== es) return;
    let item = null;
    try {
      item = JSON.parse(ev.data);
    } catch (_) {
      item = null;
    }
    if (item && String(item.id) === String(state.openId)) openChanged = true;
    clearTimeout(settle);
    settle = setTimeout(update, SETTLE_MS);
  });
  es.onerror = () => {
    if (source !== es) return;
    // CONNECTING: the browser retries by itself. CLOSED: the ticket is
    // spent or refused; ask for a new one. Polling covers the gap.
    state.pollMs = null;
    if (es.readyState === EventSource.CLOSED) retry = setTimeout(connect, RETRY_MS);
  };
}

async function update() {
  const both = openChanged && state.openId && !state.busy;
  openChanged = false;
  try {
    await refreshQueue();
    if (both) await refreshOpenCase();
  } catch (_) {
    /* the poll reports trouble */
  }
}

on("signed-in", connect);
on("signed-out", () => {
  close();
  unsupported = false;
});
// Another team chosen: a stream for that team.
on("queue", () => {
  if (!unsupported && state.token && team !== state.team) connect();
});
