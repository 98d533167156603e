// One customer across channels: an agent links two cases as the same person
// (POST /api/cases/{id}/link, /unlink) and the case shows the other ones.
// Hidden on a server whose case view has no `linked` list.

import { api, casePath, TOKEN_REFUSED } from "./api.js";
import { emit, on } from "./bus.js";
import { $, h, show } from "./dom.js";
import { showError, toast } from "./feedback.js";
import { state } from "./state.js";
import { channelName, statusName } from "./words.js";
import { openCase, renderCase } from "./case-view.js";

function paint(c) {
  const section = $("linked-section");
  if (!Array.isArray(c.linked)) return show(section, false);
  show(section, true);
  const key = JSON.stringify(c.linked);
  if ($("linked").dataset.key === `${c.id}|${key}`) return;
  $("linked").dataset.key = `${c.id}|${key}`;
  $("linked").replaceChildren(
    ...(c.linked.length
      ? c.linked.map((other) =>
          h(
            "li",
            { "data-testid": "linked-case", "data-case-id": other.id },
            other.id
              ? h("button", { type: "button", class: "link", onclick: () => openCase(String(other.id)) }, `case ${other.id}`)
              : "no case now",
            ` ${channelName(other.channel)} · ${other.name || "name not known"}`,
            other.status ? h("span", { class: "sub" }, ` · ${other.status_label || statusName(other.status)}`) : null,
            " ",
            other.id
              ? h(
                  "button",
                  { type: "button", class: "link", "aria-label": `Unlink case ${other.id}`, onclick: () => change("unlink", other.id) },
                  "unlink",
                )
              : null,
          ),
        )
      : [h("li", { class: "sub" }, "No other case linked.")]),
  );
}

async function change(action, other) {
  const c = state.open;
  if (!c || !other) return;
  try {
    const after = await api("POST", casePath(c.id, action), { other: String(other) });
    if (after && after.id === state.openId) renderCase(after);
    toast(action === "link" ? `Case ${other} linked as the same person` : `Case ${other} unlinked`);
    if (action === "link") $("link-other").value = "";
  } catch (e) {
    if (e.status === 401) return emit("unauthorized", TOKEN_REFUSED);
    showError(e);
  }
}

$("link-button").addEventListener("click", () => {
  const other = $("link-other").value.trim().replace(/^#/, "");
  if (!other) return $("link-other").focus();
  change("link", other);
});
$("link-other").addEventListener("keydown", (ev) => {
  if (ev.key === "Enter") {
    ev.preventDefault();
    $("link-button").click();
  }
});
on("case", paint);
