// People's words for the API's names: channels, how a zone is known, how a
// reply would go out, languages. Nothing a person reads shows a raw enum.

import { fmtLocal } from "./time.js";

export const CHANNELS = { messenger: "Messenger", instagram: "Instagram", whatsapp: "WhatsApp" };
export const channelName = (c) => CHANNELS[c] || c || "–";

const ZONE_SOURCES = {
  platform: "from their profile",
  page: "a guess from the Page's market",
  language: "a guess from their language",
  given: "given by the operator",
};
export const zoneSource = (s) => (s ? ZONE_SOURCES[s] || s : "source not given");

export const REPLY_MODES = {
  response: "standard reply (inside 24 h of the customer's last message)",
  human_agent: "Human agent tag: a person may reply 24 h to 7 days after the customer's last message",
  closed: "closed: a free-form reply will not be delivered",
};

export const REPLY_MODE_SHORT = { response: "· within 24 h", human_agent: "· tagged, within 7 days", closed: "· no free-form reply" };

/** The server's label for `field` of case `c` (`status_label`, …), else ours. */
export const labelOf = (c, field, ours) => c[`${field}_label`] || ours(c[field]);

/** How a reply goes out now, in people's words (the server's `reply_mode_label` comes first). */
export const REPLY_MODE_WORDS = { response: "reply now", human_agent: "Human agent tag, 7 days", closed: "closed" };

const STATUS_WORDS = { waiting: "Waiting", claimed: "Claimed", resolved: "Resolved" };
export const statusName = (s) => STATUS_WORDS[s] || words(s);

const PRIORITY_WORDS = { urgent: "Urgent", complaint: "Complaint", normal: "Normal", low: "Low" };
export const priorityName = (p) => PRIORITY_WORDS[p] || words(p);

const KIND_WORDS = {
  complaint: "Complaint",
  urgent: "Urgent",
  question: "Question",
  praise: "Praise",
  greeting: "Greeting",
  spam: "Spam",
  other: "Other",
};
export const kindName = (k) => KIND_WORDS[k] || words(k);

/** An id written for machines (`order_status`) as a person writes it: "Order status". */
export function words(id) {
  if (!id) return "–";
  const text = String(id).replace(/[_-]+/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A time zone as people name it. The fixed `Etc/GMT±n` zones (what a
 * Messenger profile's offset maps to) count the wrong way round, as POSIX
 * wants: `Etc/GMT-1` is UTC+1.
 */
export function zoneName(zone) {
  if (!zone) return "–";
  const m = /^Etc\/(?:GMT|UTC|UCT)(?:([+-])(\d{1,2}))?$/.exec(zone);
  if (m) return m[1] ? `UTC${m[1] === "-" ? "+" : "-"}${Number(m[2])}` : "UTC";
  if (zone === "UTC" || zone === "GMT") return "UTC";
  return zone.replace(/_/g, " ");
}

/** What the action log's names mean, said as done by someone. */
const ACTION_WORDS = {
  opened: "opened the case",
  claim: "claimed",
  release: "released",
  note: "added a note",
  transfer: "transferred",
  resolve: "resolved",
  reply: "replied",
  "reply not sent": "reply not sent",
  "reply refused": "reply refused by the channel",
  template: "sent a template",
  overdue: "marked overdue",
  "window closed": "reply window closed",
  "priority raised": "raised the priority",
  "customer wrote again": "customer wrote again",
  flagged: "flagged",
  "unreadable message": "could not read a message",
  link: "linked a case",
  linked: "linked as the same person",
  unlink: "unlinked a case",
  unlinked: "unlinked: not the same person",
};
export const actionName = (a) => ACTION_WORDS[a] || (a ? String(a).replace(/_/g, " ") : "");

/** Details that are enum names in the log: the reply's tag, a kind or a priority. */
const DETAIL_WORDS = {
  response: "standard reply, within 24 h",
  humanagent: "Human agent tag, 7 days",
  human_agent: "Human agent tag, 7 days",
};
export function actionDetail(action, detail) {
  if (!detail) return "";
  if (DETAIL_WORDS[detail]) return DETAIL_WORDS[detail];
  if (action === "opened") return kindName(detail);
  if (action === "priority raised") return priorityName(detail);
  // A time written for machines ("reply due 2026-11-30T08:30:00+01:00") on the agent's clock.
  return String(detail).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)/g, (t) => fmtLocal(t));
}

let languageNames = null;
try {
  languageNames = new Intl.DisplayNames(["en"], { type: "language" });
} catch (_) {
  languageNames = null;
}

export function languageName(code) {
  if (!code) return "–";
  let name = null;
  try {
    name = languageNames && languageNames.of(code);
  } catch (_) {
    name = null;
  }
  return name && name !== code ? `${code} · ${name}` : code;
}
