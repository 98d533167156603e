// Writing to the customer: the reply box and its warnings, the opener, the
// WhatsApp template when the window is closed, the transfer list and which
// buttons may be pressed now.

import { api, casePath } from "./api.js";
import { $, h, show } from "./dom.js";
import { state } from "./state.js";
import { relative } from "./time.js";
import { REPLY_MODE_WORDS } from "./words.js";
import { isMine, windowClosing } from "./case-facts.js";

export function renderTransfer(c) {
  const key = `${c.team}|${state.teams.map((t) => t.id).join(",")}`;
  if (key === state.rendered.transferTeams) return;
  state.rendered.transferTeams = key;
  const select = $("transfer-team");
  const keep = select.value;
  const options = [h("option", { value: "" }, "choose a team")];
  for (const t of state.teams) {
    if (t.id !== c.team) options.push(h("option", { value: t.id }, t.id));
  }
  select.replaceChildren(...options);
  if (state.teams.some((t) => t.id === keep && t.id !== c.team)) select.value = keep;
}

export function renderCompose(c) {
  const opener = c.status !== "resolved" ? c.suggested_opener : null;
  show($("opener-row"), Boolean(opener));
  $("opener-text").textContent = opener ? `“${opener}”` : "";
  const warn = $("compose-warning");
  let warning = "";
  if (c.status === "resolved") warning = "This case is resolved.";
  else if (c.claimed_by && !isMine(c)) warning = `${c.claimed_by} has claimed this case.`;
  else if (c.reply_mode === "closed") warning = `A written reply will not be delivered: ${c.window ? c.window.note : "the reply window is closed"}.`;
  else if (windowClosing(c)) warning = c.window ? `Hurry: ${c.window.note}.` : `The reply window closes ${relative(c.window_closes_at)}.`;
  warn.textContent = warning;
  show(warn, Boolean(warning));
  $("reply-mode-hint").textContent = c.reply_mode ? `Sends as: ${c.reply_mode_label || REPLY_MODE_WORDS[c.reply_mode]}` : "";
  renderTemplate(c);
}

// WhatsApp past its 24-hour window takes only an approved template: the
// case shows the filled-in text before a person sends it.
export const needsTemplate = (c) => c && c.channel === "whatsapp" && c.reply_mode === "closed" && c.status !== "resolved";

function templateQuery() {
  const name = $("template-first-name").value.trim();
  return name ? `?first_name=${encodeURIComponent(name)}` : "";
}

export async function renderTemplate(c) {
  const row = $("template-row");
  if (!needsTemplate(c)) {
    show(row, false);
    state.templateKey = null;
    return;
  }
  show(row, true);
  const key = `${c.id}|${c.last_customer_message_at}|${(c.transcript || []).length}|${templateQuery()}`;
  if (state.templateKey === key) return;
  state.templateKey = key;
  const problem = $("template-problem");
  try {
    const p = await api("GET", casePath(c.id, "template") + templateQuery());
    if (state.templateKey !== key) return;
    $("template-text").textContent = p.text;
    $("template-text").lang = p.language;
    // Sent already and the customer has not answered: sending it again
    // would only be billed twice.
    const sent = (c.transcript || []).some((m) => m.from === "agent" && m.delivery === "sent" && m.text === p.text);
    state.templateSent = sent;
    problem.textContent = sent ? "Sent: the window reopens when the customer answers." : "";
    show(problem, sent);
  } catch (e) {
    if (state.templateKey !== key) return;
    $("template-text").textContent = "";
    state.templateSent = false;
    problem.textContent = (e.body && e.body.reason) || `No preview (HTTP ${e.status})`;
    show(problem, true);
  }
  updateButtons();
}

export function updateButtons() {
  const c = state.open;
  const busy = state.busy;
  const active = c && c.status !== "resolved";
  const mineOrFree = c && (!c.claimed_by || isMine(c));
  $("claim").disabled = busy || !c || c.status !== "waiting";
  $("release").disabled = busy || !c || c.status !== "claimed" || !isMine(c);
  $("transfer").disabled = busy || !active;
  $("transfer-team").disabled = busy || !active;
  $("resolve").disabled = busy || !active;
  $("send-reply").disabled = busy || !active || !mineOrFree;
  $("send-template").disabled =
    busy || !needsTemplate(c) || !mineOrFree || !$("template-text").textContent || Boolean(state.templateSent);
  $("add-note").disabled = busy || !active;
  $("use-opener").disabled = busy || !active;
  document.body.classList.toggle("busy", busy);
}
