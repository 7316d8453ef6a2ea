// Action forms (class "act"): every room action is a plain form that posts
// to the server (pages act.go), and this sends it over the socket instead
// when the socket is up: the fields are the message's, named alike, and
// their kinds come from the actions' declarations (actions_gen.ts).

import { fieldKinds } from "./actions_gen";
import { ErrorFrame } from "./protocol";
import { Translate } from "./strings";

interface Pending {
  form: HTMLFormElement;
  frame: Record<string, unknown>;
  timer: number;
}

/** Something to do once an action is confirmed or refused. */
export type Done = (frame: Record<string, unknown>, code: string) => void;

export class Actions {
  private seq = 0;
  private readonly pending = new Map<string, Pending>();

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
      if (k === "back" || typeof v !== "string") return;
      const kind = fieldKinds[k];
      // The last value counts (a checkbox after its hidden "false"), as on the server; a list takes them all.
      frame[k] = kind === "n" ? Number(v) : kind === "b" ? v === "true" : kind === "l" ? ((frame[k] as number[] | undefined) ?? []).concat(Number(v)) : v;
    });
    // A form naming no action is not one: it posts as it stands.
    if (!frame.type) return;
    const ref = "a" + ++this.seq;
    frame.ref = ref;
    if (!this.send(frame)) return; // the form posts: the page comes back
    e.preventDefault();
    this.busy(form, true);
    this.pending.set(ref, { form, frame, timer: window.setTimeout(() => this.settle(ref, "unconfirmed"), 10000) });
  }

  /** Settles the action ref: "" when it was carried out, else the error
   * code. Returns false when ref is not an action of this page's. */
  settle(ref: string, code: string): boolean {
    const p = this.pending.get(ref);
    if (!p) return false;
    clearTimeout(p.timer);
    this.pending.delete(ref);
    this.busy(p.form, false);
    // The form's own error line if it has one (the report form), else its panel's.
    const err = p.form.querySelector<HTMLElement>(".error[role=alert]") ?? p.form.closest("section")?.querySelector<HTMLElement>(".error[role=alert]");
    if (err) err.textContent = code ? this.t(code === "unconfirmed" ? "client.error.unconfirmed" : "client.act." + code) : "";
    if (!code && p.frame.type === "question.ask") p.form.reset();
    this.done(p.frame, code);
    return true;
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
