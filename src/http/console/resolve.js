// Resolving with a way back: the request waits UNDO_MS behind a bar with an
// Undo button (and the `u` key), because a resolved case leaves the queue
// and the bot takes the conversation back. Only then is it sent.

import { casePath } from "./api.js";
import { on } from "./bus.js";
import { $, show } from "./dom.js";
import { toast } from "./feedback.js";
import { state } from "./state.js";
import { act } from "./actions.js";
import { openCase } from "./case-view.js";
import { updateButtons } from "./compose.js";

export const UNDO_MS = 6000;

/** The one resolution waiting to be sent: `{ id, timer, sendAt }`. */
let pending = null;

const isPending = (id) => pending !== null && pending.id === id;

/** Starts the countdown for case `id`; an earlier one is sent at once. */
export function resolveLater(id) {
  if (!id || isPending(id)) return;
  if (pending) sendNow();
  const sendAt = Date.now() + UNDO_MS;
  pending = { id, sendAt, timer: setTimeout(sendNow, UNDO_MS) };
  $("undo-text").textContent = `Case ${id} will be resolved in ${UNDO_MS / 1000} s.`;
  $("undo").dataset.caseId = id;
  $("undo").dataset.sendAt = String(sendAt);
  show($("undo"), true);
  paintResolveButton();
}

function sendNow() {
  if (!pending) return;
  // Another action of the agent's is on its way: this one goes right after.
  if (state.busy) {
    clearTimeout(pending.timer);
    pending.timer = setTimeout(sendNow, 300);
    return;
  }
  const { id, timer } = pending;
  clearTimeout(timer);
  pending = null;
  hideBar();
  act("resolve", undefined, `Case ${id} resolved`, id);
}

/** Takes the waiting resolution back; true when there was one. */
export function undoResolve() {
  if (!pending) return false;
  clearTimeout(pending.timer);
  const id = pending.id;
  pending = null;
  hideBar();
  toast(`Case ${id} stays open.`);
  return true;
}

function hideBar() {
  show($("undo"), false);
  delete $("undo").dataset.caseId;
  paintResolveButton();
}

function paintResolveButton() {
  const waiting = state.open && isPending(state.open.id);
  if (!waiting) return updateButtons();
  // Resolving already: a second press would only restart the countdown.
  $("resolve").disabled = true;
}

/** The Resolve button: the open case. */
export function resolveOpen() {
  if (state.open && state.open.status !== "resolved" && !$("resolve").disabled) resolveLater(state.open.id);
}

/** `e`: the highlighted row's case, opened first so the agent sees what goes. */
export async function resolveHighlighted() {
  const id = state.selectedId || state.openId;
  if (!id) return;
  if (!state.open || state.open.id !== id) await openCase(id);
  if (state.open && state.open.id === id) resolveOpen();
}

$("resolve").addEventListener("click", resolveOpen);
$("undo-button").addEventListener("click", undoResolve);
on("case", paintResolveButton);
// Signing out drops a resolution not yet sent: it needs the token.
on("signed-out", () => {
  if (!pending) return;
  clearTimeout(pending.timer);
  pending = null;
  hideBar();
});
// Leaving or reloading the page sends it, as the agent asked.
window.addEventListener("pagehide", () => {
  if (!pending || !state.token) return;
  const headers = { Authorization: `Bearer ${state.token}` };
  fetch(casePath(pending.id, "resolve"), { method: "POST", headers, keepalive: true, credentials: "omit" }).catch(() => {});
});
