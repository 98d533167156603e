// Search (name, words, case number) and the filters beyond status and team:
// language, channel, kind, overdue, window closing. They become parameters
// of GET /api/cases (state.search, read by queue.js). Kept in this tab; the
// controls stay hidden on a server whose list does not page (no next_cursor).

import { TOKEN_REFUSED } from "./api.js";
import { emit, on } from "./bus.js";
import { $, h, onShortcut, show } from "./dom.js";
import { state } from "./state.js";
import { languageName } from "./words.js";
import { refreshQueue } from "./queue.js";

const SEARCH_KEY = "afterhours.console.search";
const TYPING_PAUSE_MS = 250;
const SELECTS = { lang: "lang-filter", channel: "channel-filter", kind: "kind-filter" };

function fromControls() {
  const search = { q: $("search").value.trim() };
  for (const [param, id] of Object.entries(SELECTS)) search[param] = $(id).value;
  search.overdue = $("overdue-filter").checked ? "1" : "";
  search.window = $("window-filter").checked ? "closing" : "";
  return search;
}

function toControls(search) {
  $("search").value = search.q || "";
  // A language kept from before the reload, shown before the teams say which exist.
  const lang = $("lang-filter");
  if (search.lang && ![...lang.options].some((o) => o.value === search.lang)) {
    lang.append(h("option", { value: search.lang }, languageName(search.lang)));
  }
  for (const [param, id] of Object.entries(SELECTS)) $(id).value = search[param] || "";
  $("overdue-filter").checked = search.overdue === "1";
  $("window-filter").checked = search.window === "closing";
}

const active = () => Object.values(state.search).some(Boolean);

function apply() {
  state.search = fromControls();
  try {
    sessionStorage.setItem(SEARCH_KEY, JSON.stringify(state.search));
  } catch (_) {
    /* kept for this page only */
  }
  show($("clear-search"), active());
  state.selectedId = null;
  state.lastIndex = 0;
  refreshQueue().catch((e) => {
    if (e.status === 401) emit("unauthorized", TOKEN_REFUSED);
  });
}

let typing = null;
$("search").addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(apply, TYPING_PAUSE_MS);
});
$("search").addEventListener("keydown", (ev) => {
  if (ev.key !== "Enter") return;
  clearTimeout(typing);
  apply();
  ev.preventDefault();
});
for (const id of [...Object.values(SELECTS), "overdue-filter", "window-filter"]) $(id).addEventListener("change", apply);
$("clear-search").addEventListener("click", () => {
  toControls({});
  apply();
  $("search").focus();
});

// "/" goes to the search box, as in most web apps.
onShortcut("/", () => !$("search-box").hidden, () => $("search").focus());

on("teams", (teams) => {
  const select = $("lang-filter");
  const keep = state.search.lang || select.value;
  const codes = [...new Set(teams.flatMap((t) => t.languages || []))].sort();
  if (keep && !codes.includes(keep)) codes.push(keep);
  select.replaceChildren(h("option", { value: "" }, "All"), ...codes.map((c) => h("option", { value: c }, languageName(c))));
  select.value = keep || "";
});

on("queue", () => {
  show($("search-box"), state.listed.paged || active());
  $("queue-empty").textContent = active() ? "No case matches the search and filters." : "No cases here.";
});

on("signed-out", () => {
  // A search may hold a customer's name: it does not outlive the sign-in.
  state.search = {};
  toControls({});
  sessionStorage.removeItem(SEARCH_KEY);
  show($("clear-search"), false);
  show($("search-box"), false);
});

try {
  state.search = JSON.parse(sessionStorage.getItem(SEARCH_KEY) || "{}") || {};
} catch (_) {
  state.search = {};
}
toControls(state.search);
show($("clear-search"), active());
