// Escalations in the console: on the open case, the plan's chain and who was
// alerted (and how it went); and the link of an alert
// (`/console?acknowledge=17#case=17`) acknowledging the case once signed in,
// which claims it and stops the chain (POST /api/cases/{id}/acknowledge).
// The queue's "Escalated" mark is in case-facts.js (badges).

import { api, casePath, TOKEN_REFUSED } from "./api.js";
import { emit, on } from "./bus.js";
import { $, h, show } from "./dom.js";
import { renderCase } from "./case-view.js";
import { showError, toast } from "./feedback.js";
import { state } from "./state.js";
import { fmtLocal } from "./time.js";

const TRIGGERS = {
  urgent_after_hours: "urgent while the team was closed",
  repeat_writer: "the customer kept writing while waiting",
};

/** The chain's state in a few words. */
function how(e) {
  if (e.acknowledged_at) return `Acknowledged by ${e.acknowledged_by || "a person"} at ${fmtLocal(e.acknowledged_at)}`;
  if (e.exhausted_at) return `Nobody acknowledged: every contact was alerted (${fmtLocal(e.exhausted_at)})`;
  const next = e.chain[e.next_step];
  return next ? `Running: next is ${next.contact}` : "Running: waiting for the last contact";
}

function render(c) {
  const e = c.escalation;
  show($("escalation-section"), Boolean(e));
  if (!e) return $("escalation").replaceChildren();
  const alerts = (e.alerts || []).map((a) =>
    h(
      "li",
      { class: a.outcome === "sent" ? "alert sent" : "alert failed", "data-testid": "escalation-alert" },
      h("strong", null, a.name),
      ` · step ${a.step + 1} · ${fmtLocal(a.at)} · `,
      a.outcome,
    ),
  );
  $("escalation").replaceChildren(
    h("p", { class: "sub" }, `Escalated: ${TRIGGERS[e.trigger] || e.trigger} (plan ${e.plan})`),
    h("p", { "data-testid": "escalation-state" }, how(e)),
    alerts.length ? h("ol", { class: "escalation-alerts" }, alerts) : h("p", { class: "sub" }, "Nobody alerted yet."),
  );
}

/** The alert's link: acknowledge the case it names, then show it as it is now. */
async function acknowledgeFromLink() {
  const params = new URLSearchParams(location.search);
  const id = params.get("acknowledge");
  if (!id) return;
  // Once: a reload must not acknowledge again.
  history.replaceState(null, "", location.pathname + location.hash);
  try {
    const c = await api("POST", casePath(id, "acknowledge"));
    if (state.openId === id) renderCase(c);
    toast(`Case ${id} acknowledged: it is yours, and nobody else is alerted.`);
  } catch (err) {
    if (err.status === 401) return emit("unauthorized", TOKEN_REFUSED);
    showError(err);
  }
}

on("case", render);
on("signed-in", acknowledgeFromLink);
