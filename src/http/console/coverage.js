// Coverage (top bar): each language's week as a grid of its customers'
// local hours, red where nobody who speaks it is at work (GET /api/coverage).
// Wires its own buttons on import, as a module added by one line does.

import { api, TOKEN_REFUSED } from "./api.js";
import { emit, on } from "./bus.js";
import { $, h, show } from "./dom.js";
import { duration, fmt, ms, offsetOf, serverNow, validZone } from "./time.js";
import { zoneName } from "./words.js";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The wall-clock time written in an RFC 3339 string, as ms of a UTC clock. */
function wallClock(s) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(s || "");
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) : NaN;
}

/** This ISO week (on the server's clock) as `YYYY-Www`, as `<input type="week">` writes it. */
function thisWeek() {
  const now = new Date(serverNow());
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7) + 3); // the Thursday of this week
  const jan4 = new Date(Date.UTC(day.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((day - jan4) / 86400000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** One language: a 7 x 24 grid of its local hours, gaps marked. */
function coverageRow(lang) {
  const start = wallClock(lang.week_from);
  const gap = new Set();
  for (const span of lang.uncovered) {
    const from = Math.floor((wallClock(span.from) - start) / 3600000);
    const to = Math.ceil((wallClock(span.to) - start) / 3600000);
    for (let i = Math.max(0, from); i < Math.min(to, 7 * 24); i++) gap.add(i);
  }
  const head = h("tr", {}, h("th", { scope: "col" }, ""), ...Array.from({ length: 24 }, (_, hr) =>
    h("th", { scope: "col", class: "hour" }, hr % 3 === 0 ? String(hr).padStart(2, "0") : "")));
  const rows = DAYS.map((day, d) => h("tr", {}, h("th", { scope: "row" }, day), ...Array.from({ length: 24 }, (_, hr) => {
    const i = d * 24 + hr;
    const label = `${day} ${String(hr).padStart(2, "0")}:00 ${gap.has(i) ? "nobody" : "covered"}`;
    return h("td", { class: gap.has(i) ? "cell gap" : "cell covered", title: label, "aria-label": label });
  })));
  const wait = lang.longest_wait;
  const waitText = !wait ? "someone is at work all week"
    : wait.hours === null ? `longest wait: from ${fmt(ms(wait.from), validZone(lang.time_zone), offsetOf(wait.from))}, nobody scheduled after`
    : `longest wait: ${duration(wait.hours * 3600000)}, from ${fmt(ms(wait.from), validZone(lang.time_zone), offsetOf(wait.from))}`;
  const teams = lang.teams.length ? lang.teams.join(", ") : "none";
  return h("section", { class: "coverage-lang", "data-testid": `coverage-${lang.language}`, "data-uncovered-hours": lang.uncovered_hours },
    h("h3", {}, `${lang.language} · ${lang.name}`,
      h("span", { class: "hint" }, ` · ${zoneName(lang.time_zone)} · teams: ${teams}${lang.via_fallback ? " (no team speaks it: fallback)" : ""}`)),
    h("p", { class: "coverage-summary" }, `${lang.uncovered_hours} of ${lang.week_hours} h with nobody; ${waitText}`),
    h("table", { class: "week-grid" }, h("thead", {}, head), h("tbody", {}, rows)));
}

async function loadCoverage() {
  const week = $("coverage-week").value || thisWeek();
  const err = $("coverage-error");
  try {
    const report = await api("GET", `/api/coverage?week=${encodeURIComponent(week)}`);
    show(err, false);
    $("coverage-grid").replaceChildren(...report.languages.map(coverageRow));
    $("coverage-grid").dataset.week = report.week;
  } catch (e) {
    if (e.status === 401) return emit("unauthorized", TOKEN_REFUSED);
    err.textContent = (e.body && e.body.reason) || "The coverage could not be loaded; try again.";
    show(err, true);
  }
}

function openCoverage() {
  if (!$("coverage-week").value) $("coverage-week").value = thisWeek();
  $("coverage").showModal();
  loadCoverage();
}

$("coverage-button").addEventListener("click", openCoverage);
$("coverage-close").addEventListener("click", () => $("coverage").close());
$("coverage-week").addEventListener("change", loadCoverage);
on("signed-out", () => {
  if ($("coverage").open) $("coverage").close();
  $("coverage-grid").replaceChildren();
});
