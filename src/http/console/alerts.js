// Desktop notifications and an optional sound for cases that become urgent
// or overdue. Nothing is shown until the agent presses "Turn on alerts" and
// the browser's own permission prompt says yes; the choice is kept in this
// browser. A notification names the customer and the case, never their text.

import { on } from "./bus.js";
import { $, show } from "./dom.js";
import { state } from "./state.js";
import { channelName, kindName, labelOf } from "./words.js";
import { customerName, waited } from "./case-facts.js";
import { openCase } from "./case-view.js";
import { select } from "./queue.js";

const PREFS_KEY = "afterhours.console.alerts";
const prefs = { on: false, sound: false };

/** What has been announced (or was there when the agent started looking): `id:reason`. */
const seen = new Set();
let lastFilter = null;

function loadPrefs() {
  try {
    Object.assign(prefs, JSON.parse(localStorage.getItem(PREFS_KEY) || "{}"));
  } catch (_) {
    /* defaults */
  }
}

function savePrefs() {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch (_) {
    /* kept for this page only */
  }
}

const supported = () => typeof window.Notification === "function";
const allowed = () => supported() && window.Notification.permission === "granted";
const active = () => prefs.on && allowed();

function paint() {
  const button = $("alerts-button");
  const on = active();
  button.setAttribute("aria-pressed", on ? "true" : "false");
  button.textContent = on ? "Alerts on" : "Turn on alerts";
  button.title = on ? "Desktop alerts for new urgent and overdue cases. Press to turn them off." : "";
  show($("sound-label"), on);
  $("sound-toggle").checked = prefs.sound;
}

function note(text) {
  const el = $("alerts-note");
  el.textContent = text;
  show(el, Boolean(text));
}

async function toggle() {
  note("");
  if (active()) {
    prefs.on = false;
    savePrefs();
    return paint();
  }
  if (!supported()) return note("This browser cannot show desktop notifications.");
  let permission = window.Notification.permission;
  if (permission === "default") {
    try {
      permission = await window.Notification.requestPermission();
    } catch (_) {
      permission = "default";
    }
  }
  if (permission === "granted") {
    prefs.on = true;
    savePrefs();
    // Only what comes next is news: the cases on screen now are known.
    for (const c of state.cases) for (const r of reasons(c)) seen.add(`${c.id}:${r}`);
  } else if (permission === "denied") {
    note("Notifications are blocked for this page: allow them in the browser's site settings, then press the button again.");
  } else {
    note("Alerts stay off: the browser was not allowed to show notifications.");
  }
  paint();
}

function reasons(c) {
  if (c.status === "resolved") return [];
  const out = [];
  if (c.priority === "urgent") out.push("urgent");
  if (c.overdue) out.push("overdue");
  return out;
}

function announce(c, reason) {
  const title = reason === "overdue" ? `Overdue: ${customerName(c)}` : `Urgent: ${customerName(c)}`;
  const body = `${labelOf(c, "channel", channelName)} · ${(c.language || "").toUpperCase()} · ${labelOf(c, "kind", kindName)} · ${waited(c)} · case ${c.id}`;
  try {
    const n = new window.Notification(title, { body, tag: `afterhours-case-${c.id}-${reason}`, lang: "en" });
    n.onclick = () => {
      window.focus();
      select(c.id);
      openCase(c.id);
      if (typeof n.close === "function") n.close();
    };
  } catch (_) {
    /* a browser that lists the API but refuses it here: the title count still shows */
  }
}

let audio = null;
/** Two short tones, made here: no sound file, nothing fetched. */
function beep() {
  try {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    audio = audio || new Ctx();
    const start = audio.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.15, start + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.18 + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + i * 0.18);
      osc.stop(start + i * 0.18 + 0.17);
    }
  } catch (_) {
    /* no sound, the notification still shows */
  }
}

on("queue", (cases) => {
  // A new filter shows other cases, not new ones: learn them quietly.
  const filter = JSON.stringify([state.status, state.team, state.search]);
  const quiet = filter !== lastFilter || !active();
  lastFilter = filter;
  let fresh = 0;
  for (const c of cases) {
    for (const r of reasons(c)) {
      const k = `${c.id}:${r}`;
      if (seen.has(k)) continue;
      seen.add(k);
      if (quiet) continue;
      announce(c, r);
      fresh++;
    }
  }
  if (fresh && prefs.sound) beep();
});

on("signed-in", () => {
  paint();
  show($("alerts-button"), true);
});

on("signed-out", () => {
  seen.clear();
  lastFilter = null;
  note("");
  show($("alerts-button"), false);
  show($("sound-label"), false);
});

$("alerts-button").addEventListener("click", toggle);
$("sound-toggle").addEventListener("change", () => {
  prefs.sound = $("sound-toggle").checked;
  savePrefs();
  if (prefs.sound) beep(); // the agent hears what they chose
});
loadPrefs();
