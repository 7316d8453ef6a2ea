// The agenda's time box: the item under way and the time left (or over),
// ticking against the server's clock, moved by session.progress events. A
// change of the session's state (it goes live, it ends) reloads the page,
// whose forms depend on it.

import { byId, isolate, minSec, setText } from "./dom";
import { Translate } from "./strings";

export interface Progress {
  state: string;
  current_item_id: number;
  item_started_at: string;
  item_minutes: number;
}

/** Narrows the data of a session.progress event. */
export function asProgress(d: unknown): Progress | null {
  if (typeof d !== "object" || d === null) return null;
  const p = d as Record<string, unknown>;
  if (typeof p.state !== "string") return null;
  return { state: p.state, current_item_id: Number(p.current_item_id) || 0, item_started_at: String(p.item_started_at ?? ""), item_minutes: Number(p.item_minutes) || 0 };
}

export class TimeBox {
  constructor(
    private readonly t: Translate,
    private readonly now: () => number,
  ) {}

  /** Applies a progress event; returns true when the page must reload. */
  apply(p: Progress): boolean {
    const state = byId("session-state");
    if (state && !state.classList.contains("state-" + p.state)) return true;
    const box = byId("timebox");
    if (!box) return false;
    box.dataset.item = String(p.current_item_id);
    box.dataset.started = p.item_started_at;
    box.dataset.minutes = String(p.item_minutes);
    let title = "";
    for (const li of document.querySelectorAll<HTMLElement>("#agenda-list li")) {
      const current = li.dataset.id === String(p.current_item_id);
      if (current) {
        li.setAttribute("aria-current", "step");
        title = li.querySelector(".title")?.textContent ?? "";
      } else li.removeAttribute("aria-current");
    }
    setText(byId("timebox-item"), p.current_item_id ? this.t("client.agenda.now", { item: isolate(title) }) : this.t("client.agenda.none"));
    this.tick();
    return false;
  }

  /** Moves the time left on; called every second. */
  tick(): void {
    const box = byId("timebox");
    const d = box?.dataset;
    if (!d || !d.started || !Number(d.item)) return;
    const left = Date.parse(d.started) + Number(d.minutes) * 60000 - this.now();
    setText(byId("timebox-left"), left >= 0 ? this.t("client.agenda.left", { time: minSec(left) }) : this.t("client.agenda.over", { time: minSec(-left) }));
  }
}
