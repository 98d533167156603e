// The teams of /api/teams: the team filter (with when each opens) and the
// transfer list of the open case.

import { api, TOKEN_REFUSED } from "./api.js";
import { emit } from "./bus.js";
import { $, h } from "./dom.js";
import { state } from "./state.js";
import { fmtLocal } from "./time.js";
import { renderTransfer } from "./compose.js";

export async function loadTeams() {
  try {
    const data = await api("GET", "/api/teams");
    state.teams = (data && data.teams) || [];
  } catch (e) {
    if (e.status === 401) return emit("unauthorized", TOKEN_REFUSED);
    state.teams = [];
  }
  const filter = $("team-filter");
  const options = [h("option", { value: "" }, "All teams")];
  for (const t of state.teams) {
    const when = t.open_now ? "open" : t.next_open ? `closed, opens ${fmtLocal(t.next_open)}` : "closed";
    options.push(h("option", { value: t.id }, `${t.id} (${when})`));
  }
  filter.replaceChildren(...options);
  filter.value = state.teams.some((t) => t.id === state.team) ? state.team : "";
  state.rendered.transferTeams = "";
  if (state.open) renderTransfer(state.open);
  emit("teams", state.teams);
}
