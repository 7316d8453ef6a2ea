// The recommendation page's client (recommendation.js, loaded by
// /recommendations/{id} for people signed in): it follows the
// recommendation's room and, when others change the recommendation, reads
// the page again and brings what changed into the open page — new
// comments, replies and amendments with the buttons this reader may use,
// support and decisions, a new version of the text — announcing each in a
// polite status region. What the reader is typing, which threads are open
// and where the focus is stay as they were.
//
// The events only say that something changed and what to announce: the
// server renders the page, so that what appears live is exactly what a
// reload would show, with this reader's permissions and form tokens. The
// page's forms stay plain forms: without this script the page works the
// same, and shows the changes on reload.

import { byId, setText } from "./dom";
import { EventFrame } from "./protocol";
import { RoomSocket, Status } from "./socket";
import { loadStrings, translator } from "./strings";

interface Person {
  name: string;
}

interface Comment {
  paragraph: number;
  author: Person;
  reply_to?: number;
}

interface Amendment {
  id: number;
  paragraph: number;
  state: string;
  proposed_by: Person;
}

const t = translator(loadStrings("i18n"));

/** The lists whose items (by id) arrive live, in page order. */
const lists = "ol.comments[id], ol.replies[id], ol.amendments[id], #version-list";

/** The parts of the page that are replaced whole when they change: they
 * hold no form the reader could be filling in. */
const parts = ["rec-title", "rec-summary", "record-consensus-text", "dissent-list", "rec-polls", "next"];

/** How long to gather events before reading the page once for all of them,
 * spread so that a busy room's readers do not all ask at once. */
const gatherMs = 150;
const spreadMs = 350;

class RecommendationPage {
  private timer: number | undefined;
  private reading = false;
  private again = false;
  private connected = false;
  private readonly news = byId("rec-news");

  constructor(private root: HTMLElement) {}

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
    // Back after a break: read what happened while away (the resume
    // replays it too, but the page may have missed an event's effect).
    if (s === "live" && this.connected) this.soon();
    if (s === "live") this.connected = true;
  }

  private say(s: string): void {
    setText(this.news, s);
  }

  private event(ev: EventFrame): void {
    const said = announcement(ev);
    if (said) this.say(said);
    this.soon();
  }

  /** Reads the page once, shortly: events that come together cost one read. */
  private soon(): void {
    if (this.timer !== undefined) return;
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      void this.read();
    }, gatherMs + Math.random() * spreadMs);
  }

  private async read(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      const fresh = await fetchPage(this.root.dataset.recId ?? "");
      if (fresh) this.apply(fresh);
    } catch {
      // Offline or a server error: the next event or reconnection reads again.
    } finally {
      this.reading = false;
      if (this.again) {
        this.again = false;
        this.soon();
      }
    }
  }

  private apply(fresh: HTMLElement): void {
    const moved = fresh.dataset.version !== this.root.dataset.version || stateOf(fresh) !== stateOf(this.root);
    if (moved) return this.replaceAll(fresh);
    for (const id of parts) replacePart(id, fresh);
    fresh.querySelectorAll<HTMLElement>(lists).forEach((list) => mergeList(list));
    fresh.querySelectorAll<HTMLElement>("details.thread[id] .count").forEach((c) => {
      const id = c.closest("details")?.id ?? "";
      setText(byId(id)?.querySelector<HTMLElement>(".count") ?? null, c.textContent ?? "");
    });
  }

  /** A new version or state changes the whole page (paragraphs, forms,
   * what may be done): the page is replaced, keeping the reader's place. */
  private replaceAll(fresh: HTMLElement): void {
    const focused = document.activeElement?.id ?? "";
    const adopted = document.importNode(fresh, true);
    keepDrafts(this.root, adopted);
    for (const id of ["rec-conn", "rec-news"]) {
      const mine = byId(id);
      const theirs = adopted.querySelector("#" + id);
      if (mine && theirs) theirs.replaceWith(mine);
    }
    this.root.replaceWith(adopted);
    this.root = adopted;
    if (focused) byId(focused)?.focus({ preventScroll: true });
  }
}

/** What a screen reader hears of an event; the page then shows it. */
function announcement(ev: EventFrame): string {
  switch (ev.kind) {
    case "comment.added": {
      const c = ev.data as Comment;
      return t(c.reply_to ? "client.rec.reply" : "client.rec.comment", { name: c.author.name, n: c.paragraph });
    }
    case "amendment.proposed": {
      const a = ev.data as Amendment;
      return t("client.rec.amendment", { name: a.proposed_by.name, id: a.id, n: a.paragraph });
    }
    case "amendment.changed": {
      const a = ev.data as Amendment;
      const was = byId("amendment-" + a.id)?.dataset.state;
      if (was === a.state) return t("client.rec.supported", { id: a.id });
      return t("client.rec.decided", { id: a.id, state: t("client.rec.state." + a.state) });
    }
    case "recommendation.revised": {
      const v = (ev.data as { version: { version: number } }).version.version;
      const shown = Number(byId("recommendation")?.dataset.version);
      return v > shown ? t("client.rec.version", { n: v }) : t("client.rec.retitled");
    }
    case "record.changed":
      return t("client.rec.record");
    case "recommendation.state":
      return t("client.rec.recstate." + (ev.data as { state: string }).state);
  }
  return "";
}

