// Times as people read them: in the customer's zone, in the agent's, and
// as durations, all from the server's clock rather than this browser's.

import { state } from "./state.js";

export const ms = (s) => (s ? Date.parse(s) : NaN);
export const serverNow = () => Date.now() + state.clockOffset;
export const agentZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "local";

export function validZone(zone) {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return zone;
  } catch (_) {
    return null;
  }
}

/** Minutes east of UTC written in an RFC 3339 time, or null. */
export function offsetOf(s) {
  const m = /(?:([+-])(\d\d):(\d\d)|Z)$/i.exec(s || "");
  if (!m) return null;
  if (!m[1]) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

export const FORMAT = { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
export const CLOCK = { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

/** `at` (ms) as read in `zone`, or at a fixed offset (minutes) when there is no zone. */
export function fmt(at, zone, offset, options) {
  if (Number.isNaN(at)) return "–";
  const opts = Object.assign({}, options || FORMAT);
  if (zone) return new Intl.DateTimeFormat("en-GB", Object.assign(opts, { timeZone: zone })).format(at);
  if (offset !== null && offset !== undefined) {
    return new Intl.DateTimeFormat("en-GB", Object.assign(opts, { timeZone: "UTC" })).format(at + offset * 60000);
  }
  return new Intl.DateTimeFormat("en-GB", opts).format(at);
}

/** The agent's own clock. */
export const fmtLocal = (s) => fmt(ms(s), null, null);

export function duration(delta) {
  const minutes = Math.floor(Math.abs(delta) / 60000);
  if (minutes < 1) return "under a minute";
  const d = Math.floor(minutes / 1440);
  const hr = Math.floor((minutes % 1440) / 60);
  const min = minutes % 60;
  if (d > 0) return hr ? `${d} d ${hr} h` : `${d} d`;
  if (hr > 0) return min ? `${hr} h ${min} min` : `${hr} h`;
  return `${min} min`;
}

/** "in 3 h" or "4 min ago", from the server's now. */
export function relative(s) {
  const delta = ms(s) - serverNow();
  if (Number.isNaN(delta)) return "";
  return delta >= 0 ? `in ${duration(delta)}` : `${duration(delta)} ago`;
}
