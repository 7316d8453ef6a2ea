// The room's list of the session's polls (template "polls"), kept current
// from poll.opened and poll.closed events. The list carries the states'
// words (data-open, data-closed), so the room's strings stay as they are.

import { byId, el, setText } from "./dom";

export class PollList {
  private readonly list = byId("polls-list");

  /** Applies a poll.opened or poll.closed event (data: the poll). */
  apply(kind: string, d: unknown): void {
    const p = d as { id?: unknown; question?: unknown } | null;
    const list = this.list;
    if (!list || !p || typeof p.id !== "number") return;
    let li = list.querySelector<HTMLElement>('li[data-poll="' + p.id + '"]');
    if (!li) {
      list.querySelector("li.empty")?.remove();
      li = el("li");
      li.dataset.poll = String(p.id);
      const a = el("a", "", String(p.question ?? ""));
      a.href = "/polls/" + p.id;
      a.dir = "auto";
      li.append(a, " ", el("span", "state"));
      list.append(li);
    }
    const open = kind === "poll.opened";
    const state = li.querySelector<HTMLElement>(".state");
    setText(state, (open ? list.dataset.open : list.dataset.closed) ?? "");
    // When it opens or closes by itself: once open, when it closes (the
    // server's words, data-closes); once closed, nothing.
    let when = li.querySelector<HTMLElement>(".schedule");
    if (open && li.dataset.closes) {
      if (!when) state?.after(" ", (when = el("span", "schedule")));
      setText(when, li.dataset.closes);
    } else when?.remove();
    // A moderator's controls follow: once open, "Close" (rendered hidden
    // beside "Open") shows and "Open" goes; once closed, both go.
    li.querySelectorAll("form").forEach((f) => {
      if (open && f.querySelector('input[name=type][value="poll.close"]')) f.hidden = false;
      else f.remove();
    });
  }
}
