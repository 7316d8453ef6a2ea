// The agenda's time box: the item under way and the time left (or over),
// ticking against the server's clock, moved by session.progress events. A
// change of the session's state (it goes live) reloads the page,
// whose forms depend on it. agenda.changed reorders the list; the
// moderator's controls on it follow in moderate.ts (agendamod.ts).

import { byId, isolate, minSec, setText } from "./dom";
import { isOver } from "./ended";
import { isObj } from "./protocol";
import { Translate } from "./strings";

export interface Progress {
  state: string;
  current_item_id: number;
  item_started_at: string;
  item_minutes: number;
}

/** Narrows the data of a session.progress event. */
export function asProgress(p: unknown): Progress | null {
  if (!isObj(p) || typeof p.state !== "string") return null;
  return { state: p.state, current_item_id: Number(p.current_item_id) || 0, item_started_at: String(p.item_started_at ?? ""), item_minutes: Number(p.item_minutes) || 0 };
}

/** An agenda.changed event's items, in their new order. */
export interface AgendaItem {
  id: number;
  minutes: number;
  started: boolean;
}

/** Narrows the data of an agenda.changed event. */
export function asAgenda(d: unknown): AgendaItem[] | null {
  const items = (d as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return null;
  return items.map((i: Record<string, unknown>) => ({ id: Number(i.id), minutes: Number(i.minutes) || 0, started: i.started === true }));
}

export function items(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>("#agenda-list > li"));
}

export class TimeBox {
  constructor(
    private readonly t: Translate,
    private readonly now: () => number,
    private readonly plural: (key: string, n: number) => string,
  ) {}

  /** Puts the list in the order of an agenda.changed event, keeping the
   * focus where it was. */
  reorder(list: AgendaItem[]): void {
    const ol = byId("agenda-list");
    if (!ol) return;
    const focused = document.activeElement;
    for (const it of list) {
      const li = ol.querySelector<HTMLElement>(`:scope > li[data-id="${it.id}"]`);
      if (!li) continue;
      if (it.started) li.dataset.started = "true";
      ol.append(li);
    }
    if (focused instanceof HTMLElement && focused !== document.activeElement) focused.focus();
  }

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
    for (const li of items()) {
      const current = li.dataset.id === String(p.current_item_id);
      if (current) {
        li.setAttribute("aria-current", "step");
        li.dataset.started = "true";
        title = li.querySelector(".title")?.textContent ?? "";
        if (li.dataset.minutes !== String(p.item_minutes)) {
          li.dataset.minutes = String(p.item_minutes);
          setText(li.querySelector<HTMLElement>(".minutes"), "(" + this.plural("client.agenda.minutes", p.item_minutes) + ")");
        }
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
    // An ended session's clock has stopped: no item is under way.
    if (!d || !d.started || !Number(d.item) || isOver()) return;
    const left = Date.parse(d.started) + Number(d.minutes) * 60000 - this.now();
    setText(byId("timebox-left"), left >= 0 ? this.t("client.agenda.left", { time: minSec(left) }) : this.t("client.agenda.over", { time: minSec(-left) }));
  }
}
