// The poll page's client (poll.js, loaded by /polls/{id} only): sends the
// ballot over fetch and shows the receipt, keeps the turnout live from the
// session room's poll events (or by asking every 5 s when the poll has no
// session or the room cannot be joined), and announces the poll opening
// and closing. Without it the page still works: the ballot form posts and
// the page comes back with the receipt.

import { byId, el, isolate, setText } from "./dom";
import { EventFrame } from "./protocol";
import { RoomSocket, Status } from "./socket";
import { Translate, loadStrings, translator } from "./strings";

/**
 * A poll's turnout (voting.Turnout). While a secret poll is open it is a
 * total rounded down to a multiple of step, with no groups and no tally.
 */
interface Turnout {
  poll_id: number;
  ballots: number;
  electorate: number;
  step?: number;
  groups: { name: string; ballots: number | string }[];
  tally?: { yes: number; no: number; abstain: number; options?: number[] };
}

/** A ballot's receipt; already_voted: the voter's earlier ballot counts. */
interface Receipt {
  receipt?: string;
  code?: string;
  already_voted?: boolean;
  choice?: { answer?: string; options?: number[]; ranking?: number[] };
}

/** How often the turnout is asked for when there is no room to follow. */
const pollEvery = 5000;

/** Replaces e's children (replaceChildren is too new for older phones). */
function fill(e: HTMLElement, ...nodes: Node[]): void {
  while (e.firstChild) e.removeChild(e.firstChild);
  e.append(...nodes);
}

function json(url: string, init?: RequestInit): Promise<Response> {
  const headers = Object.assign({ Accept: "application/json" }, init?.headers);
  return fetch(url, Object.assign({ credentials: "same-origin" }, init, { headers }));
}

class PollPage {
  private state: string;
  private timer: number | undefined;
  private sending = false;
  private readonly api: string;
  private readonly form = byId("ballot-form") as HTMLFormElement | null;
  private readonly errorEl = byId("ballot-error");

  constructor(
    private readonly root: HTMLElement,
    private readonly t: Translate,
  ) {
    this.state = root.dataset.state ?? "";
    this.api = "/api/polls/" + encodeURIComponent(root.dataset.pollId ?? "");
    this.form?.addEventListener("submit", (e) => this.submit(e));
    this.form?.addEventListener("change", (e) => (this.rankSelects().length ? this.ranksValid() : this.limit(e.target)));
  }

  /** Follows the session's room, or asks for the turnout every few seconds. */
  start(): void {
    const session = this.root.dataset.sessionId;
    if (this.state === "closed") return;
    if (!session) {
      this.poll();
      return;
    }
    const fallBack = (s: Status) => {
      if (s === "unauthorized" || s === "forbidden" || s === "gone" || s === "reload") this.poll();
      else if (s === "live") void this.sync(); // catch what happened before joining
    };
    new RoomSocket(session, null, {
      event: (ev) => this.event(ev),
      presence: () => undefined,
      ack: () => undefined,
      error: () => undefined,
      status: fallBack,
      dropped: () => undefined,
    }).start();
  }

  private poll(): void {
    if (this.timer !== undefined || this.state === "closed") return;
    this.timer = window.setInterval(() => void this.sync(), pollEvery);
    void this.sync();
  }

  /** Reads the poll's state and turnout over REST. */
  private async sync(): Promise<void> {
    try {
      const r = await json(this.api);
      if (!r.ok) return;
      const p = (await r.json()) as { state?: string };
      if (p.state === "open") this.opened();
      if (p.state === "closed") return this.closed();
      if (p.state !== "open") return;
      const tr = await json(this.api + "/turnout");
      if (tr.ok) this.turnout((await tr.json()) as Turnout);
    } catch {
      // Offline: the next round tries again.
    }
  }

  private event(ev: EventFrame): void {
    const d = ev.data as { id?: number; poll_id?: number } | null;
    const mine = String(ev.kind === "poll.turnout" ? d?.poll_id : d?.id) === this.root.dataset.pollId;
    if (!mine) return;
    if (ev.kind === "poll.opened") this.opened();
    else if (ev.kind === "poll.closed") void this.closed();
    else if (ev.kind === "poll.turnout" && this.state === "open") this.turnout(ev.data as Turnout);
  }

  private setState(s: string): void {
    this.state = this.root.dataset.state = s;
    const label = byId("poll-state");
    setText(label, this.t("poll.state." + s));
    if (label) label.className = "state state-" + s;
  }

