// The status and team filters, kept in this tab across reloads.

import { TOKEN_REFUSED } from "./api.js";
import { emit } from "./bus.js";
import { $ } from "./dom.js";
import { FILTER_KEY, state } from "./state.js";
import { refreshQueue } from "./queue.js";

export function loadFilters() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(FILTER_KEY) || "{}");
    if (["open", "waiting", "claimed", "resolved"].includes(saved.status)) state.status = saved.status;
    if (typeof saved.team === "string") state.team = saved.team;
  } catch (_) {
    /* defaults */
  }
}

function saveFilters() {
  sessionStorage.setItem(FILTER_KEY, JSON.stringify({ status: state.status, team: state.team }));
}

export function onFilterChange() {
  state.status = $("status-filter").value;
  state.team = $("team-filter").value;
  saveFilters();
  state.selectedId = null;
  state.lastIndex = 0;
  $("queue").replaceChildren();
  refreshQueue().catch((e) => {
    if (e.status === 401) emit("unauthorized", TOKEN_REFUSED);
  });
}
