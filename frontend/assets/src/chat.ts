// The chat log and its form. Message text goes into the page with
// textContent only, never as HTML, so a message cannot inject markup or
// script.

import { el } from "./dom";
import { appendLinked } from "./links";
import { ChatMessage } from "./protocol";
import { Translate, nameOf } from "./strings";

/** The most messages kept in the page, so that long sessions stay light. */
const maxMessages = 300;

/** Hours and minutes, 00:00 to 23:59, in zone. */
function hhmm(zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone } as Intl.DateTimeFormatOptions);
}

/** The page's time zone (the edition's, the body's data-zone), as the
 * server writes its times; UTC where the browser does not know it. */
let inZone: Intl.DateTimeFormat;
try {
  inZone = hhmm(document.body.dataset.zone || "UTC");
} catch {
  inZone = hhmm("UTC");
}

/** Formats a time as the server does: HH:MM in the edition's time zone. */
export function clock(iso: string): string {
  const d = new Date(iso);
  return isNaN(d.getTime()) ? "" : inZone.format(d);
}

export class ChatLog {
  constructor(
    private readonly log: HTMLElement,
    private readonly t: Translate,
    private readonly me: number,
    /** Adds the moderators' controls to a message of someone else's. */
    private readonly controls?: (m: ChatMessage) => HTMLElement[],
  ) {
    log.scrollTop = log.scrollHeight;
  }

  /** Takes message id off the screen (a moderator removed it). */
  remove(id: number): void {
    document.getElementById("msg-" + id)?.remove();
  }

  /** Appends m unless it is already shown (rendered by the server). */
  add(m: ChatMessage, offset: number): void {
    if (document.getElementById("msg-" + m.id)) return;
    const log = this.log;
    const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    const art = el("article", m.author_id === this.me ? "msg mine" : "msg");
    art.id = "msg-" + m.id;
    art.dataset.offset = String(offset);
    const meta = el("p", "meta");
    const author = el("bdi", "author", nameOf(this.t, m.author_name));
    const time = el("time", "", clock(m.created_at));
    time.dateTime = m.created_at;
    meta.append(author, " ", el("span", "group", this.t("group." + m.author_group)), " ", time);
    art.append(meta);
    if (m.reply) {
      const q = el("blockquote", "quote");
      q.dataset.replyTo = String(m.reply.id);
      const p = el("p");
      const ex = el("span", "excerpt", m.reply.excerpt || this.t("client.chat.removed"));
      ex.dir = "auto";
      p.append(el("bdi", "author", nameOf(this.t, m.reply.author_name)), ": ", ex);
      q.append(p);
      art.append(q);
    }
    const body = el("p", "body");
    body.dir = "auto";
    appendLinked(body, m.body);
    art.append(body);
    if (document.getElementById("chat-form")) {
      const acts = el("div", "msg-actions");
      const r = el("a", "reply", this.t("client.chat.reply"));
      r.href = "?reply_to=" + m.id + "#chat-form";
      r.dataset.id = String(m.id);
      acts.append(r);
      if (m.author_id !== this.me) {
        const rep = el("a", "report", this.t("client.chat.report"));
        rep.href = "?report=" + m.id + "#report-form";
        acts.append(" ", rep);
      }
      art.append(acts);
    }
    if (this.controls && m.author_id !== this.me) art.append(...this.controls(m));
    const empty = document.getElementById("chat-empty");
    if (empty) empty.hidden = true;
    log.append(art);
    while (log.children.length > maxMessages && log.firstElementChild) log.firstElementChild.remove();
    if (atEnd) log.scrollTop = log.scrollHeight;
  }
}

/** Keeps the text being written across reloads and sign-ins. */
export class Draft {
  constructor(private readonly key: string) {}

  load(): string {
    try {
      return sessionStorage.getItem(this.key) ?? "";
    } catch {
      return "";
    }
  }

  save(text: string): void {
    try {
      if (text) sessionStorage.setItem(this.key, text);
      else sessionStorage.removeItem(this.key);
    } catch {
      // Storage refused (private mode, quota): the draft is only lost on reload.
    }
  }
}
