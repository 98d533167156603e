// People's words for the API's names: channels, how a zone is known, how a
// reply would go out, languages. Nothing a person reads shows a raw enum.

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
  human_agent: "human agent tag (24 h to 7 days after the customer's last message)",
  closed: "closed: a free-form reply will not be delivered",
};

export const REPLY_MODE_SHORT = { response: "· within 24 h", human_agent: "· tagged, within 7 days", closed: "· no free-form reply" };

/** How a reply goes out now, in people's words. */
export const REPLY_MODE_WORDS = { response: "reply now", human_agent: "late reply by a person", closed: "closed" };

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
