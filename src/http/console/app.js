// The care console. Plain script, no framework, no other origin: it talks
// only to the agent API on this server (docs/agent-api.md).
//
// Every piece of customer text goes into the page as a text node (through
// `h()` or `textContent`); nothing here assigns HTML.
"use strict";

(() => {
  const POLL_MS = 2500;
  const WINDOW_WARNING_MS = 6 * 3600 * 1000;
  const TOKEN_KEY = "afterhours.console.token";
  const FILTER_KEY = "afterhours.console.filters";

  const $ = (id) => document.getElementById(id);

  const state = {
    token: null,
    me: null,
    teams: [],
    status: "open",
    team: "",
    cases: [],
    clockOffset: 0, // server's clock minus this browser's, from the last list
    selectedId: null,
    openId: null,
    open: null,
    drafts: new Map(), // case id -> unsent reply
    busy: false,
    pollTimer: null,
    pollGen: 0,
    queueSeq: 0,
    caseSeq: 0,
    rendered: { transcript: "", actions: "", history: "", transferTeams: "" },
  };

  // ---------------------------------------------------------------- DOM

  /** Creates an element; strings among the children become text nodes. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : String(child));
    }
    return el;
  }

  function show(el, visible) {
    el.hidden = !visible;
  }

  // ---------------------------------------------------------------- time

  const ms = (s) => (s ? Date.parse(s) : NaN);
  const serverNow = () => Date.now() + state.clockOffset;
  const agentZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "local";

  function validZone(zone) {
    if (!zone) return null;
    try {
      new Intl.DateTimeFormat("en-GB", { timeZone: zone });
      return zone;
    } catch (_) {
      return null;
    }
  }

  /** Minutes east of UTC written in an RFC 3339 time, or null. */
  function offsetOf(s) {
    const m = /(?:([+-])(\d\d):(\d\d)|Z)$/i.exec(s || "");
    if (!m) return null;
    if (!m[1]) return 0;
    return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  }

  const FORMAT = { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  const CLOCK = { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

  /** `at` (ms) as read in `zone`, or at a fixed offset (minutes) when there is no zone. */
  function fmt(at, zone, offset, options) {
    if (Number.isNaN(at)) return "–";
    const opts = Object.assign({}, options || FORMAT);
    if (zone) return new Intl.DateTimeFormat("en-GB", Object.assign(opts, { timeZone: zone })).format(at);
    if (offset !== null && offset !== undefined) {
      return new Intl.DateTimeFormat("en-GB", Object.assign(opts, { timeZone: "UTC" })).format(at + offset * 60000);
    }
    return new Intl.DateTimeFormat("en-GB", opts).format(at);
  }

  /** The agent's own clock. */
  const fmtLocal = (s) => fmt(ms(s), null, null);

  function duration(delta) {
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
  function relative(s) {
    const delta = ms(s) - serverNow();
    if (Number.isNaN(delta)) return "";
    return delta >= 0 ? `in ${duration(delta)}` : `${duration(delta)} ago`;
  }

  // ------------------------------------------------------- case wording

  const CHANNELS = { messenger: "Messenger", instagram: "Instagram", whatsapp: "WhatsApp" };
  const channelName = (c) => CHANNELS[c] || c || "–";

  const ZONE_SOURCES = {
    platform: "from their profile",
    page: "a guess from the Page's market",
    language: "a guess from their language",
    given: "given by the operator",
  };
  const zoneSource = (s) => (s ? ZONE_SOURCES[s] || s : "source not given");

  const REPLY_MODES = {
    response: "standard reply (inside 24 h of the customer's last message)",
    human_agent: "human agent tag (24 h to 7 days after the customer's last message)",
    closed: "closed: a free-form reply will not be delivered",
  };

  const REPLY_MODE_SHORT = { response: "· within 24 h", human_agent: "· tagged, within 7 days", closed: "· no free-form reply" };

  /** How a reply goes out now, in people's words. */
  const REPLY_MODE_WORDS = { response: "reply now", human_agent: "late reply by a person", closed: "closed" };

  let languageNames = null;
  try {
    languageNames = new Intl.DisplayNames(["en"], { type: "language" });
  } catch (_) {
    languageNames = null;
  }
  function languageName(code) {
    if (!code) return "–";
    let name = null;
    try {
      name = languageNames && languageNames.of(code);
    } catch (_) {
      name = null;
    }
    return name && name !== code ? `${code} · ${name}` : code;
  }

  const customerName = (c) => (c.customer && (c.customer.name || c.customer.id)) || "Unknown customer";
  const customerZone = (c) => validZone(c.customer_time_zone);

  /** The customer's clock now, in their zone or at the offset they wrote from. */
  function customerNow(c) {
    return fmt(serverNow(), customerZone(c), offsetOf(c.customer_local_time), CLOCK);
  }

  /** A time of the customer's (promised_at, due_at): in their zone. */
  function inCustomerZone(c, s) {
    return fmt(ms(s), customerZone(c), offsetOf(s));
  }

  function windowClosing(c) {
    if (c.status === "resolved") return false;
    if (c.reply_mode === "closed") return true;
    const closes = ms(c.window_closes_at);
    return !Number.isNaN(closes) && closes - serverNow() < WINDOW_WARNING_MS;
  }

  function waited(c) {
    const end = ms(c.first_human_reply_at) || ms(c.resolved_at) || serverNow();
    const label = c.first_human_reply_at || c.resolved_at ? "waited" : "waiting";
    return `${label} ${duration(end - ms(c.opened_at))}`;
  }

  const isMine = (c) => c.claimed_by && c.claimed_by === state.me;

  function badges(c) {
    const out = [];
    if (c.overdue) out.push(h("span", { class: "badge overdue", "data-testid": "mark-overdue" }, "OVERDUE"));
    if (windowClosing(c)) {
      const text = c.reply_mode === "closed" ? "Window closed" : "Window closing";
      out.push(h("span", { class: "badge window", "data-testid": "mark-window" }, text));
    }
    if (c.claimed_by && c.status !== "resolved") {
      const who = isMine(c) ? "you" : c.claimed_by;
      out.push(
        h("span", { class: isMine(c) ? "badge claimed mine" : "badge claimed", "data-testid": "mark-claimed" }, `Claimed by ${who}`),
      );
    }
    if (c.status === "resolved") {
      out.push(h("span", { class: "badge resolved", "data-testid": "mark-resolved" }, "Resolved"));
    }
    return out;
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, body, retryAfter) {
      const reason = (body && body.reason) || defaultReason(status, retryAfter);
      super(reason);
      this.status = status;
      this.code = (body && body.error) || (status ? `http_${status}` : "network");
      this.reason = reason;
      this.body = body || {};
    }
  }

  function defaultReason(status, retryAfter) {
    if (status === 0) return "The server cannot be reached. The console keeps trying.";
    if (status === 401) return "The token was not accepted.";
    if (status === 404) return "Not found.";
    if (status === 429) return `Too many attempts: wait ${retryAfter || "a few"} seconds and try again.`;
    if (status >= 500) return `The server failed (HTTP ${status}). Try again in a moment.`;
    return `The server refused (HTTP ${status}).`;
  }

  async function api(method, path, body) {
    const headers = { Authorization: `Bearer ${state.token}`, Accept: "application/json" };
    const init = { method, headers, cache: "no-store", credentials: "omit" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path, init);
    } catch (_) {
      throw new ApiError(0, null, null);
    }
    const text = await res.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (_) {
        data = null;
      }
    }
    if (!res.ok) throw new ApiError(res.status, data, res.headers.get("Retry-After"));
    return data;
  }

  const casePath = (id, action) => `/api/cases/${encodeURIComponent(id)}${action ? `/${action}` : ""}`;

  // ------------------------------------------------------------ sign-in

  async function signIn(token, remembered) {
    state.token = token;
    const err = $("signin-error");
    try {
      const me = await api("GET", "/api/me");
      state.me = me && me.name;
      sessionStorage.setItem(TOKEN_KEY, token);
      enterApp();
    } catch (e) {
      state.token = null;
      sessionStorage.removeItem(TOKEN_KEY);
      if (e.status === 404) err.textContent = "This server has no agent API (HTTP 404).";
      else if (e.status === 401 && remembered) err.textContent = "Your saved sign-in is no longer accepted. Sign in again.";
      else if (e.status === 401) err.textContent = "That token was not accepted. Check it with your team lead.";
      else err.textContent = e.reason;
      show(err, true);
      show($("signin"), true);
      $("token-input").focus();
    }
  }

  function enterApp() {
    show($("signin"), false);
    show($("signin-error"), false);
    $("token-input").value = "";
    $("me").textContent = `Signed in as ${state.me}`;
    for (const id of ["me", "signout", "help-button", "coverage-button", "app"]) show($(id), true);
    $("status-filter").value = state.status;
    loadTeams();
    poll(++state.pollGen);
    $("queue").focus();
  }

  function signOut(message) {
    clearTimeout(state.pollTimer);
    state.pollTimer = null;
    state.pollGen++;
    sessionStorage.removeItem(TOKEN_KEY);
    Object.assign(state, { token: null, me: null, cases: [], open: null, openId: null, selectedId: null });
    state.drafts.clear();
    state.queueSeq++;
    state.caseSeq++;
    // Nothing of the customers stays on the screen.
    $("queue").replaceChildren();
    closeCaseView();
    for (const id of ["me", "signout", "help-button", "coverage-button", "app"]) show($(id), false);
    if ($("coverage").open) $("coverage").close();
    $("coverage-grid").replaceChildren();
    $("sync").textContent = "";
    document.title = "Care console";
    const err = $("signin-error");
    err.textContent = message || "";
    show(err, Boolean(message));
    show($("signin"), true);
    $("token-input").focus();
  }

  // ---------------------------------------------------------- teams

  async function loadTeams() {
    try {
      const data = await api("GET", "/api/teams");
      state.teams = (data && data.teams) || [];
    } catch (e) {
      if (e.status === 401) return signOut("Your token is no longer accepted. Sign in again.");
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
  }

  // ---------------------------------------------------------- polling

  /** One polling loop per sign-in: `gen` ends the loop of an earlier one. */
  async function poll(gen) {
    clearTimeout(state.pollTimer);
    if (!state.token || gen !== state.pollGen) return;
    try {
      await refreshQueue();
      if (state.openId && !state.busy) await refreshOpenCase();
      if (gen !== state.pollGen) return;
      const sync = $("sync");
      sync.textContent = `Updated ${new Date().toLocaleTimeString("en-GB")}`;
      sync.classList.remove("bad");
    } catch (e) {
      if (gen !== state.pollGen) return;
      if (e.status === 401) return signOut("Your token is no longer accepted. Sign in again.");
      const sync = $("sync");
      sync.textContent = e.status === 0 ? "Connection lost: retrying" : `Update failed: ${e.reason}`;
      sync.classList.add("bad");
    }
    if (state.token && gen === state.pollGen) state.pollTimer = setTimeout(() => poll(gen), POLL_MS);
  }

  async function refreshQueue() {
    const seq = ++state.queueSeq;
    let path = `/api/cases?status=${encodeURIComponent(state.status)}`;
    if (state.team) path += `&team=${encodeURIComponent(state.team)}`;
    const data = await api("GET", path);
    if (seq !== state.queueSeq) return;
    if (data && data.now) {
      const now = ms(data.now);
      if (!Number.isNaN(now)) state.clockOffset = now - Date.now();
    }
    state.cases = (data && data.cases) || [];
    renderQueue();
  }

  async function refreshOpenCase() {
    const id = state.openId;
    const seq = ++state.caseSeq;
    try {
      const c = await api("GET", casePath(id));
      if (seq === state.caseSeq && id === state.openId) renderCase(c);
    } catch (e) {
      if (e.status === 404 && id === state.openId) showError(e);
      else throw e;
    }
  }

  // ------------------------------------------------------------ queue

  function renderQueue() {
    const list = $("queue");
    const cases = state.cases;
    if (!cases.some((c) => c.id === state.selectedId)) {
      const before = state.lastIndex || 0;
      state.selectedId = cases.length ? cases[Math.min(before, cases.length - 1)].id : null;
    }
    const items = cases.map((c) => queueItem(c));
    list.replaceChildren(...items);
    show($("queue-empty"), cases.length === 0);
    const waiting = cases.filter((c) => c.status === "waiting").length;
    const overdue = cases.filter((c) => c.overdue).length;
    $("queue-count").textContent =
      `${cases.length} case${cases.length === 1 ? "" : "s"}` +
      (state.status === "open" ? `, ${waiting} waiting` : "") +
      (overdue ? `, ${overdue} overdue` : "");
    document.title = waiting ? `(${waiting}) Care console` : "Care console";
    markSelected(false);
  }

  function queueItem(c) {
    const classes = ["case-item"];
    if (c.id === state.openId) classes.push("open");
    if (c.overdue) classes.push("is-overdue");
    return h(
      "li",
      {
        id: `case-${c.id}`,
        class: classes.join(" "),
        role: "option",
        "aria-selected": "false",
        "data-testid": "case-item",
        "data-case-id": c.id,
        "data-status": c.status,
        onclick: () => {
          select(c.id);
          openCase(c.id);
        },
      },
      h(
        "div",
        { class: "row" },
        h("span", { class: "customer", "data-testid": "case-customer" }, customerName(c)),
        h("span", { class: "badges" }, badges(c)),
      ),
      h(
        "div",
        { class: "row meta" },
        h("span", { "data-testid": "case-channel" }, channelName(c.channel)),
        h("span", { "data-testid": "case-language" }, (c.language || "–").toUpperCase()),
        h("span", { "data-testid": "case-local-time", title: "The customer's clock now" }, `${customerNow(c)} there`),
        h("span", { "data-testid": "case-team" }, c.team || "no team"),
      ),
      h(
        "div",
        { class: "row meta" },
        h("span", { class: `priority p-${c.priority}`, "data-testid": "case-priority" }, c.priority || "–"),
        c.kind !== c.priority ? h("span", { "data-testid": "case-kind" }, c.kind || "–") : null,
        h("span", { class: "waited", "data-testid": "case-waiting" }, waited(c)),
      ),
    );
  }

  function select(id) {
    state.selectedId = id;
    markSelected(true);
  }

  function markSelected(scroll) {
    const list = $("queue");
    let active = null;
    for (const li of list.children) {
      const on = li.dataset.caseId === state.selectedId;
      li.setAttribute("aria-selected", on ? "true" : "false");
      li.classList.toggle("selected", on);
      if (on) active = li;
    }
    if (active) {
      list.setAttribute("aria-activedescendant", active.id);
      state.lastIndex = Array.prototype.indexOf.call(list.children, active);
      if (scroll) active.scrollIntoView({ block: "nearest" });
    } else {
      list.removeAttribute("aria-activedescendant");
    }
  }

  function move(step) {
    const cases = state.cases;
    if (!cases.length) return;
    let i = cases.findIndex((c) => c.id === state.selectedId);
    i = i < 0 ? 0 : Math.max(0, Math.min(cases.length - 1, i + step));
    select(cases[i].id);
  }

  // ------------------------------------------------------------- case

  async function openCase(id) {
    if (state.openId && state.openId !== id) saveDraft();
    if (state.openId !== id) {
      state.rendered = { transcript: "", actions: "", history: "", transferTeams: "" };
      clearError();
    }
    state.openId = id;
    for (const li of $("queue").children) li.classList.toggle("open", li.dataset.caseId === id);
    const seq = ++state.caseSeq;
    try {
      const c = await api("GET", casePath(id));
      if (seq === state.caseSeq && id === state.openId) {
        renderCase(c);
        $("reply-text").value = state.drafts.get(id) || "";
      }
    } catch (e) {
      if (e.status === 401) return signOut("Your token is no longer accepted. Sign in again.");
      showError(e);
    }
  }

  function saveDraft() {
    const text = $("reply-text").value;
    if (text) state.drafts.set(state.openId, text);
    else state.drafts.delete(state.openId);
  }

  function closeCaseView() {
    state.rendered = { transcript: "", actions: "", history: "", transferTeams: "" };
    for (const id of ["case-header", "transcript", "actions-log", "history"]) $(id).replaceChildren();
    $("reply-text").value = "";
    $("note-text").value = "";
    clearError();
    show($("case-view"), false);
    show($("no-case"), true);
  }

  function fact(label, testid, ...value) {
    return h("div", { class: "fact" }, h("dt", null, label), h("dd", { "data-testid": testid }, ...value));
  }

  function renderCase(c) {
    state.open = c;
    show($("no-case"), false);
    const view = $("case-view");
    view.dataset.caseId = c.id;
    view.dataset.status = c.status;
    show(view, true);
    renderHeader(c);
    renderTranscript(c);
    renderActions(c);
    renderHistory(c);
    renderTransfer(c);
    renderCompose(c);
    updateButtons();
  }

  function renderHeader(c) {
    const zone = customerZone(c);
    const zoneText = c.customer_time_zone
      ? `${c.customer_time_zone}, ${zoneSource(c.customer_time_zone_source)}`
      : `zone not known (${zoneSource(c.customer_time_zone_source)})`;
    const wrote = fmt(ms(c.customer_local_time), zone, offsetOf(c.customer_local_time), CLOCK);
    const line = (...parts) => h("div", null, ...parts);
    const sub = (testid, ...parts) => h("div", { class: "sub", "data-testid": testid }, ...parts);

    const promise = c.promised_at
      ? [
          line(h("span", { "data-testid": "promised-customer" }, inCustomerZone(c, c.promised_at))),
          sub("promised-agent", `${fmtLocal(c.promised_at)} yours (${agentZone})`),
        ]
      : [line("nothing"), sub("promised-agent", "the team was open")];

    const due = c.overdue
      ? h("span", { "data-testid": "due-state" }, h("span", { class: "badge overdue" }, "OVERDUE"), ` was due ${relative(c.due_at)}`)
      : h("span", { "data-testid": "due-state" }, relative(c.due_at));

    let windowLine = "no window given";
    if (c.window_closes_at) {
      const past = ms(c.window_closes_at) < serverNow();
      // The server's sentence ("window closes in 2 h", "window closed 3 h
      // ago: only a template can reach the customer"), then the exact time.
      windowLine = h(
        "span",
        { class: windowClosing(c) ? "warn" : null },
        h("span", { "data-testid": "window-note" }, c.window ? c.window.note : `${past ? "closed" : "closes"} ${relative(c.window_closes_at)}`),
        h("span", { class: "sub" }, ` · ${past ? "closed" : "closes"} ${fmtLocal(c.window_closes_at)}`),
      );
    }

    let owner = "nobody";
    if (c.status === "resolved") owner = `resolved by ${c.resolved_by || "?"}, ${fmtLocal(c.resolved_at)}`;
    else if (c.claimed_by) owner = `${isMine(c) ? "you" : c.claimed_by}, since ${fmtLocal(c.claimed_at)}`;

    $("case-header").replaceChildren(
      h(
        "div",
        { class: "title" },
        h("h2", { "data-testid": "case-title" }, customerName(c)),
        h("span", { class: "case-id", "data-testid": "case-id" }, `case ${c.id}`),
        h("span", { class: `status s-${c.status}`, "data-testid": "case-status" }, c.status),
        h("span", { class: "badges" }, badges(c)),
        h(
          "span",
          { class: "where" },
          h("span", { "data-testid": "fact-channel", title: c.account ? `account ${c.account}` : null }, channelName(c.channel)),
          " · ",
          h("span", { "data-testid": "fact-language" }, languageName(c.language)),
          " · team ",
          h("span", { "data-testid": "fact-team" }, c.team || "–"),
        ),
      ),
      h(
        "dl",
        { class: "facts" },
        fact("Customer's time", "fact-local-time", line(`now ${customerNow(c)} · wrote ${wrote}`), sub("fact-zone", zoneText)),
        fact("Promised (their time)", "fact-promised", ...promise),
        fact("Due (their time)", "fact-due", line(inCustomerZone(c, c.due_at)), line(due)),
        fact(
          "Reply window",
          "fact-window",
          line(
            h("strong", { "data-testid": "reply-mode", "data-mode": c.reply_mode, title: REPLY_MODES[c.reply_mode] || null }, REPLY_MODE_WORDS[c.reply_mode] || "–"),
            h("span", { class: "sub" }, ` ${REPLY_MODE_SHORT[c.reply_mode] || ""}`),
          ),
          line(windowLine),
        ),
        fact("Kind", "fact-kind", `${c.kind || "–"}${c.intent ? ` · ${c.intent}` : ""}`, h("span", { class: "sub" }, ` · ${c.priority || "–"} priority`)),
        fact("Owner", "fact-owner", owner),
        fact("Opened", "fact-opened", `${fmtLocal(c.opened_at)} · ${waited(c)}`),
        fact("Customer id", "fact-customer-id", (c.customer && c.customer.id) || "–"),
      ),
    );
  }

  function deliveryText(entry) {
    const d = entry.delivery;
    if (!d) return null;
    if (d === "failed") return null;
    const words = { sending: "sending…", sent: "sent", retrying: "retrying…" };
    return h("span", { class: `delivery d-${d}`, "data-testid": "delivery" }, words[d] || d);
  }

  function errorText(err) {
    if (!err) return "no reason given";
    if (typeof err === "string") return err;
    const parts = [err.reason || err.message || err.error || JSON.stringify(err)];
    if (err.code !== undefined) parts.push(`code ${err.code}`);
    return parts.join(", ");
  }

  function renderTranscript(c) {
    const entries = c.transcript || [];
    const key = JSON.stringify(entries);
    if (key === state.rendered.transcript) return;
    const first = state.rendered.transcript === "";
    state.rendered.transcript = key;
    const list = $("transcript");
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const last = entries[entries.length - 1];
    const grew = entries.length > list.children.length;
    const mine = last && last.from === "agent" && last.by === state.me;
    const items = entries.map((e, i) => {
      const note = Boolean(e.internal);
      const kind = note ? "note" : e.from;
      let who;
      if (note) who = `Internal note by ${e.by || "?"} — not sent to the customer`;
      else if (e.from === "customer") who = customerName(c);
      else if (e.from === "bot") who = "Bot";
      else who = e.by || "Agent";
      const failed = e.delivery === "failed";
      return h(
        "li",
        {
          class: `msg from-${kind}${failed ? " failed" : ""}`,
          "data-testid": "msg",
          "data-from": e.from,
          "data-internal": note ? "true" : null,
          "data-delivery": e.delivery || null,
          "data-index": i,
        },
        h(
          "div",
          { class: "msg-meta" },
          h("span", { class: "who" }, who),
          e.from === "bot" ? h("span", { class: "badge automated" }, "automated") : null,
          h("time", { datetime: e.at || "" }, fmtLocal(e.at)),
          deliveryText(e),
        ),
        h("div", { class: "text", "data-testid": "msg-text" }, e.text || ""),
        e.attachments && e.attachments.length
          ? h("div", { class: "attachments", "data-testid": "attachments" }, `Attachment: ${e.attachments.join(", ")}`)
          : null,
        failed
          ? h("div", { class: "msg-error", "data-testid": "delivery-error" }, `Not delivered: ${errorText(e.error)}`)
          : null,
        e.delivery === "retrying" && e.error
          ? h("div", { class: "msg-retry", "data-testid": "delivery-retry" }, `Retrying: ${errorText(e.error)}`)
          : null,
      );
    });
    list.replaceChildren(...items);
    if (first || atBottom || (grew && mine)) list.scrollTop = list.scrollHeight;
  }

  function renderActions(c) {
    const actions = c.actions || [];
    const key = JSON.stringify(actions);
    if (key === state.rendered.actions) return;
    state.rendered.actions = key;
    $("actions-log").replaceChildren(
      ...actions.map((a) =>
        h(
          "li",
          { "data-testid": "action", "data-action": a.action },
          h("time", { datetime: a.at || "" }, fmtLocal(a.at)),
          " ",
          h("strong", null, a.by || "?"),
          ` ${a.action || ""}`,
          a.detail ? h("span", { class: "sub" }, ` · ${a.detail}`) : null,
        ),
      ),
    );
  }

  function renderHistory(c) {
    const hist = c.history || { earlier_cases: 0, cases: [] };
    const key = JSON.stringify(hist);
    if (key === state.rendered.history) return;
    state.rendered.history = key;
    const cases = hist.cases || [];
    const count = hist.earlier_cases || cases.length;
    const items = cases.map((e) =>
      h(
        "li",
        { "data-testid": "history-case" },
        h("button", { type: "button", class: "link", onclick: () => openCase(e.id) }, `case ${e.id}`),
        ` ${e.kind || ""} · opened ${fmtLocal(e.opened_at)}`,
        e.resolved_at ? ` · ${e.outcome || "resolved"} by ${e.resolved_by || "?"} ${fmtLocal(e.resolved_at)}` : "",
      ),
    );
    $("history").replaceChildren(
      h("p", { class: "sub" }, count ? `${count} earlier case${count === 1 ? "" : "s"}` : "None: first contact."),
      ...(items.length ? [h("ul", null, items)] : []),
    );
  }

  function renderTransfer(c) {
    const key = `${c.team}|${state.teams.map((t) => t.id).join(",")}`;
    if (key === state.rendered.transferTeams) return;
    state.rendered.transferTeams = key;
    const select = $("transfer-team");
    const keep = select.value;
    const options = [h("option", { value: "" }, "choose a team")];
    for (const t of state.teams) {
      if (t.id !== c.team) options.push(h("option", { value: t.id }, t.id));
    }
    select.replaceChildren(...options);
    if (state.teams.some((t) => t.id === keep && t.id !== c.team)) select.value = keep;
  }

  function renderCompose(c) {
    const opener = c.status !== "resolved" ? c.suggested_opener : null;
    show($("opener-row"), Boolean(opener));
    $("opener-text").textContent = opener ? `“${opener}”` : "";
    const warn = $("compose-warning");
    let warning = "";
    if (c.status === "resolved") warning = "This case is resolved.";
    else if (c.claimed_by && !isMine(c)) warning = `${c.claimed_by} has claimed this case.`;
    else if (c.reply_mode === "closed") warning = `A written reply will not be delivered: ${c.window ? c.window.note : "the reply window is closed"}.`;
    else if (windowClosing(c)) warning = c.window ? `Hurry: ${c.window.note}.` : `The reply window closes ${relative(c.window_closes_at)}.`;
    warn.textContent = warning;
    show(warn, Boolean(warning));
    $("reply-mode-hint").textContent = c.reply_mode ? `Sends as: ${REPLY_MODE_WORDS[c.reply_mode]}` : "";
    renderTemplate(c);
  }

  // WhatsApp past its 24-hour window takes only an approved template: the
  // case shows the filled-in text before a person sends it.
  const needsTemplate = (c) => c && c.channel === "whatsapp" && c.reply_mode === "closed" && c.status !== "resolved";

  function templateQuery() {
    const name = $("template-first-name").value.trim();
    return name ? `?first_name=${encodeURIComponent(name)}` : "";
  }

  async function renderTemplate(c) {
    const row = $("template-row");
    if (!needsTemplate(c)) {
      show(row, false);
      state.templateKey = null;
      return;
    }
    show(row, true);
    const key = `${c.id}|${c.last_customer_message_at}|${(c.transcript || []).length}|${templateQuery()}`;
    if (state.templateKey === key) return;
    state.templateKey = key;
    const problem = $("template-problem");
    try {
      const p = await api("GET", casePath(c.id, "template") + templateQuery());
      if (state.templateKey !== key) return;
      $("template-text").textContent = p.text;
      $("template-text").lang = p.language;
      // Sent already and the customer has not answered: sending it again
      // would only be billed twice.
      const sent = (c.transcript || []).some((m) => m.from === "agent" && m.delivery === "sent" && m.text === p.text);
      state.templateSent = sent;
      problem.textContent = sent ? "Sent: the window reopens when the customer answers." : "";
      show(problem, sent);
    } catch (e) {
      if (state.templateKey !== key) return;
      $("template-text").textContent = "";
      state.templateSent = false;
      problem.textContent = (e.body && e.body.reason) || `No preview (HTTP ${e.status})`;
      show(problem, true);
    }
    updateButtons();
  }

  function sendTemplate() {
    const name = $("template-first-name").value.trim();
    const body = name ? { parameters: { first_name: name } } : {};
    act("template", body, "Template sent");
  }

  function updateButtons() {
    const c = state.open;
    const busy = state.busy;
    const active = c && c.status !== "resolved";
    const mineOrFree = c && (!c.claimed_by || isMine(c));
    $("claim").disabled = busy || !c || c.status !== "waiting";
    $("release").disabled = busy || !c || c.status !== "claimed" || !isMine(c);
    $("transfer").disabled = busy || !active;
    $("transfer-team").disabled = busy || !active;
    $("resolve").disabled = busy || !active;
    $("send-reply").disabled = busy || !active || !mineOrFree;
    $("send-template").disabled =
      busy || !needsTemplate(c) || !mineOrFree || !$("template-text").textContent || Boolean(state.templateSent);
    $("add-note").disabled = busy || !active;
    $("use-opener").disabled = busy || !active;
    document.body.classList.toggle("busy", busy);
  }

  // ---------------------------------------------------------- actions

  const ERROR_TITLES = {
    claimed_by_other: (e) => `Claimed by ${e.body.claimed_by || "someone else"}`,
    resolved: () => "Already resolved",
    outside_window: () => "Not sent: outside the reply window",
    window_open: () => "Not sent: the window is open, write a reply",
    no_template: () => "No template configured",
    language_missing: () => "No template in the customer's language",
    values_missing: () => "A template value is missing",
    send_failed: () => "Not sent: the channel refused it",
    bad_request: () => "Not accepted",
    not_found: () => "Case not found",
    unauthorized: () => "Not signed in",
    network: () => "No connection",
  };

  function showError(e) {
    const banner = $("error");
    const title = ERROR_TITLES[e.code] ? ERROR_TITLES[e.code](e) : `Failed (HTTP ${e.status})`;
    banner.dataset.code = e.code;
    banner.dataset.status = String(e.status);
    banner.replaceChildren(
      h("strong", { "data-testid": "error-title" }, title),
      " ",
      h("span", { "data-testid": "error-reason" }, e.reason, e.body.code ? ` (Meta error ${e.body.code})` : ""),
      h("span", { class: "sub" }, ` (${e.status || "no answer"} ${e.code})`),
      h("button", { type: "button", class: "dismiss", "aria-label": "Dismiss", onclick: clearError }, "×"),
    );
    show(banner, true);
  }

  function clearError() {
    const banner = $("error");
    banner.replaceChildren();
    delete banner.dataset.code;
    delete banner.dataset.status;
    show(banner, false);
  }

  let toastTimer = null;
  function toast(text) {
    const t = $("toast");
    t.textContent = text;
    show(t, true);
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => show(t, false), 4000);
  }

  /** POSTs an action on the open case; true when it went through. */
  async function act(action, body, done) {
    const c = state.open;
    if (!c || state.busy) return false;
    const id = c.id;
    state.busy = true;
    updateButtons();
    clearError();
    state.caseSeq++; // a poll already under way must not paint over the answer
    try {
      const after = await api("POST", casePath(id, action), body);
      if (id === state.openId) renderCase(after);
      toast(done);
      return true;
    } catch (e) {
      if (e.status === 401) {
        signOut("Your token is no longer accepted. Sign in again.");
        return false;
      }
      if (id === state.openId) {
        showError(e);
        if (e.body && e.body.case) renderCase(e.body.case);
        else refreshOpenCase().catch(() => {});
      }
      return false;
    } finally {
      state.busy = false;
      updateButtons();
      refreshQueue().catch(() => {});
    }
  }

  async function claim() {
    if (!state.open && state.selectedId) await openCase(state.selectedId);
    if (state.open && state.open.status === "waiting") await act("claim", undefined, `You claimed case ${state.open.id}`);
  }

  const release = () => act("release", undefined, "Released: back to waiting");

  async function sendReply() {
    const box = $("reply-text");
    const text = box.value.trim();
    if (!state.open || $("send-reply").disabled) return;
    if (!text) {
      box.focus();
      return;
    }
    const id = state.open.id;
    if (await act("reply", { text }, "Reply sent")) {
      if (state.openId === id) box.value = "";
      state.drafts.delete(id);
    }
  }

  async function addNote() {
    const box = $("note-text");
    const text = box.value.trim();
    if (!state.open || $("add-note").disabled || !text) return;
    if (await act("note", { text }, "Note added")) box.value = "";
  }

  function transfer() {
    const team = $("transfer-team").value;
    if (!team) {
      $("transfer-team").focus();
      return;
    }
    act("transfer", { team }, `Transferred to ${team}`);
  }

  function resolve() {
    if (state.open && state.open.status !== "resolved" && !$("resolve").disabled) {
      act("resolve", undefined, `Case ${state.open.id} resolved`);
    }
  }

  function useOpener() {
    const opener = state.open && state.open.suggested_opener;
    if (!opener) return;
    const box = $("reply-text");
    const rest = box.value.trim();
    if (!rest.startsWith(opener)) box.value = rest ? `${opener} ${rest}` : `${opener} `;
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  }

  // --------------------------------------------------------- keyboard

  function onKey(ev) {
    if ($("app").hidden || ev.defaultPrevented) return;
    if ($("help").open) return;
    const t = ev.target;
    const typing = t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (typing) {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
        if (t.id === "reply-text") sendReply();
        else if (t.id === "note-text") addNote();
        else return;
        ev.preventDefault();
      } else if (ev.key === "Escape" && t.tagName !== "SELECT") {
        t.blur();
        $("queue").focus();
      }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    switch (ev.key) {
      case "j":
      case "ArrowDown":
        move(1);
        break;
      case "k":
      case "ArrowUp":
        move(-1);
        break;
      case "Enter":
        // On a button, Enter presses the button.
        if (t !== $("queue") && t !== document.body) return;
        if (state.selectedId) openCase(state.selectedId);
        break;
      case "c":
        claim();
        break;
      case "r":
        if (!state.open) return;
        $("reply-text").focus();
        break;
      case "n":
        if (!state.open) return;
        $("note-text").focus();
        break;
      case "e":
        resolve();
        break;
      case "?":
        $("help").showModal();
        break;
      default:
        return;
    }
    ev.preventDefault();
  }

  // ------------------------------------------------------------ start

  function loadFilters() {
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

  function onFilterChange() {
    state.status = $("status-filter").value;
    state.team = $("team-filter").value;
    saveFilters();
    state.selectedId = null;
    state.lastIndex = 0;
    $("queue").replaceChildren();
    refreshQueue().catch((e) => {
      if (e.status === 401) signOut("Your token is no longer accepted. Sign in again.");
    });
  }

  // ----------------------------------------------------------- coverage

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
        h("span", { class: "hint" }, ` · ${lang.time_zone} · teams: ${teams}${lang.via_fallback ? " (no team speaks it: fallback)" : ""}`)),
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
      if (e.status === 401) return signOut("Your token is no longer accepted. Sign in again.");
      err.textContent = (e.data && e.data.reason) || "The coverage could not be loaded; try again.";
      show(err, true);
    }
  }

  function openCoverage() {
    if (!$("coverage-week").value) $("coverage-week").value = thisWeek();
    $("coverage").showModal();
    loadCoverage();
  }

  function start() {
    loadFilters();
    $("signin-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const token = $("token-input").value.trim();
      if (token) signIn(token, false);
    });
    $("signout").addEventListener("click", () => signOut(""));
    $("help-button").addEventListener("click", () => $("help").showModal());
    $("help-close").addEventListener("click", () => $("help").close());
    $("coverage-button").addEventListener("click", openCoverage);
    $("coverage-close").addEventListener("click", () => $("coverage").close());
    $("coverage-week").addEventListener("change", loadCoverage);
    $("status-filter").addEventListener("change", onFilterChange);
    $("team-filter").addEventListener("change", onFilterChange);
    $("claim").addEventListener("click", claim);
    $("release").addEventListener("click", release);
    $("transfer").addEventListener("click", transfer);
    $("resolve").addEventListener("click", resolve);
    $("send-reply").addEventListener("click", sendReply);
    $("send-template").addEventListener("click", sendTemplate);
    $("template-first-name").addEventListener("change", () => state.open && renderTemplate(state.open));
    $("add-note").addEventListener("click", addNote);
    $("use-opener").addEventListener("click", useOpener);
    document.addEventListener("keydown", onKey);

    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) signIn(saved, true);
    else $("token-input").focus();
  }

  start();
})();