  private opened(): void {
    if (this.state !== "draft") return;
    this.setState("open");
    if (this.form) this.form.hidden = false;
    const wait = byId("vote-wait");
    if (wait) wait.hidden = true;
    const section = byId("poll-turnout");
    if (section) section.hidden = false;
    setText(byId("poll-announce"), this.t("client.poll.opened"));
  }

  /** Announces the closing and shows the result, as the server renders it. */
  private async closed(): Promise<void> {
    if (this.state === "closed") return;
    this.setState("closed");
    window.clearInterval(this.timer);
    if (this.form) this.form.hidden = true;
    setText(byId("poll-announce"), this.t("client.poll.closed"));
    try {
      const r = await fetch(location.pathname, { credentials: "same-origin" });
      // The server's own page: its text is escaped there, and nothing of it
      // runs (DOMParser documents execute no script).
      const doc = new DOMParser().parseFromString(await r.text(), "text/html");
      const result = doc.getElementById("poll-result");
      if (!result) return;
      const node = document.importNode(result, true);
      const old = byId("poll-turnout") ?? byId("poll-result");
      if (old) old.replaceWith(node);
      else this.root.append(node);
    } catch {
      // The announcement stands; a reload shows the result.
    }
  }

  private turnout(d: Turnout): void {
    const summary = d.step
      ? this.t("client.poll.turnout_step", { ballots: d.ballots, electorate: d.electorate, step: d.step })
      : this.t("client.poll.turnout", { ballots: d.ballots, electorate: d.electorate });
    setText(byId("turnout-summary"), summary);
    const groups = byId("turnout-groups");
    if (groups) {
      const rows = d.groups.map((g) => {
        const row = el("div");
        row.append(el("dt", "", this.t("group." + g.name)), el("dd", "", String(g.ballots)));
        return row;
      });
      const text = rows.map((r) => r.textContent).join("|");
      // Rebuilt only when it changed: the region announces changes.
      if (text !== Array.from(groups.children, (c) => c.textContent).join("|")) fill(groups, ...rows);
    }
    const tally = d.tally;
    if (!tally) return;
    // A choice poll's counts come by position: the page lists the names.
    const names = Array.from(byId("poll-option-names")?.children ?? [], (li) => li.textContent ?? "");
    const parts = tally.options
      ? tally.options.map((n, i) => isolate(names[i] ?? String(i + 1)) + ": " + n)
      : [this.count("yes", tally.yes), this.count("no", tally.no), this.count("abstain", tally.abstain)];
    setText(byId("turnout-tally"), parts.join(" · "));
  }

  private count(answer: string, n: number): string {
    return this.t("client.poll.answer." + answer) + ": " + n;
  }

  /** Keeps a choice poll's ticks within its limit, saying why. */
  private limit(target: EventTarget | null): void {
    const max = Number(byId("ballot-limit")?.dataset.max) || 0;
    if (!(target instanceof HTMLInputElement) || target.type !== "checkbox" || !max || !this.form) return;
    const ticked = this.form.querySelectorAll("input[type=checkbox]:checked").length;
    if (ticked > max) {
      target.checked = false;
      setText(this.errorEl, this.t("client.poll.limit", { n: max }));
    } else setText(this.errorEl, "");
  }

  /** A ranked ballot's selects, one per candidate; none on other ballots. */
  private rankSelects(): HTMLSelectElement[] {
    return this.form ? Array.from(this.form.querySelectorAll<HTMLSelectElement>("select[data-option]")) : [];
  }

  /**
   * Checks a ranked ballot as it is filled in: a rank given to two
   * candidates marks both selects and says so beside them.
   */
  private ranksValid(): boolean {
    const selects = this.rankSelects();
    const seen = new Map<string, number>();
    for (const s of selects) if (s.value) seen.set(s.value, (seen.get(s.value) ?? 0) + 1);
    let twice = false;
    for (const s of selects) {
      const bad = !!s.value && (seen.get(s.value) ?? 0) > 1;
      twice = twice || bad;
      if (bad) s.setAttribute("aria-invalid", "true");
      else s.removeAttribute("aria-invalid");
    }
    setText(this.errorEl, twice ? this.t("client.poll.error.duplicate_rank") : "");
    return !twice;
  }

