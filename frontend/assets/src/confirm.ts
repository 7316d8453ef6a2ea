// Asking before a destructive room action (a ban, a removal from the
// session, a removed message, the session's end): a modal <dialog>, which
// keeps the focus inside, closes on Escape and gives the focus back to the
// button that opened it. Without JavaScript the server asks on a page of
// its own (pages confirm.go); both ask the questions the action's
// declaration names (sessions/live/actions, Destructive), which confirmKey
// mirrors.

import { el } from "./dom";
import { Translate } from "./strings";

/** The question to ask before sending frame (a key under
 * client.mod.confirm.), or "" when it needs none. */
export function confirmKey(frame: Record<string, unknown>): string {
  switch (frame.type) {
    case "chat.remove":
      return "chat.remove";
    case "participant.restrict":
      return frame.restriction === "removed" || frame.restriction === "banned" ? "participant.restrict." + String(frame.restriction) : "";
    case "session.move":
      return frame.state === "ended" ? "session.move.ended" : "";
  }
  return "";
}

/** Whether the action takes an optional reason for the moderation log. */
export function takesReason(type: unknown): boolean {
  return type === "chat.remove" || type === "participant.restrict";
}

export class ConfirmDialog {
  private dialog: HTMLDialogElement | null = null;

  constructor(private readonly t: Translate) {}

  /** Asks key's question; resolves to the reason typed (maybe "") once
   * confirmed, or null when cancelled. */
  ask(key: string, reason: boolean, back: HTMLElement | null): Promise<string | null> {
    const d = this.build();
    const text = d.querySelector<HTMLElement>("#confirm-text");
    const field = d.querySelector<HTMLElement>(".reason");
    const input = d.querySelector<HTMLInputElement>("#confirm-reason");
    const form = d.querySelector<HTMLFormElement>("form");
    const no = d.querySelector<HTMLButtonElement>(".no");
    if (text) text.textContent = this.t("client.mod.confirm." + key);
    if (field) field.hidden = !reason;
    if (input) input.value = "";
    return new Promise((resolve) => {
      let answer: string | null = null;
      const done = (a: string | null) => () => {
        answer = a === null ? null : (input?.value.trim() ?? "");
        d.close();
      };
      if (form) form.onsubmit = (e) => (e.preventDefault(), done("")());
      if (no) no.onclick = done(null);
      d.onclose = () => {
        d.onclose = null;
        back?.focus();
        resolve(answer);
      };
      d.showModal();
      // The least harmful choice takes the focus, or the reason to type.
      (reason ? input : no)?.focus();
    });
  }

  private build(): HTMLDialogElement {
    if (this.dialog) return this.dialog;
    const t = this.t;
    const d = el("dialog", "confirm");
    d.id = "confirm-dialog";
    d.setAttribute("aria-labelledby", "confirm-h");
    d.setAttribute("aria-describedby", "confirm-text");
    const h = el("h2", "", t("client.mod.confirm.heading"));
    h.id = "confirm-h";
    const p = el("p", "", "");
    p.id = "confirm-text";
    const field = el("p", "reason");
    const label = el("label", "", t("client.mod.confirm.reason"));
    const input = el("input");
    input.id = label.htmlFor = "confirm-reason";
    input.maxLength = 500;
    input.dir = "auto";
    input.autocomplete = "off";
    field.append(label, " ", input);
    const controls = el("div", "controls");
    const yes = el("button", "yes danger", t("client.mod.confirm.yes"));
    const no = el("button", "no", t("client.mod.confirm.cancel"));
    yes.type = "submit";
    no.type = "button";
    controls.append(yes, no);
    // A form, so that Enter in the reason confirms as the browser's own
    // implicit submission does: on the key press, not its key down, so the
    // rest of that key stroke cannot reach the button the focus returns to
    // and ask again.
    const form = el("form");
    form.append(field, controls);
    d.append(h, p, form);
    document.body.append(d);
    return (this.dialog = d);
  }
}
