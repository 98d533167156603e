// Signing in and out. The token lives in this tab's sessionStorage only;
// signing out takes every customer off the screen.

import { api } from "./api.js";
import { emit, on } from "./bus.js";
import { $, show } from "./dom.js";
import { TOKEN_KEY, state } from "./state.js";
import { closeCaseView } from "./case-view.js";
import { startPolling, stopPolling } from "./poll.js";
import { loadTeams } from "./teams.js";

const SIGNED_IN_ONLY = ["me", "signout", "help-button", "coverage-button", "app"];

export async function signIn(token, remembered) {
  state.token = token;
  const err = $("signin-error");
  try {
    const me = await api("GET", "/api/me");
    state.me = me && me.name;
    sessionStorage.setItem(TOKEN_KEY, token);
    enterApp();
  } catch (e) {
    state.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    if (e.status === 404) err.textContent = "This server has no agent API (HTTP 404).";
    else if (e.status === 401 && remembered) err.textContent = "Your saved sign-in is no longer accepted. Sign in again.";
    else if (e.status === 401) err.textContent = "That token was not accepted. Check it with your team lead.";
    else err.textContent = e.reason;
    show(err, true);
    show($("signin"), true);
    $("token-input").focus();
  }
}

function enterApp() {
  show($("signin"), false);
  show($("signin-error"), false);
  $("token-input").value = "";
  $("me").textContent = `Signed in as ${state.me}`;
  for (const id of SIGNED_IN_ONLY) show($(id), true);
  $("status-filter").value = state.status;
  loadTeams();
  startPolling();
  $("queue").focus();
  emit("signed-in", state.me);
}

export function signOut(message) {
  stopPolling();
  sessionStorage.removeItem(TOKEN_KEY);
  Object.assign(state, { token: null, me: null, cases: [], open: null, openId: null, selectedId: null });
  state.queueSeq++;
  state.caseSeq++;
  // Nothing of the customers stays on the screen.
  $("queue").replaceChildren();
  closeCaseView();
  for (const id of SIGNED_IN_ONLY) show($(id), false);
  emit("signed-out");
  $("sync").textContent = "";
  document.title = "Care console";
  const err = $("signin-error");
  err.textContent = message || "";
  show(err, Boolean(message));
  show($("signin"), true);
  $("token-input").focus();
}

// Any module that meets a 401 says so; the sign-out happens here.
on("unauthorized", (message) => signOut(message));