/** Reads the recommendation's page as this reader would see it on reload. */
async function fetchPage(id: string): Promise<HTMLElement | null> {
  const path = "/recommendations/" + encodeURIComponent(id);
  const url = location.pathname === path ? path + location.search : path;
  const res = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
  if (!res.ok) return null;
  const doc = new DOMParser().parseFromString(await res.text(), "text/html");
  return doc.getElementById("recommendation");
}

function stateOf(root: HTMLElement): string {
  return root.querySelector("header .state")?.className ?? "";
}

/** Replaces (or adds, or removes) the element id with fresh's copy when it
 * differs. */
function replacePart(id: string, fresh: HTMLElement): void {
  const mine = byId(id);
  const theirs = fresh.querySelector<HTMLElement>("#" + id);
  if (!theirs) {
    mine?.remove();
    return;
  }
  if (mine && mine.isEqualNode(theirs)) return;
  const copy = document.importNode(theirs, true);
  if (mine) return mine.replaceWith(copy);
  // A part the page did not have yet (where the recommendation went next):
  // it goes where it is in fresh, after the part before it.
  const before = theirs.previousElementSibling?.id;
  const anchor = before ? byId(before) : null;
  anchor?.after(copy);
}

/** Brings fresh's list (of comments, replies, amendments, versions) into
 * the page: items the page lacks are added in their place; amendments
 * that changed are replaced (they hold buttons, never text being typed);
 * comments never change, but may gain replies. */
function mergeList(theirs: HTMLElement): void {
  const mine = byId(theirs.id);
  if (!mine) return addList(theirs);
  let previous: Element | null = null;
  for (const item of Array.from(theirs.children)) {
    const have = item.id ? byId(item.id) : null;
    if (!have) {
      const copy = document.importNode(item, true);
      if (previous) previous.after(copy);
      else mine.prepend(copy);
      previous = copy;
      continue;
    }
    if (have.classList.contains("amendment") && !have.isEqualNode(item)) {
      const focused = have.contains(document.activeElement) ? document.activeElement?.id : "";
      const copy = document.importNode(item, true);
      have.replaceWith(copy);
      previous = copy;
      if (focused) byId(focused)?.focus({ preventScroll: true });
      continue;
    }
    previous = have;
  }
}

/** A first reply's list: it goes into its comment, before the reply form. */
function addList(theirs: HTMLElement): void {
  const owner = theirs.parentElement?.id ? byId(theirs.parentElement.id) : null;
  if (!owner) return;
  const copy = document.importNode(theirs, true);
  const form = owner.querySelector(":scope > details");
  if (form) owner.insertBefore(copy, form);
  else owner.append(copy);
}

/** Carries into fresh (a copy not yet in the page) what the reader has done on the page: text typed and
 * choices made (where fresh has the same field) and the threads opened or
 * closed. */
function keepDrafts(mine: HTMLElement, fresh: HTMLElement): void {
  mine.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>("textarea[id], input[type=text][id]").forEach((f) => {
    if (f.value === f.defaultValue) return;
    const there = fresh.querySelector<HTMLTextAreaElement | HTMLInputElement>("#" + f.id);
    if (!there) return;
    there.value = f.value;
    // The draft was written against its version's paragraph: it goes with
    // that version, and the server says if the text has moved on since,
    // rather than the draft landing on whatever paragraph now has its number.
    const was = f.form?.querySelector<HTMLInputElement>("input[name=version]");
    const now = there.form?.querySelector<HTMLInputElement>("input[name=version]");
    if (was && now) now.value = was.value;
  });
  mine.querySelectorAll<HTMLSelectElement>("select[id]").forEach((s) => {
    const there = fresh.querySelector<HTMLSelectElement>("#" + s.id);
    if (there && Array.from(s.options).some((o) => o.selected !== o.defaultSelected)) there.value = s.value;
  });
  mine.querySelectorAll<HTMLDetailsElement>("details[id]").forEach((d) => {
    const there = fresh.querySelector<HTMLDetailsElement>("#" + d.id);
    if (there) there.open = d.open;
  });
}

const root = byId("recommendation");
if (root && root.dataset.live) new RecommendationPage(root).start();
