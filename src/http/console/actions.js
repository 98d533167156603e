// What an agent does to the open case: claim, release, transfer, reply,
// note, template, resolve. Each is one POST; the answer is drawn at once.

import { api, casePath, TOKEN_REFUSED } from "./api.js";
import { emit } from "./bus.js";
import { $ } from "./dom.js";
import { clearError, showError, toast } from "./feedback.js";
import { dropDraft } from "./drafts.js";
import { state } from "./state.js";
import { openCase, refreshOpenCase, renderCase } from "./case-view.js";
import { updateButtons } from "./compose.js";
import { refreshQueue } from "./queue.js";

/** POSTs an action on case `caseId` (the open case by default); true when it went through. */
export async function act(action, body, done, caseId) {
  const id = caseId || (state.open && state.open.id);
  if (!id || state.busy) return false;
  state.busy = true;
  updateButtons();
  clearError();
  state.caseSeq++; // a poll already under way must not paint over the answer
  try {
    const after = await api("POST", casePath(id, action), body);
    if (id === state.openId) renderCase(after);
    toast(done);
    return true;
  } catch (e) {
    if (e.status === 401) {
      emit("unauthorized", TOKEN_REFUSED);
      return false;
    }
    if (id === state.openId) {
      showError(e);
      if (e.body && e.body.case) renderCase(e.body.case);
      else refreshOpenCase().catch(() => {});
    } else {
      // A case no longer on screen (a resolve sent after its undo time).
      toast(`Case ${id}: ${e.reason}`);
    }
    return false;
  } finally {
    state.busy = false;
    updateButtons();
    refreshQueue().catch(() => {});
  }
}

/** The Claim button: the open case. */
export async function claim() {
  if (state.open && state.open.status === "waiting") await act("claim", undefined, `You claimed case ${state.open.id}`);
}

/**
 * `c`: the highlighted row's case, which may not be the open one. It is
 * opened first, so that the agent sees what they took.
 */
export async function claimHighlighted() {
  const id = state.selectedId || state.openId;
  if (!id) return;
  if (state.openId !== id || !state.open || state.open.id !== id) await openCase(id);
  if (state.open && state.open.id === id && state.open.status === "waiting") {
    await act("claim", undefined, `You claimed case ${id}`);
  }
}

export const release = () => act("release", undefined, "Released: back to waiting");

export async function sendReply() {
  const box = $("reply-text");
  const text = box.value.trim();
  if (!state.open || $("send-reply").disabled) return;
  if (!text) {
    box.focus();
    return;
  }
  const id = state.open.id;
  if (await act("reply", { text }, "Reply sent")) {
    if (state.openId === id) box.value = "";
    dropDraft(id);
  }
}

export function sendTemplate() {
  const name = $("template-first-name").value.trim();
  const body = name ? { parameters: { first_name: name } } : {};
  act("template", body, "Template sent");
}

export async function addNote() {
  const box = $("note-text");
  const text = box.value.trim();
  if (!state.open || $("add-note").disabled || !text) return;
  if (await act("note", { text }, "Note added")) box.value = "";
}

export function transfer() {
  const team = $("transfer-team").value;
  if (!team) {
    $("transfer-team").focus();
    return;
  }
  act("transfer", { team }, `Transferred to ${team}`);
}


export function useOpener() {
  const opener = state.open && state.open.suggested_opener;
  if (!opener) return;
  const box = $("reply-text");
  const rest = box.value.trim();
  if (!rest.startsWith(opener)) box.value = rest ? `${opener} ${rest}` : `${opener} `;
  box.focus();
  box.setSelectionRange(box.value.length, box.value.length);
}
