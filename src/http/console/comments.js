// Public comments on the open case: each comment of the customer under the
// brand's posts (its words, the post, what was already sent), and the three
// comment actions of the agent API: reply publicly (comment_reply), reply
// privately (comment_private_reply: Meta allows one per comment, within 7
// days) and hide (comment_hide, after a confirmation). Hidden on a case
// without comments. The queue's "Public comment" mark is in case-facts.js.

import { act } from "./actions.js";
import { on } from "./bus.js";
import { $, h, show } from "./dom.js";
import { state } from "./state.js";
import { fmtLocal, ms, serverNow } from "./time.js";

const PRIVATE_WITHIN_MS = 7 * 24 * 3600 * 1000;

/** What the agent typed, per case, comment and box: kept across redraws. */
const typed = new Map();
/** The comment whose hide waits for a confirmation. */
let confirming = null;

function delivered(d) {
  if (!d) return "not sent";
  if (d.state === "sent") return "sent";
  if (d.state === "failed") return `not sent: ${d.reason}`;
  if (d.state === "retrying") return `not sent yet: ${d.reason}`;
  return "being sent";
}

/** Why a private reply cannot be sent now, or null. */
function privateRefusal(r) {
  if (r.deleted) return "The customer deleted this comment.";
  if (r.private_reply && r.private_reply.state === "failed") {
    return "A private reply was tried and refused: Meta allows one attempt per comment.";
  }
  if (r.private_reply) return "A private reply was already sent: Meta allows one per comment.";
  if (serverNow() - ms(r.at) > PRIVATE_WITHIN_MS) return "Older than 7 days: Meta no longer allows a private reply.";
  return null;
}

function box(c, r, kind, label, hint, refused) {
  const id = `comment-${kind}-${r.comment_id}`;
  const key = `${c.id}|${r.comment_id}|${kind}`;
  const area = h("textarea", {
    id,
    rows: 2,
    "data-testid": `comment-${kind}-text`,
    "aria-describedby": `${id}-hint`,
    disabled: Boolean(refused),
  });
  area.value = typed.get(key) || "";
  area.addEventListener("input", () => typed.set(key, area.value));
  // Ctrl+Enter sends, as in the reply box.
  area.addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter" || !(ev.ctrlKey || ev.metaKey)) return;
    ev.preventDefault();
    send(c, r, kind);
  });
  const why = refused
    ? h("span", { id: `${id}-hint`, class: "sub refused", "data-testid": `comment-${kind}-refused` }, refused)
    : h("span", { id: `${id}-hint`, class: "sub" }, hint);
  return [h("label", { for: id }, label), area, why];
}

async function send(c, r, kind) {
  const action = kind === "public" ? "comment_reply" : "comment_private_reply";
  const area = document.getElementById(`comment-${kind}-${r.comment_id}`);
  const text = area ? area.value.trim() : "";
  if (!text) return area && area.focus();
  const done = kind === "public" ? "Public reply sent under the comment" : "Private reply sent";
  if (await act(action, { text, comment: r.comment_id }, done, c.id)) {
    typed.delete(`${c.id}|${r.comment_id}|${kind}`);
    const now = document.getElementById(`comment-${kind}-${r.comment_id}`);
    if (now) now.value = "";
  }
}

async function hide(c, r) {
  confirming = null;
  await act("comment_hide", { comment: r.comment_id }, "Comment hidden", c.id);
  paint(state.open, true);
}

function cancelHide(r) {
  confirming = null;
  paint(state.open, true);
  const again = document.querySelector(`[data-comment-id="${CSS.escape(r.comment_id)}"] [data-testid=comment-hide]`);
  if (again) again.focus();
}

