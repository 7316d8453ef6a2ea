// The speaking queue panel, rebuilt from each floor.changed event (which
// carries the whole queue) as the server renders it (pages panels.html
// "floor"). The speaker's timer runs from granted_at against the server's
// clock; near the session's limit it warns, once, in a polite live region,
// and the viewer's own place in the queue is announced the same way when it
// changes.

import { ActFactory, byId, el, holdFocus, listOf, minSec, modMenu, setText } from "./dom";
import { isObj } from "./protocol";
import { Translate } from "./strings";

export interface Request {
  id: number;
  account_id: number;
  name: string;
  stakeholder_group: string;
  mode: string;
  point_of_order: boolean;
  granted_at: string;
  /** The remote hub asking, when the request is a hub's (name: who speaks for it). */
  hub: string;
}

export interface Floor {
  speaker: Request | null;
  queue: Request[];
  /** The turn's limit and when to warn, in seconds from granted_at (0: none). */
  speaking_limit_s: number;
  warn_at_s: number;
}

function asRequest(r: unknown): Request | null {
  if (!isObj(r) || typeof r.id !== "number") return null;
  return {
    id: r.id,
    account_id: Number(r.account_id) || 0,
    name: String(r.name ?? ""),
    stakeholder_group: String(r.stakeholder_group ?? ""),
    mode: String(r.mode ?? ""),
    point_of_order: r.point_of_order === true,
    granted_at: String(r.granted_at ?? ""),
    hub: String(r.hub ?? ""),
  };
}

/** Narrows the data of a floor.changed event. */
export function asFloor(f: unknown): Floor | null {
  if (!isObj(f)) return null;
  const queue = Array.isArray(f.queue) ? f.queue.map(asRequest).filter((r): r is Request => r !== null) : [];
  return { speaker: asRequest(f.speaker), queue, speaking_limit_s: Number(f.speaking_limit_s) || 0, warn_at_s: Number(f.warn_at_s) || 0 };
}

export class FloorPanel {
  private speaker: Request | null = null;
  private limit = 0;
  private warnAt = 0;
  /** What has been announced for the current turn: "", "warn" or "over". */
  private said = "";
  /** The requests the moderator has been told of (the page's, then each event's). */
  private known = new Set(Array.from(document.querySelectorAll<HTMLElement>("#floor-queue li"), (li) => li.dataset.id));

  constructor(
    private readonly t: Translate,
    private readonly me: number,
    private readonly act: ActFactory | null,
    private readonly now: () => number,
  ) {
    const timer = byId("speaker-timer");
    const started = timer?.dataset.grantedAt;
    if (started) this.speaker = { id: 0, account_id: 0, name: "", stakeholder_group: "", mode: "", point_of_order: false, granted_at: started, hub: "" };
    this.limit = Number(timer?.dataset.limit) || 0;
    this.warnAt = Number(timer?.dataset.warn) || 0;
    // Past the warning already when the page loads: nothing to announce.
    this.said = this.stage();
  }

  show(f: Floor): void {
    const box = byId("floor-speaker");
    const list = byId("floor-queue");
    if (!box || !list) return;
    const t = this.t;
    if (f.speaker?.id !== this.speaker?.id || f.speaker?.granted_at !== this.speaker?.granted_at) this.said = "";
    this.speaker = f.speaker;
    this.limit = f.speaking_limit_s;
    this.warnAt = f.warn_at_s;
    // Rebuilt from every event: the keyboard stays where it was.
    const inBox = box.contains(document.activeElement);
    const restore = holdFocus(list, "data-id", () => byId("queue-h"));
    box.textContent = "";
    const s = f.speaker;
    if (s) {
      box.append(this.person(s, "p"));
      const timer = el("p", "timer");
      timer.id = "speaker-timer";
      box.append(timer);
      if (this.act) box.append(this.act("client.mod.floor_end", "floor.end", { request_id: s.id }));
    } else {
      box.append(el("p", "", t("client.floor.nobody")));
      setText(byId("floor-alert"), "");
    }
    list.textContent = "";
    for (const r of f.queue) {
      const li = el("li");
      li.dataset.id = String(r.id);
      const who = this.person(r, "span");
      who.id = "req-" + r.id; // what each row's alike buttons are about
      li.append(who);
      if (this.act) {
        const c = el("div", "controls");
        c.append(
          this.act("client.mod.floor_grant", "floor.grant", { request_id: r.id }, undefined, who.id),
          this.act("client.mod.floor_decline", "floor.decline", { request_id: r.id }, undefined, who.id),
          modMenu(this.act, t, r.name, r.account_id),
        );
        li.append(c);
      }
      list.append(li);
    }
    const empty = byId("floor-empty");
    if (empty) empty.hidden = f.queue.length > 0;
    restore();
    this.news(f.queue);
    if (inBox && !box.contains(document.activeElement)) (box.querySelector("button") ?? byId("floor-h"))?.focus();
    this.mine(f);
    this.tick();
  }

