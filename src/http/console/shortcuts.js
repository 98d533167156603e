// The keyboard: single keys on the queue and the case, Ctrl+Enter and Esc
// in text fields. Keys are not taken while the agent types.

import { $, typingIn } from "./dom.js";
import { state } from "./state.js";
import { addNote, claimHighlighted, sendReply } from "./actions.js";
import { resolveHighlighted, undoResolve } from "./resolve.js";
import { openCase } from "./case-view.js";
import { move } from "./queue.js";

export function onKey(ev) {
  if ($("app").hidden || ev.defaultPrevented) return;
  if ($("help").open) return;
  const t = ev.target;
  if (typingIn(t)) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      if (t.id === "reply-text") sendReply();
      else if (t.id === "note-text") addNote();
      else return;
      ev.preventDefault();
    } else if (ev.key === "Escape" && t.tagName !== "SELECT") {
      t.blur();
      $("queue").focus();
    }
    return;
  }
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  switch (ev.key) {
    case "j":
    case "ArrowDown":
      move(1);
      break;
    case "k":
    case "ArrowUp":
      move(-1);
      break;
    case "Enter":
      // On a button, Enter presses the button.
      if (t !== $("queue") && t !== document.body) return;
      if (state.selectedId) openCase(state.selectedId);
      break;
    case "c":
      claimHighlighted();
      break;
    case "r":
      if (!state.open) return;
      $("reply-text").focus();
      break;
    case "n":
      if (!state.open) return;
      $("note-text").focus();
      break;
    case "e":
      resolveHighlighted();
      break;
    case "u":
      if (!undoResolve()) return;
      break;
    case "?":
      $("help").showModal();
      break;
    default:
      return;
  }
  ev.preventDefault();
}
