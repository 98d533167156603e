// The care console's entry module. Plain ES modules, no framework, no build
// step, no other origin: they talk only to the agent API on this server
// (docs/agent-api.md). docs/console.md, "How the modules fit", says how to
// add one: a file beside this one and one import line below.

import { $ } from "./dom.js";
import { TOKEN_KEY, state } from "./state.js";
import { addNote, claim, release, sendReply, sendTemplate, transfer, useOpener } from "./actions.js";
import { renderTemplate } from "./compose.js";
import { loadFilters, onFilterChange } from "./filters.js";
import { signIn, signOut } from "./session.js";
import { dropAllDrafts } from "./drafts.js";
import { onKey } from "./shortcuts.js";
// Modules that wire themselves on import:
import "./coverage.js";
import "./resolve.js";
import "./alerts.js";
import "./search.js";
import "./replies.js";
import "./link.js";
import "./stream.js";
import "./escalation.js";
import "./comments.js";

function start() {
  loadFilters();
  $("signin-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const token = $("token-input").value.trim();
    if (token) signIn(token, false);
  });
  // Signing out on purpose forgets the drafts too; a refused token keeps
  // them for the next sign-in.
  $("signout").addEventListener("click", () => {
    dropAllDrafts();
    signOut("");
  });
  $("help-button").addEventListener("click", () => $("help").showModal());
  $("help-close").addEventListener("click", () => $("help").close());
  $("status-filter").addEventListener("change", onFilterChange);
  $("team-filter").addEventListener("change", onFilterChange);
  $("claim").addEventListener("click", claim);
  $("release").addEventListener("click", release);
  $("transfer").addEventListener("click", transfer);
  $("send-reply").addEventListener("click", sendReply);
  $("send-template").addEventListener("click", sendTemplate);
  $("template-first-name").addEventListener("change", () => state.open && renderTemplate(state.open));
  $("add-note").addEventListener("click", addNote);
  $("use-opener").addEventListener("click", useOpener);
  document.addEventListener("keydown", onKey);

  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) signIn(saved, true);
  else $("token-input").focus();
}

start();