  /** Tells the moderator (role=status) who has just asked for the floor,
   * points of order first; the rest of the room is not told. */
  private news(queue: Request[]): void {
    const fresh = queue.filter((r) => !this.known.has(String(r.id)));
    this.known = new Set(queue.map((r) => String(r.id)));
    const news = byId("floor-news");
    if (!news || !fresh.length) return;
    const names = (order: boolean) => fresh.filter((r) => r.point_of_order === order).map((r) => r.hub || r.name);
    const said = [];
    if (names(true).length) said.push(this.t("client.mod.floor_new_order", { names: listOf(names(true)) }));
    if (names(false).length) said.push(this.t("client.mod.floor_new", { names: listOf(names(false)) }));
    news.textContent = said.join(" ");
  }

  /** Where the viewer stands, announced (role=status) only when it changes. */
  private mine(f: Floor): void {
    const speaking = !!f.speaker && f.speaker.account_id === this.me;
    const pos = f.queue.findIndex((r) => r.account_id === this.me) + 1;
    const t = this.t;
    setText(byId("floor-mine"), speaking ? t("client.floor.mine.speaking") : pos ? t("client.floor.mine.position", { n: pos }) : t("client.floor.mine.none"));
    const ask = byId("floor-request");
    const withdraw = byId("floor-withdraw");
    if (ask) ask.hidden = speaking || pos > 0;
    if (withdraw) withdraw.hidden = !pos;
  }

  private person(r: Request, tag: "p" | "span"): HTMLElement {
    const p = el(tag, "person");
    if (r.hub) p.append(el("bdi", "name", r.hub), " ", el("span", "via", this.t("client.floor.via", { name: "\u2068" + r.name + "\u2069" })));
    else p.append(el("bdi", "name", r.name));
    p.append(" ", el("span", "group", this.t("group." + r.stakeholder_group)), " ", el("span", "mode", this.t("client.mode." + r.mode)));
    if (r.point_of_order) p.append(" ", el("span", "badge", this.t("client.floor.point_of_order")));
    return p;
  }

  private elapsed(): number {
    return this.speaker ? this.now() - Date.parse(this.speaker.granted_at) : 0;
  }

  /** Where the turn stands against the limit: "", "warn" or "over". */
  private stage(): string {
    const ms = this.elapsed();
    if (!this.speaker || !this.limit) return "";
    return ms >= this.limit * 1000 ? "over" : this.warnAt && ms >= this.warnAt * 1000 ? "warn" : "";
  }

  /** Moves the speaker's timer on; called every second. */
  tick(): void {
    const timer = byId("speaker-timer");
    if (!timer || !this.speaker) return;
    const ms = this.elapsed();
    const t = this.t;
    const time = minSec(ms);
    setText(timer, this.limit ? t("client.floor.timer_limit", { time, limit: minSec(this.limit * 1000) }) : t("client.floor.timer", { time }));
    const stage = this.stage();
    timer.className = "timer " + stage;
    if (stage && stage !== this.said) {
      this.said = stage;
      setText(byId("floor-alert"), stage === "over" ? t("client.floor.over") : t("client.floor.warn", { time: minSec(this.limit * 1000 - ms) }));
    }
  }
}
