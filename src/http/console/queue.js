// The queue (left pane): asking for the list, drawing its rows and the
// highlighted row that j/k move and Enter opens.

import { api } from "./api.js";
import { emit } from "./bus.js";
import { $, h, show } from "./dom.js";
import { state } from "./state.js";
import { ms } from "./time.js";
import { channelName, kindName, labelOf, priorityName } from "./words.js";
import { badges, customerName, customerNow, waited } from "./case-facts.js";
import { openCase } from "./case-view.js";

/**
 * Cases one list shows at most: a page costs the server the page, not the
 * queue; past that the count says how many there are and the agent narrows
 * the search.
 */
const SEARCH_LIMIT = 200;
/** Pages one refresh follows to fill a search (each looks at up to 5,000 cases). */
const SEARCH_PAGES = 5;

export async function refreshQueue() {
  const seq = ++state.queueSeq;
  let path = `/api/cases?status=${encodeURIComponent(state.status)}`;
  if (state.team) path += `&team=${encodeURIComponent(state.team)}`;
  const search = Object.entries(state.search).filter(([, v]) => v);
  for (const [k, v] of search) path += `&${k}=${encodeURIComponent(v)}`;
  path += `&limit=${SEARCH_LIMIT}`;
  let data = await api("GET", path);
  if (seq !== state.queueSeq) return;
  if (data && data.now) {
    const now = ms(data.now);
    if (!Number.isNaN(now)) state.clockOffset = now - Date.now();
  }
  const cases = (data && data.cases) || [];
  const total = data && typeof data.total === "number" ? data.total : null;
  // A search may answer a short page with a cursor: it looked at its share
  // of the queue and there is more to look at.
  for (let i = 1; search.length && data && data.next_cursor && cases.length < SEARCH_LIMIT && i < SEARCH_PAGES; i++) {
    data = await api("GET", `${path}&cursor=${encodeURIComponent(data.next_cursor)}`);
    if (seq !== state.queueSeq) return;
    cases.push(...((data && data.cases) || []));
  }
  state.listed = { total, more: Boolean(data && data.next_cursor), paged: Boolean(data && "next_cursor" in data) };
  state.cases = cases;
  renderQueue();
}

/** Draws the list again from state.cases (a pushed change). */
export const redrawQueue = () => renderQueue();

function renderQueue() {
  const list = $("queue");
  const cases = state.cases;
  if (!cases.some((c) => c.id === state.selectedId)) {
    const before = state.lastIndex || 0;
    state.selectedId = cases.length ? cases[Math.min(before, cases.length - 1)].id : null;
  }
  const items = cases.map((c) => queueItem(c));
  list.replaceChildren(...items);
  show($("queue-empty"), cases.length === 0);
  const waiting = cases.filter((c) => c.status === "waiting").length;
  const overdue = cases.filter((c) => c.overdue).length;
  const { total, more } = state.listed;
  const shown =
    total !== null && total > cases.length
      ? `${cases.length} of ${total} cases`
      : `${cases.length}${more ? "+" : ""} case${cases.length === 1 && !more ? "" : "s"}`;
  $("queue-count").textContent =
    shown +
    (state.status === "open" ? `, ${waiting} waiting` : "") +
    (overdue ? `, ${overdue} overdue` : "") +
    (more ? " (narrow the search to see the rest)" : "");
  document.title = waiting ? `(${waiting}) Care console` : "Care console";
  markSelected(false);
  emit("queue", cases);
}

function queueItem(c) {
  const classes = ["case-item"];
  if (c.id === state.openId) classes.push("open");
  if (c.overdue) classes.push("is-overdue");
  return h(
    "li",
    {
      id: `case-${c.id}`,
      class: classes.join(" "),
      role: "option",
      "aria-selected": "false",
      "data-testid": "case-item",
      "data-case-id": c.id,
      "data-status": c.status,
      onclick: () => {
        select(c.id);
        openCase(c.id);
      },
    },
    h(
      "div",
      { class: "row" },
      h("span", { class: "customer", "data-testid": "case-customer" }, customerName(c)),
      h("span", { class: "badges" }, badges(c)),
    ),
    h(
      "div",
      { class: "row meta" },
      h("span", { "data-testid": "case-channel" }, labelOf(c, "channel", channelName)),
      h("span", { "data-testid": "case-language" }, (c.language || "–").toUpperCase()),
      h("span", { "data-testid": "case-local-time", title: "The customer's clock now" }, `${customerNow(c)} there`),
      h("span", { "data-testid": "case-team" }, c.team || "no team"),
    ),
    h(
      "div",
      { class: "row meta" },
      h("span", { class: `priority p-${c.priority}`, "data-testid": "case-priority" }, labelOf(c, "priority", priorityName)),
      c.kind !== c.priority ? h("span", { "data-testid": "case-kind" }, labelOf(c, "kind", kindName)) : null,
      h("span", { class: "waited", "data-testid": "case-waiting" }, waited(c)),
    ),
  );
}

export function select(id) {
  state.selectedId = id;
  markSelected(true);
}

function markSelected(scroll) {
  const list = $("queue");
  let active = null;
  for (const li of list.children) {
    const on = li.dataset.caseId === state.selectedId;
    li.setAttribute("aria-selected", on ? "true" : "false");
    li.classList.toggle("selected", on);
    if (on) active = li;
  }
  if (active) {
    list.setAttribute("aria-activedescendant", active.id);
    state.lastIndex = Array.prototype.indexOf.call(list.children, active);
    if (scroll) active.scrollIntoView({ block: "nearest" });
  } else {
    list.removeAttribute("aria-activedescendant");
  }
}

/** Moves the highlight `step` rows down (up when negative). */
export function move(step) {
  const cases = state.cases;
  if (!cases.length) return;
  let i = cases.findIndex((c) => c.id === state.selectedId);
  i = i < 0 ? 0 : Math.max(0, Math.min(cases.length - 1, i + step));
  select(cases[i].id);
}
