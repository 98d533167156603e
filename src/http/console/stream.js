// Push instead of poll: an EventSource per team on GET /api/stream
// (Server-Sent Events; each event is one case as the list shows it). A
// changed case is put in its place in the list at once (or taken off it);
// while every stream is live the poll slows to a safety net. A dropped
// stream is resumed by the browser with Last-Event-ID; a refused one (its
// ticket expired) is opened again with a new ticket and the list reloaded.
// Without the stream (404) the console simply keeps polling.
//
// Streams are opened with short-lived tickets from POST /api/stream/ticket,
// so that the token itself never goes into a URL (which lands in logs).

import { api } from "./api.js";
import { on } from "./bus.js";
import { state } from "./state.js";
import { refreshOpenCase } from "./case-view.js";
import { redrawQueue, refreshQueue } from "./queue.js";

const SAFETY_POLL_MS = 30000;
const RETRY_MS = 5000;
/** "All teams" streams every team at once up to this many (a browser keeps 6 connections per server). */
const MAX_STREAMS = 4;
const RANK = { urgent: 0, complaint: 1, normal: 2, low: 3 };

const sources = new Map(); // team -> EventSource
let wanted = null; // the team filter the streams are for
let unsupported = false;
let retry = null;
let reload = null;
let generation = 0; // ends a connect() that a newer one replaced

function closeAll() {
  for (const es of sources.values()) es.close();
  sources.clear();
  clearTimeout(retry);
  state.pollMs = null;
}

function allLive() {
  return sources.size > 0 && [...sources.values()].every((es) => es.readyState === EventSource.OPEN);
}

async function connect() {
  const gen = ++generation;
  closeAll();
  wanted = state.team;
  if (unsupported || !state.token || typeof window.EventSource !== "function") return;
  const teams = state.team ? [state.team] : state.teams.map((t) => t.id);
  if (!teams.length || teams.length > MAX_STREAMS) return;
  for (const team of teams) {
    let ticket;
    try {
      const answer = await api("POST", "/api/stream/ticket", {});
      ticket = answer && answer.ticket;
    } catch (e) {
      if (gen !== generation) return;
      if (e.status === 404 || e.status === 405) unsupported = true;
      else retry = setTimeout(connect, RETRY_MS);
      return closeAll();
    }
    if (gen !== generation || !ticket || !state.token) return;
    open(team, ticket);
  }
}

function open(team, ticket) {
  const es = new EventSource(`/api/stream?${new URLSearchParams({ team, ticket })}`);
  sources.set(team, es);
  es.onopen = () => {
    if (sources.get(team) !== es) return;
    if (allLive()) state.pollMs = SAFETY_POLL_MS;
    // What changed while no stream was open: the list as it is now.
    reloadSoon();
  };
  es.addEventListener("case", (ev) => {
    if (sources.get(team) !== es) return;
    try {
      apply(JSON.parse(ev.data));
    } catch (_) {
      reloadSoon();
    }
  });
  es.addEventListener("reset", () => reloadSoon());
  es.onerror = () => {
    if (sources.get(team) !== es) return;
    state.pollMs = null; // polling covers the gap
    // CONNECTING: the browser retries by itself, with Last-Event-ID.
    // CLOSED: refused (the ticket expired): start again with new tickets.
    if (es.readyState === EventSource.CLOSED) {
      clearTimeout(retry);
      retry = setTimeout(connect, RETRY_MS);
    }
  };
}

function reloadSoon() {
  clearTimeout(reload);
  reload = setTimeout(() => refreshQueue().catch(() => {}), 100);
}

function order(a, b) {
  const rank = (c) => (c.priority in RANK ? RANK[c.priority] : 9);
  const t = (s) => Date.parse(s || "") || 0;
  return rank(a) - rank(b) || t(a.due_at) - t(b.due_at) || t(a.opened_at) - t(b.opened_at);
}

function listedHere(c) {
  const status = state.status === "open" ? ["waiting", "claimed"] : [state.status];
  return status.includes(c.status) && (!state.team || c.team === state.team);
}

/** One changed case: into its place, out of the list, or (searching) a reload. */
function apply(c) {
  if (!c || c.id === undefined) return reloadSoon();
  const id = String(c.id);
  if (id === String(state.openId) && !state.busy) refreshOpenCase().catch(() => {});
  // Whether it matches a search only the server can say.
  if (Object.values(state.search).some(Boolean)) return reloadSoon();
  const rest = state.cases.filter((x) => String(x.id) !== id);
  if (listedHere(c)) {
    rest.push(c);
    rest.sort(order);
  }
  state.cases = rest;
  redrawQueue();
}

on("signed-in", connect);
on("signed-out", () => {
  closeAll();
  unsupported = false;
  wanted = null;
});
// Another team chosen, or the teams known: streams for them.
on("teams", () => {
  if (!unsupported && state.token && !state.team) connect();
});
on("queue", () => {
  if (!unsupported && state.token && wanted !== state.team) connect();
});
