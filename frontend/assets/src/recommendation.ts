// The recommendation page's client (recommendation.js, loaded by
// /recommendations/{id} for people signed in): it follows the
// recommendation's room and shows what others add as they add it —
// comments, replies, amendments with their diff, support, decisions, new
// versions and the record — announcing each in a polite status region.
// The page's forms stay plain forms: without this script the page works
// the same, and shows the changes on reload.

import { byId, el, setText } from "./dom";
import { EventFrame } from "./protocol";
import { RoomSocket, Status } from "./socket";
import { loadStrings, pluralizer, translator } from "./strings";

interface Person {
  account_id: number;
  name: string;
  stakeholder_group: string;
}

interface Comment {
  id: number;
  version: number;
  paragraph: number;
  author: Person;
  body: string;
  created_at: string;
  reply_to?: number;
}

interface Amendment {
  id: number;
  version: number;
  paragraph: number;
  rationale: string;
  proposed_by: Person;
  state: string;
  created_at: string;
  supporters: Person[] | null;
  diff: { kind: string; text: string }[];
}

interface Revision {
  title: string;
  summary: string;
  version: { version: number };
}

interface Dissent {
  stakeholder_group: string;
  who: string;
  reason: string;
}

const strings = loadStrings("i18n");
const t = translator(strings);
const lang = document.documentElement.lang;
const plural = pluralizer(strings, lang);
const group = (p: Person) => t("group." + p.stakeholder_group);
const person = (p: Person) => t("client.rec.person", { name: p.name, group: group(p) });