  /** The ballot's body and the choice in words, or null when it cannot be sent. */
  private ballot(form: HTMLFormElement): { body: object; words: string } | null {
    const selects = this.rankSelects();
    if (selects.length) {
      if (!this.ranksValid()) return null;
      const ranked = selects.filter((s) => s.value).sort((a, b) => Number(a.value) - Number(b.value));
      if (!ranked.length) {
        this.fail("no_rank");
        return null;
      }
      const ranking = ranked.map((s) => Number(s.dataset.option));
      return { body: { ranking }, words: this.rankingText(ranking) };
    }
    const checked = Array.from(form.querySelectorAll<HTMLInputElement>("input:checked"));
    if (!checked.length) {
      this.fail("invalid");
      return null;
    }
    const body = checked[0]?.type === "radio" ? { answer: checked[0].value } : { options: checked.map((c) => Number(c.value)) };
    return { body, words: this.labels(checked) };
  }

  private async submit(e: Event): Promise<void> {
    const form = this.form;
    if (!form) return;
    e.preventDefault();
    if (this.sending) return;
    const ballot = this.ballot(form);
    if (!ballot) return;
    this.sending = true;
    setText(this.errorEl, this.t("client.poll.sending"));
    try {
      const r = await json(this.api + "/ballots", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(ballot.body) });
      if (r.status === 401) {
        form.submit(); // through the page's sign-in resume, which keeps the ballot
        return;
      }
      const d = (await r.json()) as Receipt;
      if (r.ok && d.receipt) this.receipt(d.receipt, d.already_voted ? this.choiceText(d) : ballot.words);
      else await this.refused(d.code ?? "internal");
    } catch {
      this.fail("internal");
    } finally {
      this.sending = false;
    }
  }

  /** Says why a ballot was refused; a conflict's reason is the poll's state. */
  private async refused(code: string): Promise<void> {
    if (code === "invalid" && this.rankSelects().length) return this.fail("no_rank");
    if (code === "invalid" && byId("ballot-limit")?.dataset.max) {
      return setText(this.errorEl, this.t("client.poll.limit", { n: Number(byId("ballot-limit")?.dataset.max) }));
    }
    if (code !== "conflict") return this.fail(code === "forbidden" || code === "invalid" ? code : "internal");
    let state = this.state;
    try {
      const r = await json(this.api);
      if (r.ok) state = ((await r.json()) as { state?: string }).state ?? state;
    } catch {
      // Keep what the page knows.
    }
    this.fail(state === "draft" ? "not_open" : state === "closed" ? "closed" : "already_voted");
  }

  private fail(key: string): void {
    setText(this.errorEl, this.t("client.poll.error." + key));
  }

  private labels(checked: HTMLInputElement[]): string {
    return checked.map((c) => c.labels?.[0]?.textContent ?? c.value).join("; ");
  }

  /** The choice of a ballot cast earlier (a retry, another tab), in words. */
  private choiceText(d: Receipt): string {
    if (d.choice?.answer) return this.t("client.poll.answer." + d.choice.answer);
    if (d.choice?.ranking) return this.rankingText(d.choice.ranking);
    const chosen = (d.choice?.options ?? []).map((o) => byId("choice-" + o) as HTMLInputElement | null);
    return this.labels(chosen.filter((c): c is HTMLInputElement => c !== null));
  }

  /** A ranking in words: "1. Name; 2. Name", as the server says it. */
  private rankingText(ranking: number[]): string {
    return ranking
      .map((o, i) => {
        const label = document.querySelector<HTMLLabelElement>('label[for="rank-' + o + '"]');
        return i + 1 + ". \u2068" + (label?.textContent ?? String(o)) + "\u2069";
      })
      .join("; ");
  }

  private receipt(receipt: string, choice: string): void {
    const box = byId("ballot-receipt");
    this.form?.remove();
    setText(this.errorEl, "");
    if (!box) return;
    const label = el("p", "", this.t("client.poll.receipt.label") + " ");
    const code = el("code", "hash", receipt);
    code.id = "receipt-code";
    label.append(code);
    fill(box, el("p", "", this.t("client.poll.receipt.done", { choice })), label, el("p", "hint", this.t("client.poll.receipt.keep")));
    // The form, and with it the focus, is gone: bring it to the receipt.
    box.tabIndex = -1;
    box.focus();
  }
}

function main(): void {
  const root = byId("poll");
  if (!root) return;
  new PollPage(root, translator(loadStrings("i18n"))).start();
}

main();
