// Parts of the room page that change without a room event carrying their
// text: the stream links (the speakers' link is not for everyone), the
// remote hubs (their contacts neither), and the session's title,
// description and agenda in the reader's language (a translation saved
// meanwhile). On such an event (docs/PROTOCOL.md: streams.changed,
// hubs.changed, content.translated) the page reads itself again, as the
// server renders it for this reader, and puts those parts in place; a
// polite status says what changed. Events are gathered, and a whole room
// does not read at the same instant: each page waits a moment of its own.

import { byId, setText } from "./dom";
import { Translate } from "./strings";

/** What changed, as the events say it; "channels": the caption channels
 * a captioner sends to and the moderators' list of them. */
export type Part = "streams" | "hubs" | "translated" | "channels";

/** Gathering events, and spreading a room's reads over this much more,
 * and longer the more people are in it (about 200 reads a second), at
 * most a minute. */
const gather = 300;
const spread = 1500;
const perPerson = 5;
const longest = 60000;

/** Replaces the element id of the page with doc's (placing it with
 * place when the page has none; removing it when doc has none). */
function swap(doc: Document, id: string, place?: (e: Element) => void): Element | null {
  const next = doc.getElementById(id);
  const cur = byId(id);
  if (next) {
    const mine = document.adoptNode(next);
    // The person's place and choices stay (the hub they ask as).
    const focused = cur?.contains(document.activeElement) ? document.activeElement?.id : "";
    if (cur) {
      keep(cur, mine);
      cur.replaceWith(mine);
    } else place?.(mine);
    if (focused) byId(focused)?.focus();
    return mine;
  }
  cur?.remove();
  return null;
}

/** Carries the person's choices in cur's lists over to next's, where
 * next still offers them (the hub they chose to ask as). */
function keep(cur: Element, next: Element): void {
  for (const sel of cur.querySelectorAll<HTMLSelectElement>("select[id]")) {
    const to = next.querySelector<HTMLSelectElement>("#" + sel.id);
    if (to && [...to.options].some((o) => o.value === sel.value)) to.value = sel.value;
  }
}

/** The stream block, keeping a player the person has opened. */
function swapStream(doc: Document): void {
  const player = byId("stream-player");
  const block = swap(doc, "stream", (e) => byId("conn-status")?.before(e));
  const fresh = block?.querySelector("#stream-player");
  if (player && fresh && player.children.length) fresh.replaceWith(player);
}

/** The title, the note about languages, the description and the agenda's
 * titles, in the reader's language. */
function swapTexts(doc: Document): void {
  const title = swap(doc, "session-title");
  swap(doc, "translation-note", (e) => title?.after(e));
  swap(doc, "session-description");
  for (const item of document.querySelectorAll<HTMLElement>("#agenda-list .title[id]")) {
    const next = doc.getElementById(item.id);
    if (!next) continue;
    item.textContent = next.textContent;
    if (next.lang) item.lang = next.lang;
    else item.removeAttribute("lang");
  }
  const now = doc.getElementById("timebox-item")?.textContent;
  if (now) setText(byId("timebox-item"), now);
  if (doc.title) document.title = doc.title;
}

export class RoomParts {
  /** The parts to read again, each with whether to say so. */
  private due = new Map<Part, boolean>();
  private timer: number | undefined;
  private busy = false;

  /** onChange runs after parts were put in place (the stream's buttons
   * need their handlers again); people is how many are in the room. */
  constructor(
    private readonly t: Translate,
    private readonly onChange: (parts: Set<Part>) => void,
    private readonly people: () => number,
  ) {}

  /** Reads the page again soon for part; loud: say so once done (a
   * translation into another language changes only the note quietly). */
  changed(part: Part, loud = true): void {
    this.due.set(part, loud || !!this.due.get(part));
    if (this.timer !== undefined || this.busy) return;
    const within = Math.min(longest, spread + perPerson * this.people());
    this.timer = window.setTimeout(() => void this.read(), gather + Math.random() * within);
  }

  private async read(): Promise<void> {
    this.timer = undefined;
    const parts = this.due;
    this.due = new Map();
    this.busy = true;
    try {
      const r = await fetch(location.pathname + location.search, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!r.ok) return;
      const doc = new DOMParser().parseFromString(await r.text(), "text/html");
      if (parts.has("streams")) swapStream(doc);
      if (parts.has("hubs")) {
        swap(doc, "hub-ask");
        swap(doc, "hubs", (e) => byId("floor")?.after(e));
      }
      if (parts.has("translated")) swapTexts(doc);
      if (parts.has("channels")) {
        swap(doc, "caption-channel-field");
        swap(doc, "caption-setup-list", (e) => byId("caption-setup")?.before(e));
      }
      this.onChange(new Set(parts.keys()));
      parts.forEach((loud, p) => loud && this.say(p));
    } catch {
      // The next change, or a reload, brings it.
    } finally {
      this.busy = false;
      // Changes that came meanwhile: read again for them.
      this.due.forEach((loud, p) => this.changed(p, loud));
    }
  }

  /** Says politely what changed. */
  say(part: Part | "captions"): void {
    if (part === "channels") return; // the captions' own news says it
    setText(byId("room-news"), this.t("client.news." + part));
  }
}