/** Formats a time as the server does: the day and the hour, in UTC. */
function when(iso: string): string {
  const d = new Date(iso);
  try {
    return d.toLocaleString(lang, { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
  } catch {
    return iso;
  }
}

function text(tag: "span" | "strong" | "p", cls: string, s: string, auto = false): HTMLElement {
  const e = el(tag, cls, s);
  if (auto) e.dir = "auto";
  return e;
}

/** A word diff: <ins> and <del> carry visually hidden words too. */
function diff(parts: Amendment["diff"]): HTMLElement {
  const p = text("p", "diff", "", true);
  for (const part of parts) {
    if (part.kind === "=") {
      p.append(part.text);
      continue;
    }
    const k = part.kind === "+" ? "ins" : "del";
    const e = document.createElement(k);
    e.append(text("span", "vh", t("client.rec.diff." + k + "_start")), part.text, text("span", "vh", t("client.rec.diff." + k + "_end")));
    p.append(e);
  }
  return p;
}

function byLine(c: Comment): HTMLElement {
  const by = el("p", "by");
  const time = el("time", "", when(c.created_at));
  time.dateTime = c.created_at;
  by.append(text("strong", "", c.author.name, true), " ", text("span", "group", group(c.author)), " ", time);
  return by;
}

function commentItem(c: Comment): HTMLElement {
  const li = el("li", c.reply_to ? "comment reply" : "comment");
  li.id = "comment-" + c.id;
  li.append(byLine(c), text("p", "body", c.body, true));
  return li;
}

/** Adds one to the count in a thread's summary. */
function count(thread: string): void {
  const c = byId(thread)?.querySelector(".count");
  if (c) c.textContent = String(Number(c.textContent) + 1);
}

function supportLine(a: Amendment): string {
  const list = a.supporters ?? [];
  return plural("client.rec.supporters", list.length) + (list.length ? ": " + list.map(person).join(", ") : "");
}

function amendmentItem(a: Amendment): HTMLElement {
  const li = el("li", "amendment amendment-" + a.state);
  li.id = "amendment-" + a.id;
  li.dataset.state = a.state;
  const by = text("p", "by", t("client.rec.by", { id: a.id, name: a.proposed_by.name, group: group(a.proposed_by) }) + " · ");
  by.append(text("span", "astate", t("client.rec.state." + a.state)));
  li.append(by, diff(a.diff));
  if (a.rationale) li.append(text("p", "rationale", a.rationale, true));
  li.append(text("p", "support", supportLine(a)));
  return li;
}

class RecommendationPage {
  private version: number;
  private readonly news = byId("rec-news");

  constructor(private readonly root: HTMLElement) {
    this.version = Number(root.dataset.version);
  }

  start(): void {
    const epoch = Number(this.root.dataset.epoch);
    const pos = epoch ? { epoch, offset: Number(this.root.dataset.offset) } : null;
    new RoomSocket(this.root.dataset.recId ?? "", pos, {
      event: (ev) => this.event(ev),
      presence: () => undefined,
      ack: () => undefined,
      error: () => undefined,
      status: (s) => this.status(s),
      dropped: () => undefined,
    }, "recommendations").start();
  }

  private status(s: Status): void {
    const known = ["connecting", "live", "reconnecting", "offline"];
    setText(byId("rec-conn"), t("client.rec.status." + (known.indexOf(s) >= 0 ? s : "stopped")));
  }

  private say(s: string): void {
    setText(this.news, s);
  }

  private event(ev: EventFrame): void {
    switch (ev.kind) {
      case "comment.added":
        return this.comment(ev.data as Comment);
      case "amendment.proposed":
        return this.proposed(ev.data as Amendment);
      case "amendment.changed":
        return this.changed(ev.data as Amendment);
      case "recommendation.revised":
        return this.revised(ev.data as Revision);
      case "record.changed":
        return this.record(ev.data as { consensus: string; dissent: Dissent[] | null });
    }
  }

  private comment(c: Comment): void {
    if (byId("comment-" + c.id)) return; // on the page already
    if (c.reply_to) {
      const parent = byId("comment-" + c.reply_to);
      if (!parent) return;
      let list = byId("comment-" + c.reply_to + "-replies");
      if (!list) {
        list = el("ol", "replies");
        list.id = "comment-" + c.reply_to + "-replies";
        parent.insertBefore(list, parent.querySelector("details"));
      }
      list.append(commentItem(c));
      return this.say(t("client.rec.reply", { name: c.author.name, n: c.paragraph }));
    }
    const list = c.version === this.version ? byId("p" + c.paragraph + "-comment-list") : null;
    if (!list) return;
    list.append(commentItem(c));
    count("p" + c.paragraph + "-comments");
    this.say(t("client.rec.comment", { name: c.author.name, n: c.paragraph }));
  }

  private proposed(a: Amendment): void {
    if (byId("amendment-" + a.id) || a.version !== this.version) return;
    const at = byId("p" + a.paragraph + "-amendment-list") ? "p" + a.paragraph : "end";
    byId(at + "-amendment-list")?.append(amendmentItem(a));
    count(at + "-amendments");
    this.say(t("client.rec.amendment", { name: a.proposed_by.name, id: a.id, n: a.paragraph }));
  }

  private changed(a: Amendment): void {
    const li = byId("amendment-" + a.id);
    if (!li) return;
    const was = li.dataset.state;
    li.dataset.state = a.state;
    li.className = "amendment amendment-" + a.state;
    setText(li.querySelector<HTMLElement>(".support"), supportLine(a));
    const state = t("client.rec.state." + a.state);
    setText(li.querySelector<HTMLElement>(".astate"), state);
    if (was === a.state) return this.say(t("client.rec.supported", { id: a.id }));
    li.querySelector(".actions")?.remove(); // decided: its buttons no longer apply
    this.say(t("client.rec.decided", { id: a.id, state }));
  }

  private revised(r: Revision): void {
    setText(byId("rec-title"), r.title);
    const summary = byId("rec-summary");
    setText(summary, r.summary);
    if (summary) summary.hidden = !r.summary;
    const n = r.version.version;
    if (n <= this.version) return this.say(t("client.rec.retitled"));
    this.version = n;
    const msg = t("client.rec.version", { n });
    const item = el("li", "", msg);
    item.id = "version-" + n;
    byId("version-list")?.append(item);
    this.say(msg);
    const show = el("a", "", t("client.rec.show"));
    show.href = location.pathname;
    this.news?.append(" ", show);
  }

  private record(r: { consensus: string; dissent: Dissent[] | null }): void {
    if (r.consensus) setText(byId("record-consensus-text"), r.consensus);
    const list = byId("dissent-list");
    if (list && r.dissent && r.dissent.length) {
      while (list.firstChild) list.removeChild(list.firstChild);
      for (const d of r.dissent) {
        const li = el("li");
        li.append(text("strong", "", t("group." + d.stakeholder_group)));
        if (d.who) li.append(" (", el("bdi", "", d.who), ")");
        li.append(" ", text("span", "reason", d.reason, true));
        list.append(li);
      }
    }
    this.say(t("client.rec.record"));
  }
}

const root = byId("recommendation");
if (root && root.dataset.live) new RecommendationPage(root).start();
