// Saved replies (flows/replies.toml, kept by the care leads), in the case's
// language with its placeholders filled by the server (GET
// /api/replies?case=17), put into the reply box where the cursor is.
// Hidden on a server without them (404) and when there are none.

import { api } from "./api.js";
import { on } from "./bus.js";
import { $, h, onShortcut, show } from "./dom.js";
import { state } from "./state.js";
import { fmt, ms, offsetOf } from "./time.js";
import { customerZone } from "./case-facts.js";

let unsupported = false;
const forCase = new Map(); // "id|what the values depend on" -> [{id, title, body}]
let shownFor = null;

const cacheKey = (c) => `${c.id}|${c.language}|${c.promised_at}|${JSON.stringify(c.placeholders || null)}`;

async function repliesFor(c) {
  const key = cacheKey(c);
  if (forCase.has(key)) return forCase.get(key);
  try {
    const list = await api("GET", `/api/replies?case=${encodeURIComponent(c.id)}`);
    const replies = Array.isArray(list) ? list : (list && list.replies) || [];
    forCase.set(key, replies);
    return replies;
  } catch (e) {
    // No such route (a 404 without the API's error body): an older server.
    if (e.code === "http_404") unsupported = true;
    return [];
  }
}

/** The values of `{first_name}` and `{return_time}` for case `c`, from the case view when it gives them. */
function values(c) {
  const given = Object.assign({}, c.placeholders || {}, c.reply_values || {});
  const name = c.customer && c.customer.name;
  const first = given.first_name || c.first_name || (name ? name.split(/\s+/)[0] : "");
  let back = given.return_time || c.return_time || "";
  if (!back && c.promised_at) back = fmt(ms(c.promised_at), customerZone(c), offsetOf(c.promised_at));
  return { first_name: first, return_time: back };
}

/** `body` with the known placeholders filled; an unknown or empty one stays for the agent to fill. */
export function fill(body, vals) {
  return body.replace(/\{(\w+)\}/g, (whole, key) => (vals[key] ? vals[key] : whole));
}

async function paint(c) {
  const row = $("saved-replies");
  if (unsupported || !c || c.status === "resolved") return show(row, false);
  const replies = await repliesFor(c);
  if (state.openId !== c.id) return;
  show(row, !unsupported && replies.length > 0);
  const key = `${cacheKey(c)}|${replies.length}`;
  if (shownFor === key) return;
  shownFor = key;
  $("saved-reply").replaceChildren(
    h("option", { value: "" }, "Saved replies (s)"),
    ...replies.map((r) => h("option", { value: r.id }, r.title)),
  );
}

function insert() {
  const c = state.open;
  const select = $("saved-reply");
  const reply = c && (forCase.get(cacheKey(c)) || []).find((r) => String(r.id) === select.value);
  select.value = "";
  if (!reply) return;
  const box = $("reply-text");
  const text = fill(reply.body, values(c));
  const before = box.value.slice(0, box.selectionStart).replace(/\s*$/, "");
  const after = box.value.slice(box.selectionEnd).replace(/^\s*/, "");
  box.value = [before, text, after].filter(Boolean).join(" ");
  box.dispatchEvent(new Event("input")); // kept as the draft
  box.focus();
  const end = (before ? before.length + 1 : 0) + text.length;
  box.setSelectionRange(end, end);
}

$("saved-reply").addEventListener("change", insert);
on("case", paint);
on("signed-out", () => {
  forCase.clear();
  shownFor = null;
  show($("saved-replies"), false);
});

// s: to the picker (Enter or a click chooses; Esc goes back).
onShortcut("s", () => !$("saved-replies").hidden, () => $("saved-reply").focus());
