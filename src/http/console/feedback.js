// Telling the agent how an action went: the error banner above the
// transcript (the API's refusal in plain words) and the short toast.

import { $, h, show } from "./dom.js";

const ERROR_TITLES = {
  claimed_by_other: (e) => `Claimed by ${e.body.claimed_by || "someone else"}`,
  resolved: () => "Already resolved",
  outside_window: () => "Not sent: outside the reply window",
  window_open: () => "Not sent: the window is open, write a reply",
  no_template: () => "No template configured",
  language_missing: () => "No template in the customer's language",
  values_missing: () => "A template value is missing",
  send_failed: () => "Not sent: the channel refused it",
  bad_request: () => "Not accepted",
  not_found: () => "Case not found",
  unauthorized: () => "Not signed in",
  network: () => "No connection",
};

export function showError(e) {
  const banner = $("error");
  const title = ERROR_TITLES[e.code] ? ERROR_TITLES[e.code](e) : `Failed (HTTP ${e.status})`;
  banner.dataset.code = e.code;
  banner.dataset.status = String(e.status);
  banner.replaceChildren(
    h("strong", { "data-testid": "error-title" }, title),
    " ",
    h("span", { "data-testid": "error-reason" }, e.reason, e.body.code ? ` (Meta error ${e.body.code})` : ""),
    h("span", { class: "sub" }, e.status ? ` (HTTP ${e.status})` : " (no answer)"),
    h("button", { type: "button", class: "dismiss", "aria-label": "Dismiss", onclick: clearError }, "×"),
  );
  show(banner, true);
}

export function clearError() {
  const banner = $("error");
  banner.replaceChildren();
  delete banner.dataset.code;
  delete banner.dataset.status;
  show(banner, false);
}

let toastTimer = null;
export function toast(text) {
  const t = $("toast");
  t.textContent = text;
  show(t, true);
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => show(t, false), 4000);
}
