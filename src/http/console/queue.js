// The queue (left pane): asking for the list, drawing its rows and the
// highlighted row that j/k move and Enter opens.

import { api } from "./api.js";
import { emit } from "./bus.js";
import { $, h, show } from "./dom.js";
import { state } from "./state.js";
import { ms } from "./time.js";
import { channelName, kindName, priorityName } from "./words.js";
import { badges, customerName, customerNow, waited } from "./case-facts.js";
import { openCase } from "./case-view.js";

export async function refreshQueue() {
  const seq = ++state.queueSeq;
  let path = `/api/cases?status=${encodeURIComponent(state.status)}`;
  if (state.team) path += `&team=${encodeURIComponent(state.team)}`;
  const data = await api("GET", path);
  if (seq !== state.queueSeq) return;
  if (data && data.now) {
    const now = ms(data.now);
    if (!Number.isNaN(now)) state.clockOffset = now - Date.now();
  }
  state.cases = (data && data.cases) || [];
  renderQueue();
}

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
  $("queue-count").textContent =
    `${cases.length} case${cases.length === 1 ? "" : "s"}` +
    (state.status === "open" ? `, ${waiting} waiting` : "") +
    (overdue ? `, ${overdue} overdue` : "");
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
      h("span", { "data-testid": "case-channel" }, channelName(c.channel)),
      h("span", { "data-testid": "case-language" }, (c.language || "–").toUpperCase()),
      h("span", { "data-testid": "case-local-time", title: "The customer's clock now" }, `${customerNow(c)} there`),
      h("span", { "data-testid": "case-team" }, c.team || "no team"),
    ),
    h(
      "div",
      { class: "row meta" },
      h("span", { class: `priority p-${c.priority}`, "data-testid": "case-priority" }, priorityName(c.priority)),
      c.kind !== c.priority ? h("span", { "data-testid": "case-kind" }, kindName(c.kind)) : null,
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
