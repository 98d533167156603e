// The open case (right pane): opening it, its header of facts, its earlier
// cases, and drawing it again after each poll or action.

import { api, casePath, TOKEN_REFUSED } from "./api.js";
import { emit, on } from "./bus.js";
import { $, h, show } from "./dom.js";
import { clearError, showError } from "./feedback.js";
import { draftFor, saveDraft } from "./drafts.js";
import { forgetRendered, state } from "./state.js";
import { CLOCK, agentZone, fmt, fmtLocal, ms, offsetOf, relative, serverNow } from "./time.js";
import {
  REPLY_MODES,
  REPLY_MODE_SHORT,
  REPLY_MODE_WORDS,
  channelName,
  kindName,
  labelOf,
  languageName,
  priorityName,
  statusName,
  words,
  zoneName,
  zoneSource,
} from "./words.js";
import { badges, customerName, customerNow, customerZone, inCustomerZone, isMine, waited, windowClosing } from "./case-facts.js";
import { renderActions, renderTranscript } from "./transcript.js";
import { renderCompose, renderTransfer, updateButtons } from "./compose.js";

export async function openCase(id) {
  if (state.openId && state.openId !== id) saveDraft();
  if (state.openId !== id) {
    forgetRendered();
    clearError();
    // The draft now, not when the case arrives: a poll may answer first
    // and the answer of this request would then be dropped.
    $("reply-text").value = draftFor(id);
  }
  state.openId = id;
  // On a phone the case takes the screen; "← Queue" gives it back.
  $("app").classList.add("case-open");
  // The address names the open case, so that a reload comes back to it.
  history.replaceState(null, "", `#case=${encodeURIComponent(id)}`);
  for (const li of $("queue").children) li.classList.toggle("open", li.dataset.caseId === id);
  const seq = ++state.caseSeq;
  try {
    const c = await api("GET", casePath(id));
    if (seq === state.caseSeq && id === state.openId) {
      renderCase(c);
    }
  } catch (e) {
    if (e.status === 401) return emit("unauthorized", TOKEN_REFUSED);
    showError(e);
  }
}

/** Asks for the open case again (each poll); a 404 is shown, other failures thrown. */
export async function refreshOpenCase() {
  const id = state.openId;
  const seq = ++state.caseSeq;
  try {
    const c = await api("GET", casePath(id));
    if (seq === state.caseSeq && id === state.openId) renderCase(c);
  } catch (e) {
    if (e.status === 404 && id === state.openId) showError(e);
    else throw e;
  }
}

export function closeCaseView() {
  forgetRendered();
  for (const id of ["case-header", "transcript", "actions-log", "history"]) $(id).replaceChildren();
  $("reply-text").value = "";
  $("note-text").value = "";
  clearError();
  history.replaceState(null, "", location.pathname + location.search);
  $("app").classList.remove("case-open");
  show($("case-view"), false);
  show($("no-case"), true);
}

function fact(label, testid, ...value) {
  return h("div", { class: "fact" }, h("dt", null, label), h("dd", { "data-testid": testid }, ...value));
}

export function renderCase(c) {
  state.open = c;
  show($("no-case"), false);
  const view = $("case-view");
  view.dataset.caseId = c.id;
  view.dataset.status = c.status;
  show(view, true);
  renderHeader(c);
  renderTranscript(c);
  renderActions(c);
  renderHistory(c);
  renderTransfer(c);
  renderCompose(c);
  updateButtons();
  emit("case", c);
}

