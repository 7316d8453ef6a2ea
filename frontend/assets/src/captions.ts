// The live captions: one log per caption channel (a language), each a
// log (role=log, read politely by screen readers); the reader's channel is
// shown and the others are hidden, so that only it is announced. The
// channel links switch in place, without reloading, and remember the
// choice in the cookie the server reads for the next page (without this
// script the links reload the page with ?captions=). People can pause,
// because text that moves on by itself is hard to read (WCAG 2.2.2):
// while paused, new lines wait and the shown channel's are counted; they
// come in, and are announced, when the pause is turned off.

import { byId, el } from "./dom";
import { isOver } from "./ended";
import { Translate } from "./strings";

export interface Caption {
  id: number;
  text: string;
  /** The line's channel; 0 from a server older than channels. */
  channel: number;
  language: string;
}

/** The most lines kept in each log; the transcript is the API's. */
const maxLines = 200;

/** The cookie the server reads for the reader's caption language. */
const cookieName = "igf_captions";

/** Intl.DisplayNames, which older browsers lack (and the lib leaves out). */
type DisplayNames = new (langs: string[], o: { type: "language" }) => { of(code: string): string | undefined };

/** Names a language in itself, as the server's links do. */
function selfName(lang: string): string {
  const DN = (Intl as unknown as { DisplayNames?: DisplayNames }).DisplayNames;
  try {
    return (DN && new DN([lang], { type: "language" }).of(lang)) || lang;
  } catch {
    return lang;
  }
}

export class Captions {
  private paused = false;
  private waiting: Caption[] = [];

  constructor(private readonly t: Translate) {
    byId("caption-channels")?.addEventListener("click", (e) => {
      const a = e.target instanceof Element ? e.target.closest("a[data-channel]") : null;
      if (!(a instanceof HTMLAnchorElement)) return;
      e.preventDefault();
      this.show(a.dataset.channel ?? "");
    });
    const b = byId("captions-pause");
    // Nothing moves on in an ended session's captions: nothing to pause.
    if (!b || isOver()) return;
    b.hidden = false; // it needs this script to do anything
    b.addEventListener("click", () => {
      this.paused = !this.paused;
      b.setAttribute("aria-pressed", String(this.paused));
      if (!this.paused) {
        const w = this.waiting;
        this.waiting = [];
        for (const c of w) this.add(c);
      }
      this.count();
    });
  }

  /** Shows channel's log, hides the others, and remembers the choice. */
  show(channel: string): void {
    const log = byId("captions-log-" + channel);
    if (!log) return;
    for (const l of this.logs()) l.hidden = l !== log;
    for (const a of document.querySelectorAll<HTMLElement>("#caption-channels a[data-channel]")) {
      if (a.dataset.channel === channel) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    }
    if (log.lang) document.cookie = `${cookieName}=${log.lang}; path=/; max-age=31536000; samesite=lax`;
    log.scrollTop = log.scrollHeight;
    this.empty();
    this.count();
  }

  add(c: Caption): void {
    if (byId("cap-" + c.id)) return;
    if (this.paused) {
      if (!this.waiting.some((w) => w.id === c.id)) this.waiting.push(c);
      return this.count();
    }
    const log = this.logOf(c);
    if (!log) return;
    const p = el("p", "", c.text);
    p.id = "cap-" + c.id;
    p.dir = "auto";
    log.append(p);
    while (log.children.length > maxLines && log.firstElementChild) log.firstElementChild.remove();
    log.scrollTop = log.scrollHeight;
    this.empty();
  }

  private logs(): HTMLElement[] {
    return Array.from(document.querySelectorAll<HTMLElement>("#captions-logs > .log"));
  }

  /** The log shown now (the first, if the page hid them all). */
  private shown(): HTMLElement | undefined {
    const logs = this.logs();
    return logs.find((l) => !l.hidden) ?? logs[0];
  }

  /**
   * The log of c's channel. A page made before the session had a channel
   * has one log, which the first channel takes; a channel set up since
   * the page was made gets a log, hidden, and a link in the switcher.
   */
  private logOf(c: Caption): HTMLElement | undefined {
    const known = byId("captions-log-" + c.channel);
    if (known) return known;
    const fresh = byId("captions-log-0");
    const shown = this.shown();
    if (!c.channel || !shown) return fresh ?? shown;
    const log = fresh ?? (shown.cloneNode(false) as HTMLElement);
    log.id = "captions-log-" + c.channel;
    log.dataset.channel = String(c.channel);
    log.lang = c.language;
    log.setAttribute("aria-labelledby", "cap-h cap-name-" + c.channel);
    if (!fresh) {
      log.hidden = true;
      shown.after(log);
    }
    this.link(c, !log.hidden);
    return log;
  }

  /**
   * Adds c's channel to the switcher (current when its log is the one
   * shown); the switcher shows from two channels on.
   */
  private link(c: Caption, current: boolean): void {
    const nav = byId("caption-channels");
    const list = nav?.querySelector("ul");
    if (!nav || !list) return;
    const a = el("a", "", selfName(c.language));
    a.id = "cap-name-" + c.channel;
    a.href = location.pathname + "?captions=" + encodeURIComponent(c.language) + "#captions";
    a.lang = a.hreflang = c.language;
    a.dataset.channel = String(c.channel);
    a.dataset.language = c.language;
    if (current) a.setAttribute("aria-current", "true");
    const li = el("li");
    li.append(a);
    list.append(li);
    nav.hidden = list.children.length < 2;
  }

  /**
   * Puts the session's channels as they now are (caption.channels): a
   * new one gets its log, hidden, and its link; a removed one (it had no
   * line) loses both, and a reader who was on it is moved to the first.
   * Returns whether anything changed.
   */
  channels(list: { id: number; language: string }[]): boolean {
    let changed = false;
    for (const c of list) {
      if (byId("captions-log-" + c.id)) continue;
      this.logOf({ id: 0, text: "", channel: c.id, language: c.language });
      changed = true;
    }
    const kept = new Set(list.map((c) => String(c.id)));
    let lost = false;
    for (const log of this.logs()) {
      const ch = log.dataset.channel ?? "";
      if (ch === "0" || kept.has(ch) || log.children.length) continue;
      if (!log.hidden) lost = true;
      log.remove();
      byId("cap-name-" + ch)?.closest("li")?.remove();
      changed = true;
    }
    const nav = byId("caption-channels");
    if (nav) nav.hidden = (nav.querySelector("ul")?.children.length ?? 0) < 2;
    const first = list[0];
    if (lost && first) this.show(String(first.id));
    return changed;
  }

  /** Says so when the shown channel has no line yet. */
  private empty(): void {
    const e = byId("captions-empty");
    if (e) e.hidden = !!this.shown()?.children.length;
  }

  /** Counts the shown channel's waiting lines. */
  private count(): void {
    const p = byId("captions-pending");
    if (!p) return;
    const ch = this.shown()?.dataset.channel;
    const n = this.waiting.filter((w) => ch === "0" || String(w.channel) === ch).length;
    p.hidden = !n;
    p.textContent = n ? this.t("client.captions.pending", { n }) : "";
  }
}
