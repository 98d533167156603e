// Polling: the queue and the open case every POLL_MS, one loop per sign-in,
// with the state of the connection in the top bar.

import { TOKEN_REFUSED } from "./api.js";
import { emit } from "./bus.js";
import { $ } from "./dom.js";
import { POLL_MS, state } from "./state.js";
import { refreshOpenCase } from "./case-view.js";
import { refreshQueue } from "./queue.js";

/** One polling loop per sign-in: `gen` ends the loop of an earlier one. */
export async function poll(gen) {
  clearTimeout(state.pollTimer);
  if (!state.token || gen !== state.pollGen) return;
  try {
    await refreshQueue();
    if (state.openId && !state.busy) await refreshOpenCase();
    if (gen !== state.pollGen) return;
    const sync = $("sync");
    // "Live": the push stream brings changes; the poll is only a safety net.
    sync.textContent = `${state.pollMs ? "Live ·" : "Updated"} ${new Date().toLocaleTimeString("en-GB")}`;
    sync.dataset.live = state.pollMs ? "true" : "false";
    sync.classList.remove("bad");
  } catch (e) {
    if (gen !== state.pollGen) return;
    if (e.status === 401) return emit("unauthorized", TOKEN_REFUSED);
    const sync = $("sync");
    sync.textContent = e.status === 0 ? "Connection lost: retrying" : `Update failed: ${e.reason}`;
    sync.classList.add("bad");
  }
  if (state.token && gen === state.pollGen) state.pollTimer = setTimeout(() => poll(gen), state.pollMs || POLL_MS);
}

/** Starts a new loop and ends any earlier one. */
export const startPolling = () => poll(++state.pollGen);

export function stopPolling() {
  clearTimeout(state.pollTimer);
  state.pollTimer = null;
  state.pollGen++;
}
