// state.js — the page's shared state: the door, what is open, and a
// tiny event bus the views listen on.

export const state = {
  /** @type {any} the JS door (window.ddbplay) */
  db: null,
  space: "default",
  /** name of the table that is open, or "" */
  table: "",
  /** "tables" | "items" | "indexes" | "api" */
  view: "tables",
  /** endpoint written into generated code */
  endpoint: "http://localhost:8000",
  /** region written into generated code */
  region: "us-east-1",
  /** in connected mode, the endpoint state.db talks to; "" otherwise */
  connected: "",
};

const listeners = new Map();

/** on subscribes fn to an event name. */
export function on(event, fn) {
  if (!listeners.has(event)) listeners.set(event, []);
  listeners.get(event).push(fn);
}

/** emit calls every listener of event with arg. */
export function emit(event, arg) {
  for (const fn of listeners.get(event) || []) fn(arg);
}
