// The moderator's waiting list, kept live. The room's admission.changed
// event names nobody (participants hear it too), so on each one the list
// is read again from the API and brought up to date in place: rows of
// those still waiting stay as they are (with the focus), newcomers are
// added and announced, and those admitted or turned away are taken off.

import { ActFactory, el, listOf } from "./dom";
import { Translate } from "./strings";

/** Someone in the waiting room (GET /api/sessions/{id}/admissions). */
interface Waiter {
  account_id: number;
  name: string;
  stakeholder_group: string;
  region: string;
}

function asWaiters(v: unknown): Waiter[] | null {
  const list = (v as { waiting?: unknown } | null)?.waiting;
  if (!Array.isArray(list)) return null;
  const out: Waiter[] = [];
  for (const w of list as Record<string, unknown>[]) {
    if (typeof w?.account_id !== "number") continue;
    out.push({ account_id: w.account_id, name: String(w.name ?? ""), stakeholder_group: String(w.stakeholder_group ?? ""), region: String(w.region ?? "") });
  }
  return out;
}

export class WaitingList {
  private reading = false;
  private again = false;

  constructor(
    private readonly list: HTMLElement,
    private readonly sessionId: string,
    private readonly t: Translate,
    private readonly act: ActFactory,
  ) {}

  /** Reads the list again. A change that comes while reading makes one
   * more read, so that the last change is always shown. */
  refresh(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    fetch("/api/sessions/" + encodeURIComponent(this.sessionId) + "/admissions", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : null))
      .then((v: unknown) => {
        const ws = asWaiters(v);
        if (ws) this.show(ws);
      })
      .catch(() => undefined) // the next change tries again
      .finally(() => {
        this.reading = false;
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }

  private show(ws: Waiter[]): void {
    const rows = new Map<number, HTMLElement>();
    this.list.querySelectorAll<HTMLElement>("li[data-account]").forEach((li) => rows.set(Number(li.dataset.account), li));
    const focusedRow = document.activeElement?.closest("#waiting-list li");
    let focusAt = -1;
    const keep = new Set(ws.map((w) => w.account_id));
    Array.from(rows.values()).forEach((li, i) => {
      if (keep.has(Number(li.dataset.account))) return;
      if (li === focusedRow) focusAt = i;
      li.remove();
    });
    const newcomers: string[] = [];
    ws.forEach((w, i) => {
      let li = rows.get(w.account_id);
      if (!li) {
        li = this.row(w);
        newcomers.push(w.name);
      }
      if (this.list.children[i] !== li) this.list.insertBefore(li, this.list.children[i] ?? null);
    });
    const empty = document.getElementById("waiting-empty");
    if (empty) empty.hidden = ws.length > 0;
    if (newcomers.length) this.announce(newcomers);
    if (focusAt >= 0) this.refocus(focusAt);
  }

  /** Builds a row as the moderator's page template does. */
  private row(w: Waiter): HTMLElement {
    const li = el("li");
    li.dataset.account = String(w.account_id);
    const who = el("span", "person");
    who.append(el("bdi", "name", w.name), " ", el("span", "group", this.t("group." + w.stakeholder_group)), " ", el("span", "region", this.t("region." + w.region)));
    const c = el("div", "controls");
    c.append(
      this.act("client.mod.admit", "admission.admit", { account_id: w.account_id }),
      this.act("client.mod.restrict.removed", "participant.restrict", { account_id: w.account_id, restriction: "removed" }),
      this.act("client.mod.restrict.banned", "participant.restrict", { account_id: w.account_id, restriction: "banned" }),
    );
    li.append(who, c);
    return li;
  }

  /** Tells screen readers who has just asked to enter. */
  private announce(names: string[]): void {
    const news = document.getElementById("waiting-news");
    if (news) news.textContent = this.t("client.mod.waiting_new", { names: listOf(names) });
  }

  /** The row that held the focus has gone (the person was admitted or
   * turned away): the focus moves to the row now in its place, or to the
   * list's heading when nobody waits, never to the top of the page. */
  private refocus(at: number): void {
    const rows = this.list.querySelectorAll<HTMLElement>("li[data-account]");
    const next = rows[Math.min(at, rows.length - 1)]?.querySelector("button");
    (next ?? document.getElementById("waiting-h"))?.focus();
  }
}