function hideControls(c, r) {
  if (r.hidden) return h("p", { class: "sub", "data-testid": "comment-hidden" }, "Hidden from everyone but the customer and their friends.");
  if (r.deleted) return null;
  if (confirming === `${c.id}|${r.comment_id}`) {
    return h(
      "div",
      { class: "comment-confirm", role: "group", "aria-label": "Confirm hiding the comment" },
      h("span", null, "Hide this comment from everyone but the customer and their friends?"),
      h("button", { type: "button", "data-testid": "comment-hide-confirm", onclick: () => hide(c, r) }, "Hide it"),
      h("button", { type: "button", "data-testid": "comment-hide-cancel", onclick: () => cancelHide(r) }, "Cancel"),
    );
  }
  return h(
    "button",
    {
      type: "button",
      "data-testid": "comment-hide",
      onclick: () => {
        confirming = `${c.id}|${r.comment_id}`;
        paint(state.open, true);
        const yes = document.querySelector("[data-testid=comment-hide-confirm]");
        if (yes) yes.focus();
      },
    },
    "Hide comment…",
  );
}

function item(c, r) {
  const refused = privateRefusal(r);
  const where = r.permalink
    ? h("a", { href: r.permalink, target: "_blank", rel: "noopener noreferrer", "data-testid": "comment-permalink" }, "the post", h("span", { class: "visually-hidden" }, " (opens in a new tab)"))
    : `post ${r.post_id}`;
  const state_ = [r.deleted ? "deleted by the customer" : null, r.hidden ? "hidden" : null].filter(Boolean).join(" · ");
  return h(
    "li",
    { class: "comment", "data-testid": "comment", "data-comment-id": r.comment_id },
    h("blockquote", { class: "comment-text", "data-testid": "comment-text" }, r.text || "(no text)"),
    h("p", { class: "sub" }, `${fmtLocal(r.at)} under `, where, state_ ? h("strong", { "data-testid": "comment-state" }, ` · ${state_}`) : null),
    r.post_text ? h("p", { class: "sub comment-post" }, `Post: ${r.post_text}`) : null,
    h(
      "dl",
      { class: "comment-sent" },
      h("dt", null, "Public reply"),
      h("dd", { "data-testid": "comment-public-state" }, delivered(r.public_reply)),
      h("dt", null, "Private reply"),
      h("dd", { "data-testid": "comment-private-state" }, delivered(r.private_reply)),
    ),
    r.deleted
      ? null
      : h(
          "div",
          { class: "comment-form" },
          ...box(c, r, "public", "Reply publicly under the comment", "Everyone can read it: no order numbers or addresses. Ctrl+Enter sends."),
          h("button", { type: "button", "data-testid": "comment-public-send", onclick: () => send(c, r, "public") }, "Reply publicly"),
          ...box(c, r, "private", "Reply privately (one message to the customer's inbox)", "Meta allows one per comment, within 7 days. Ctrl+Enter sends.", refused),
          h(
            "button",
            { type: "button", "data-testid": "comment-private-send", disabled: Boolean(refused), title: refused, onclick: () => send(c, r, "private") },
            "Reply privately",
          ),
        ),
    hideControls(c, r),
  );
}

/** Draws the panel when what it shows changed; keeps typed words and focus. */
function paint(c, force) {
  const section = $("comments-section");
  const list = c && Array.isArray(c.comments) ? c.comments : [];
  show(section, list.length > 0);
  if (!list.length) {
    $("comments").replaceChildren();
    delete $("comments").dataset.key;
    return;
  }
  const key = JSON.stringify([c.id, list, list.map((r) => privateRefusal(r)), confirming]);
  if (!force && $("comments").dataset.key === key) return;
  $("comments").dataset.key = key;
  const focused = document.activeElement && $("comments").contains(document.activeElement) ? document.activeElement : null;
  const where = focused && focused.closest("[data-comment-id]");
  const again = where && [where.dataset.commentId, focused.dataset.testid];
  // Newest first: the comment the actions default to.
  $("comments").replaceChildren(...list.slice().reverse().map((r) => item(c, r)));
  if (again) {
    const el = document.querySelector(`[data-comment-id="${CSS.escape(again[0])}"] [data-testid="${again[1]}"]`);
    if (el && !el.disabled) el.focus();
  }
}

on("case", (c) => paint(c, false));
