// Action forms (class "act"): every room action is a plain form that posts
// to the server (pages act.go), and this sends it over the socket instead
// when the socket is up: the fields are the message's, named alike, and
// their kinds come from the actions' declarations (actions_gen.ts).

import { fieldKinds } from "./actions_gen";
import { el } from "./dom";
import { ErrorFrame } from "./protocol";
import { Translate } from "./strings";

interface Pending {
  form: HTMLFormElement;
  frame: Record<string, unknown>;
  timer: number;
}

/** Something to do once an action is carried out or refused; data is
 * what its acknowledgement carried. */
export type Done = (frame: Record<string, unknown>, code: string, data?: unknown) => void;

/** Adds a hidden field to form, for one submission. */
function hidden(form: HTMLFormElement, name: string, value: string): HTMLInputElement {
  const i = el("input");
  i.type = "hidden";
  i.name = name;
  i.value = value;
  form.append(i);
  return i;
}

export class Actions {
  private seq = 0;
  private readonly pending = new Map<string, Pending>();
  // Forms whose destructive action was just confirmed: their next submit goes.
  private readonly confirmed = new WeakSet<HTMLFormElement>();

  constructor(
    private readonly send: (frame: object) => boolean,
    private readonly t: Translate,
    private readonly done: Done,
  ) {
    document.addEventListener("submit", (e) => this.submit(e));
  }

  private submit(e: Event): void {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("act")) return;
    for (const p of this.pending.values()) if (p.form === form) return e.preventDefault();
    const frame: Record<string, unknown> = {};
    new FormData(form).forEach((v, k) => {
      if (k === "back" || k === "confirmed" || typeof v !== "string") return;
      const kind = fieldKinds[k];
      // The last value counts (a checkbox after its hidden "false"), as on the server; a list takes them all.
      frame[k] = kind === "n" ? Number(v) : kind === "b" ? v === "true" : kind === "l" ? ((frame[k] as number[] | undefined) ?? []).concat(Number(v)) : v;
    });
    // A form naming no action is not one: it posts as it stands.
    if (!frame.type) return;
    if (!this.confirmed.delete(form) && this.asked(form, frame, (e as SubmitEvent).submitter)) return e.preventDefault();
    const ref = "a" + ++this.seq;
    frame.ref = ref;
    if (!this.send(frame)) return; // the form posts: the page comes back
    e.preventDefault();
    this.busy(form, true);
    this.pending.set(ref, { form, frame, timer: window.setTimeout(() => this.settle(ref, "unconfirmed"), 10000) });
  }

  /** Offers the action to the moderator's page's confirmation (moderate.ts,
   * "room:confirm"), which takes it when the action is destructive and
   * answers with the reason typed, or null when cancelled. Once confirmed
   * the form is submitted again: sent over the socket, or posted with
   * "confirmed" so that the server does not ask a second time. */
  private asked(form: HTMLFormElement, frame: Record<string, unknown>, back: HTMLElement | null): boolean {
    const answer = (reason: string | null): void => {
      if (reason === null) return;
      const extra = [hidden(form, "confirmed", "true")];
      if (reason) extra.push(hidden(form, "reason", reason));
      this.confirmed.add(form);
      form.requestSubmit();
      for (const i of extra) i.remove();
    };
    const ev = new CustomEvent("room:confirm", { cancelable: true, detail: { frame, back: back ?? form.querySelector("button"), answer } });
    return !document.dispatchEvent(ev);
  }

  /** Settles the action ref: "" when it was carried out, else the error
   * code. Returns false when ref is not an action of this page's. */
  settle(ref: string, code: string, data?: unknown): boolean {
    const p = this.pending.get(ref);
    if (!p) return false;
    clearTimeout(p.timer);
    this.pending.delete(ref);
    this.busy(p.form, false);
    // The form's own error line if it has one (the report form), else its
    // row's (a refused vote says so beside its question), else its panel's.
    const err =
      p.form.querySelector<HTMLElement>(".error[role=alert]") ??
      this.rowError(p.form, code) ??
      p.form.closest("section")?.querySelector<HTMLElement>(".error[role=alert]");
    if (err) err.textContent = code ? this.t(code === "unconfirmed" ? "client.error.unconfirmed" : "client.act." + code) : "";
    if (!code && p.frame.type === "question.ask") p.form.reset();
    // A captioner types line after line: the sent one goes, the chosen
    // channel stays.
    const text = p.form.elements.namedItem("text");
    if (!code && p.frame.type === "caption.add" && text instanceof HTMLInputElement) text.value = "";
    this.done(p.frame, code, data);
    return true;
  }

  /** The error line of the list item form is in, added when a refusal
   * first needs it; null outside a list. */
  private rowError(form: HTMLFormElement, code: string): HTMLElement | null {
    const li = form.closest("li");
    if (!li) return null;
    let e = li.querySelector<HTMLElement>(":scope > .error[role=alert]");
    if (!e && code) {
      e = el("p", "error");
      e.setAttribute("role", "alert");
      li.append(e);
    }
    return e;
  }

  error(f: ErrorFrame): boolean {
    return !!f.ref && this.settle(f.ref, f.code);
  }

  private busy(form: HTMLFormElement, on: boolean): void {
    const b = form.querySelector("button");
    if (on) b?.setAttribute("aria-disabled", "true");
    else b?.removeAttribute("aria-disabled");
  }
}