function renderHeader(c) {
  const zone = customerZone(c);
  const zoneText = c.customer_time_zone
    ? `${c.time_zone_label || c.utc_offset_label || zoneName(c.customer_time_zone)}, ${zoneSource(c.customer_time_zone_source)}`
    : `zone not known (${zoneSource(c.customer_time_zone_source)})`;
  const wrote = fmt(ms(c.customer_local_time), zone, offsetOf(c.customer_local_time), CLOCK);
  const line = (...parts) => h("div", null, ...parts);
  const sub = (testid, ...parts) => h("div", { class: "sub", "data-testid": testid }, ...parts);

  const promise = c.promised_at
    ? [
        line(h("span", { "data-testid": "promised-customer" }, inCustomerZone(c, c.promised_at))),
        sub("promised-agent", `${fmtLocal(c.promised_at)} yours (${agentZone})`),
      ]
    : [line("nothing"), sub("promised-agent", "the team was open")];

  const due = c.overdue
    ? h("span", { "data-testid": "due-state" }, h("span", { class: "badge overdue" }, "OVERDUE"), ` was due ${relative(c.due_at)}`)
    : h("span", { "data-testid": "due-state" }, relative(c.due_at));

  let windowLine = "no window given";
  if (c.window_closes_at) {
    const past = ms(c.window_closes_at) < serverNow();
    // The server's sentence ("window closes in 2 h", "window closed 3 h
    // ago: only a template can reach the customer"), then the exact time.
    windowLine = h(
      "span",
      { class: windowClosing(c) ? "warn" : null },
      h("span", { "data-testid": "window-note" }, c.window ? c.window.note : `${past ? "closed" : "closes"} ${relative(c.window_closes_at)}`),
      h("span", { class: "sub" }, ` · ${past ? "closed" : "closes"} ${fmtLocal(c.window_closes_at)}`),
    );
  }

  let owner = "nobody";
  if (c.status === "resolved") owner = `resolved by ${c.resolved_by || "?"}, ${fmtLocal(c.resolved_at)}`;
  else if (c.claimed_by) owner = `${isMine(c) ? "you" : c.claimed_by}, since ${fmtLocal(c.claimed_at)}`;

  $("case-header").replaceChildren(
    h(
      "div",
      { class: "title" },
      h("h2", { "data-testid": "case-title" }, customerName(c)),
      h("span", { class: "case-id", "data-testid": "case-id" }, `case ${c.id}`),
      h("span", { class: `status s-${c.status}`, "data-testid": "case-status" }, labelOf(c, "status", statusName)),
      h("span", { class: "badges" }, badges(c)),
      h(
        "span",
        { class: "where" },
        h("span", { "data-testid": "fact-channel", title: c.account ? `account ${c.account}` : null }, labelOf(c, "channel", channelName)),
        " · ",
        h("span", { "data-testid": "fact-language" }, languageName(c.language)),
        " · team ",
        h("span", { "data-testid": "fact-team" }, c.team || "–"),
      ),
    ),
    h(
      "dl",
      { class: "facts" },
      fact("Customer's time", "fact-local-time", line(`now ${customerNow(c)} · wrote ${wrote}`), sub("fact-zone", zoneText)),
      fact("Promised (their time)", "fact-promised", ...promise),
      fact("Due (their time)", "fact-due", line(inCustomerZone(c, c.due_at)), line(due)),
      fact(
        "Reply window",
        "fact-window",
        line(
          h("strong", { "data-testid": "reply-mode", "data-mode": c.reply_mode, title: REPLY_MODES[c.reply_mode] || null }, c.reply_mode_label || REPLY_MODE_WORDS[c.reply_mode] || "–"),
          h("span", { class: "sub" }, ` ${REPLY_MODE_SHORT[c.reply_mode] || ""}`),
        ),
        line(windowLine),
      ),
      fact(
        "Kind",
        "fact-kind",
        `${labelOf(c, "kind", kindName)}${c.intent ? ` · ${words(c.intent)}` : ""}`,
        h("span", { class: "sub" }, ` · ${labelOf(c, "priority", priorityName).toLowerCase()} priority`),
      ),
      fact("Owner", "fact-owner", owner),
      fact("Opened", "fact-opened", `${fmtLocal(c.opened_at)} · ${waited(c)}`),
      fact("Customer id", "fact-customer-id", (c.customer && c.customer.id) || "–"),
    ),
  );
}

function renderHistory(c) {
  const hist = c.history || { earlier_cases: 0, cases: [] };
  const key = JSON.stringify(hist);
  if (key === state.rendered.history) return;
  state.rendered.history = key;
  const cases = hist.cases || [];
  const count = hist.earlier_cases || cases.length;
  const items = cases.map((e) =>
    h(
      "li",
      { "data-testid": "history-case" },
      h("button", { type: "button", class: "link", onclick: () => openCase(e.id) }, `case ${e.id}`),
      ` ${e.kind ? kindName(e.kind) : ""} · opened ${fmtLocal(e.opened_at)}`,
      e.resolved_at ? ` · ${(e.outcome || "resolved").replace(/_/g, " ")} by ${e.resolved_by || "?"} ${fmtLocal(e.resolved_at)}` : "",
    ),
  );
  $("history").replaceChildren(
    h("p", { class: "sub" }, count ? `${count} earlier case${count === 1 ? "" : "s"}` : "None: first contact."),
    ...(items.length ? [h("ul", null, items)] : []),
  );
}

/** The case named in the address (`#case=17`), if any. */
export function caseInAddress() {
  const m = /^#case=(.+)$/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

// After a reload the address still names the case: open it again (and
// highlight its row once the queue is drawn).
on("signed-in", () => {
  const id = caseInAddress();
  if (!id) return;
  state.selectedId = id;
  openCase(id);
});

$("back-to-queue").addEventListener("click", () => {
  $("app").classList.remove("case-open");
  $("queue").focus();
});
