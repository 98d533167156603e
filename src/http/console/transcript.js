// The open case's conversation and its log of actions, redrawn only when
// they changed (so a poll does not move the agent's scroll or selection).

import { $, h } from "./dom.js";
import { state } from "./state.js";
import { fmtLocal } from "./time.js";
import { customerName } from "./case-facts.js";
import { actionDetail, actionName, channelName } from "./words.js";

function deliveryText(entry) {
  const d = entry.delivery;
  if (!d) return null;
  if (d === "failed") return null;
  const words = { sending: "sending…", sent: "sent", retrying: "retrying…" };
  return h("span", { class: `delivery d-${d}`, "data-testid": "delivery" }, words[d] || d);
}

function errorText(err) {
  if (!err) return "no reason given";
  if (typeof err === "string") return err;
  const parts = [err.reason || err.message || err.error || JSON.stringify(err)];
  if (err.code !== undefined) parts.push(`code ${err.code}`);
  return parts.join(", ");
}

export function renderTranscript(c) {
  const entries = c.transcript || [];
  const key = JSON.stringify(entries);
  if (key === state.rendered.transcript) return;
  const first = state.rendered.transcript === "";
  state.rendered.transcript = key;
  const list = $("transcript");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const last = entries[entries.length - 1];
  const grew = entries.length > list.children.length;
  const mine = last && last.from === "agent" && last.by === state.me;
  // Linked cases merge their transcripts: each message says where it was written.
  const merged = entries.some((e) => (e.case && String(e.case) !== String(c.id)) || (e.channel && e.channel !== c.channel));
  const items = entries.map((e, i) => {
    const note = Boolean(e.internal);
    const kind = note ? "note" : e.from;
    let who;
    if (note) who = `Internal note by ${e.by || "?"} — not sent to the customer`;
    else if (e.from === "customer") who = customerName(c);
    else if (e.from === "bot") who = "Bot";
    else who = e.by || "Agent";
    const failed = e.delivery === "failed";
    return h(
      "li",
      {
        class: `msg from-${kind}${failed ? " failed" : ""}`,
        "data-testid": "msg",
        "data-from": e.from,
        "data-internal": note ? "true" : null,
        "data-delivery": e.delivery || null,
        "data-index": i,
        "data-case": e.case || null,
      },
      h(
        "div",
        { class: "msg-meta" },
        h("span", { class: "who" }, who),
        e.from === "bot" ? h("span", { class: "badge automated" }, "automated") : null,
        merged && e.channel
          ? h(
              "span",
              { class: "badge via", "data-testid": "msg-channel" },
              `${channelName(e.channel)}${e.case && String(e.case) !== String(c.id) ? ` · case ${e.case}` : ""}`,
            )
          : null,
        h("time", { datetime: e.at || "" }, fmtLocal(e.at)),
        deliveryText(e),
      ),
      h("div", { class: "text", "data-testid": "msg-text" }, e.text || ""),
      e.attachments && e.attachments.length
        ? h("div", { class: "attachments", "data-testid": "attachments" }, `Attachment: ${e.attachments.join(", ")}`)
        : null,
      failed
        ? h("div", { class: "msg-error", "data-testid": "delivery-error" }, `Not delivered: ${errorText(e.error)}`)
        : null,
      e.delivery === "retrying" && e.error
        ? h("div", { class: "msg-retry", "data-testid": "delivery-retry" }, `Retrying: ${errorText(e.error)}`)
        : null,
    );
  });
  list.replaceChildren(...items);
  if (first || atBottom || (grew && mine)) list.scrollTop = list.scrollHeight;
}

export function renderActions(c) {
  const actions = c.actions || [];
  const key = JSON.stringify(actions);
  if (key === state.rendered.actions) return;
  state.rendered.actions = key;
  $("actions-log").replaceChildren(
    ...actions.map((a) =>
      h(
        "li",
        { "data-testid": "action", "data-action": a.action },
        h("time", { datetime: a.at || "" }, fmtLocal(a.at)),
        " ",
        h("strong", null, a.by || "?"),
        ` ${actionName(a.action)}`,
        a.detail ? h("span", { class: "sub" }, ` · ${actionDetail(a.action, a.detail)}`) : null,
      ),
    ),
  );
}
