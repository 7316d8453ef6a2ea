// The live captions: a log (role=log, read politely by screen readers)
// that people can pause, because text that moves on by itself is hard to
// read (WCAG 2.2.2). While paused, new lines wait and are counted; they
// come in when the pause is turned off.

import { byId, el } from "./dom";
import { isOver } from "./ended";
import { Translate } from "./strings";

export interface Caption {
  id: number;
  text: string;
}

/** The most lines kept in the page; the transcript is the API's. */
const maxLines = 200;

export class Captions {
  private paused = false;
  private waiting: Caption[] = [];

  constructor(private readonly t: Translate) {
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

  add(c: Caption): void {
    const log = byId("captions-log");
    if (!log || byId("cap-" + c.id)) return;
    if (this.paused) {
      this.waiting.push(c);
      return this.count();
    }
    const p = el("p", "", c.text);
    p.id = "cap-" + c.id;
    p.dir = "auto";
    log.append(p);
    while (log.children.length > maxLines && log.firstElementChild) log.firstElementChild.remove();
    log.scrollTop = log.scrollHeight;
    const empty = byId("captions-empty");
    if (empty) empty.hidden = true;
  }

  private count(): void {
    const p = byId("captions-pending");
    if (!p) return;
    p.hidden = !this.waiting.length;
    p.textContent = this.waiting.length ? this.t("client.captions.pending", { n: this.waiting.length }) : "";
  }
}
