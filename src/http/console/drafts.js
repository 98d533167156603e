// Half-written replies, kept per case while the agent looks at another one.

import { $ } from "./dom.js";
import { state } from "./state.js";

/** Keeps what the reply box holds for the open case. */
export function saveDraft() {
  const text = $("reply-text").value;
  if (text) state.drafts.set(state.openId, text);
  else state.drafts.delete(state.openId);
}

export const draftFor = (id) => state.drafts.get(id) || "";

/** Sent: nothing to keep. */
export const dropDraft = (id) => state.drafts.delete(id);

export const dropAllDrafts = () => state.drafts.clear();
