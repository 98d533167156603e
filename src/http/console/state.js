// The console's state, shared by every module: who is signed in, what the
// queue lists, which case is open and which requests are still current.

export const POLL_MS = 2500;
export const WINDOW_WARNING_MS = 6 * 3600 * 1000;
export const TOKEN_KEY = "afterhours.console.token";
export const FILTER_KEY = "afterhours.console.filters";

export const state = {
  token: null,
  me: null,
  teams: [],
  status: "open",
  team: "",
  cases: [],
  clockOffset: 0, // server's clock minus this browser's, from the last list
  selectedId: null,
  lastIndex: 0,
  openId: null,
  open: null,
  busy: false,
  pollTimer: null,
  pollMs: null, // slower while the push stream is live (stream.js); POLL_MS otherwise
  pollGen: 0,
  queueSeq: 0,
  caseSeq: 0,
  rendered: { transcript: "", actions: "", history: "", transferTeams: "" },
  // Search and filters beyond status and team (search.js), sent as they are
  // as parameters of GET /api/cases: { q, lang, channel, kind, overdue, window }.
  search: {},
  // What the last list said of itself: { total, more } (more: pages not fetched).
  listed: { total: null, more: false, paged: false },
  templateKey: null,
  templateSent: false,
};

/** Forgets what was drawn of the open case, so the next render draws it all. */
export function forgetRendered() {
  state.rendered = { transcript: "", actions: "", history: "", transferTeams: "" };
}
