// Small DOM helpers shared by the room's panels. Text goes in with
// textContent only, never as HTML.

import { ActionFields, ActionType } from "./actions_gen";
import { Translate } from "./strings";

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls = "", text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function byId(id: string): HTMLElement | null {
  return document.getElementById(id);
}

/** Sets an element's text only when it changed, so that a live region
 * announces changes, not every refresh. */
export function setText(e: HTMLElement | null, text: string): void {
  if (e && e.textContent !== text) e.textContent = text;
}

function pad(n: number): string {
  return (n < 10 ? "0" : "") + n;
}

/** Formats milliseconds as the server does (pages minSec): m:ss. */
export function minSec(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return Math.floor(s / 60) + ":" + pad(s % 60);
}

/** Joins names as the page's language lists them, where the browser can. */
export function listOf(names: string[]): string {
  const LF = (Intl as unknown as { ListFormat?: new (lang: string) => { format(l: string[]): string } }).ListFormat;
  return LF ? new LF(document.documentElement.lang || "en").format(names) : names.join(", ");
}

/** Wraps s in bidi isolates, as the server's Isolate does. */
export function isolate(s: string): string {
  return "\u2068" + s + "\u2069";
}

/** An action form's hidden fields: some of its action's declared fields
 * (actions_gen.ts), as form values. */
export type FormFields<T extends ActionType> = { [K in keyof ActionFields[T]]?: string | number | boolean };

/**
 * Builds an action form as the server's template "act" does: a button
 * that posts to /sessions/:id/act, or that actions.ts sends over the
 * socket. pressed makes it a toggle in that state. Only a declared action
 * type, with its own fields, type-checks.
 */
export type ActFactory = <T extends ActionType>(label: string, type: T, fields?: FormFields<T>, pressed?: boolean, describedBy?: string) => HTMLFormElement;

export function actFactory(sessionId: string, back: string, label: (key: string) => string): ActFactory {
  return (key, type, fields = {}, pressed, describedBy) => {
    const f = el("form", "act");
    f.method = "post";
    f.action = "/sessions/" + sessionId + "/act";
    const all: Record<string, unknown> = { type };
    if (back) all.back = back;
    Object.assign(all, fields);
    for (const k of Object.keys(all)) {
      const i = el("input");
      i.type = "hidden";
      i.name = k;
      i.value = String(all[k]);
      f.append(i);
    }
    const b = el("button", "", label(key));
    b.type = "submit";
    if (pressed !== undefined) b.setAttribute("aria-pressed", String(pressed));
    // One of many alike ("Support" on every question): what it is about.
    if (describedBy) b.setAttribute("aria-describedby", describedBy);
    f.append(b);
    return f;
  };
}

/** The controls a keyboard reaches in a row, in order (shown ones only). */
function controls(row: Element | undefined): HTMLElement[] {
  return row ? Array.from(row.querySelectorAll<HTMLElement>("a[href],button,input:not([type=hidden]),select,textarea,summary")).filter((e) => e.offsetParent) : [];
}

/**
 * Called before a list is rebuilt from an event, returns what puts the
 * keyboard back once it is: the same control of the same row (key:
 * attribute attr), menus open as they were; when that row has gone (a
 * request granted, a question merged), the first control of the row now
 * in its place, else fallback (a heading). Never the top of the page.
 */
export function holdFocus(list: Element, attr: string, fallback: () => HTMLElement | null): () => void {
  const rows = Array.from(list.children);
  const key = (r: Element) => r.getAttribute(attr);
  const open = rows.filter((r) => r.querySelector("details[open]")).map(key);
  const at = rows.findIndex((r) => r.contains(document.activeElement));
  const was = key(rows[at] ?? list);
  const control = Math.max(controls(rows[at]).indexOf(document.activeElement as HTMLElement), 0);
  return () => {
    const now = Array.from(list.children);
    for (const r of now) if (open.includes(key(r))) r.querySelector("details")?.setAttribute("open", "");
    if (at < 0 || list.contains(document.activeElement)) return; // never lost
    const same = now.find((r) => key(r) === was);
    (controls(same ?? now[Math.min(at, now.length - 1)])[same ? control : 0] ?? fallback())?.focus();
  };
}

/** A person's actions menu on the moderator's page, as the template
 * "mod-menu": a disclosure named for the person (t: the page's strings)
 * holding the removal of message id (when given) and the restrictions. */
export function modMenu(act: ActFactory, t: Translate, name: string, accountId: number, messageId?: number): HTMLElement {
  const menu = el("details", "menu");
  const summary = el("summary", "", t("client.mod.menu"));
  summary.setAttribute("aria-label", t("client.mod.menu_for", { name }));
  const d = el("div", "restrict");
  if (messageId) d.append(act("client.mod.chat_remove", "chat.remove", { message_id: messageId }));
  for (const r of ["muted", "removed", "banned"]) d.append(act("client.mod.restrict." + r, "participant.restrict", { account_id: accountId, restriction: r }));
  menu.append(summary, d);
  return menu;
}
