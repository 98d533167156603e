// What a case says at a glance, shared by the queue and the case view: the
// customer's name and clock, the wait, and the marks (overdue, window, claimed).

import { h } from "./dom.js";
import { state, WINDOW_WARNING_MS } from "./state.js";
import { CLOCK, fmt, ms, offsetOf, serverNow, duration, validZone } from "./time.js";

export const customerName = (c) => (c.customer && (c.customer.name || c.customer.id)) || "Unknown customer";
export const customerZone = (c) => validZone(c.customer_time_zone);

/** The customer's clock now, in their zone or at the offset they wrote from. */
export function customerNow(c) {
  return fmt(serverNow(), customerZone(c), offsetOf(c.customer_local_time), CLOCK);
}

/** A time of the customer's (promised_at, due_at): in their zone. */
export function inCustomerZone(c, s) {
  return fmt(ms(s), customerZone(c), offsetOf(s));
}

export function windowClosing(c) {
  if (c.status === "resolved") return false;
  if (c.reply_mode === "closed") return true;
  const closes = ms(c.window_closes_at);
  return !Number.isNaN(closes) && closes - serverNow() < WINDOW_WARNING_MS;
}

export function waited(c) {
  const end = ms(c.first_human_reply_at) || ms(c.resolved_at) || serverNow();
  const label = c.first_human_reply_at || c.resolved_at ? "waited" : "waiting";
  return `${label} ${duration(end - ms(c.opened_at))}`;
}

export const isMine = (c) => c.claimed_by && c.claimed_by === state.me;

export function badges(c) {
  const out = [];
  if (c.overdue) out.push(h("span", { class: "badge overdue", "data-testid": "mark-overdue" }, "OVERDUE"));
  // An escalation chain (escalation.js shows who was alerted on the open case).
  const e = c.escalation;
  if (e && c.status !== "resolved") {
    const text = e.acknowledged_at ? "Escalated · acknowledged" : e.exhausted_at ? "Escalated · nobody answered" : "Escalated";
    out.push(h("span", { class: "badge escalated", "data-testid": "mark-escalated" }, text));
  }
  // A case from a public comment under a post (comments.js shows them on the open case).
  if (Array.isArray(c.comments) && c.comments.length) {
    out.push(h("span", { class: "badge comment", "data-testid": "mark-comment" }, "Public comment"));
  }
  if (windowClosing(c)) {
    const text = c.reply_mode === "closed" ? "Window closed" : "Window closing";
    out.push(h("span", { class: "badge window", "data-testid": "mark-window" }, text));
  }
  if (c.claimed_by && c.status !== "resolved") {
    const who = isMine(c) ? "you" : c.claimed_by;
    out.push(
      h("span", { class: isMine(c) ? "badge claimed mine" : "badge claimed", "data-testid": "mark-claimed" }, `Claimed by ${who}`),
    );
  }
  if (c.status === "resolved") {
    out.push(h("span", { class: "badge resolved", "data-testid": "mark-resolved" }, "Resolved"));
  }
  return out;
}
