// Half-written replies, one per agent and case in this browser's
// localStorage: they outlive a reload and a look at another case, and go
// when the reply is sent or the agent signs out.

import { $ } from "./dom.js";
import { state } from "./state.js";

const PREFIX = "afterhours.console.draft.";
const key = (id) => `${PREFIX}${state.me}.${id}`;

// A browser that refuses storage (private mode, full quota) only loses the
// keeping of drafts, never the text in the box.
function store(fn) {
  try {
    return fn(localStorage);
  } catch (_) {
    return null;
  }
}

/** Keeps what the reply box holds for the open case. */
export function saveDraft() {
  const id = state.openId;
  if (!id || !state.me) return;
  const text = $("reply-text").value;
  store((s) => (text.trim() ? s.setItem(key(id), text) : s.removeItem(key(id))));
}

export const draftFor = (id) => store((s) => s.getItem(key(id))) || "";

/** Sent: nothing to keep. */
export const dropDraft = (id) => store((s) => s.removeItem(key(id)));

/** Every draft of the signed-in agent (signing out of a shared computer). */
export function dropAllDrafts() {
  const mine = `${PREFIX}${state.me}.`;
  store((s) => {
    for (const k of Object.keys(s)) if (k.startsWith(mine)) s.removeItem(k);
  });
}

$("reply-text").addEventListener("input", saveDraft);
