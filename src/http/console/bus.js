// Hooks between modules: named events on `document`, so that a module can
// react to the others (a case shown, the queue refreshed, a sign-out)
// without importing them, and no two modules import each other.
//
// Events (detail in brackets):
//   signed-in (agent name), signed-out, unauthorized (message),
//   queue (the listed cases, after the list is drawn),
//   case (the open case, after it is drawn), teams (the teams of /api/teams).

const PREFIX = "console:";

/** Calls `fn(detail)` each time `name` is emitted. */
export function on(name, fn) {
  document.addEventListener(PREFIX + name, (ev) => fn(ev.detail));
}

/** Tells every listener of `name`, at once (listeners run before this returns). */
export function emit(name, detail) {
  document.dispatchEvent(new CustomEvent(PREFIX + name, { detail }));
}
