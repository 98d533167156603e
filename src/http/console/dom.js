// Building the page. Every piece of customer text goes into the page as a
// text node (through `h()` or `textContent`); nothing here assigns HTML.

export const $ = (id) => document.getElementById(id);

/** Creates an element; strings among the children become text nodes. */
export function h(tag, attrs, ...children) {
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

export function show(el, visible) {
  el.hidden = !visible;
}

/** True while the agent types in `el`: single-key shortcuts leave it alone. */
export const typingIn = (el) =>
  el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

/**
 * A single-key shortcut of a feature module: `fn()` runs on `key` (no
 * modifier, not while typing, no dialog open, signed in) when `when()` is true.
 */
export function onShortcut(key, when, fn) {
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== key || ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
    if ($("app").hidden || document.querySelector("dialog[open]") || typingIn(ev.target) || !when()) return;
    ev.preventDefault();
    fn();
  });
}
