// Reply and Report on chat messages, opened in place. Without JavaScript
// their links reload the room with the reply box or the report form
// (?reply_to=, ?report=); here they open without leaving the page, move
// the focus into the form, and give it back to the message's link when
// the form is cancelled or sent. The report form is the page's own
// (<template id="report-tpl">, translated by the server), cloned under the
// message. Written without optional chaining: the bundle targets ES2017,
// where it grows, and every participant loads this.

import { byId, isolate } from "./dom";
import { Translate } from "./strings";

const describedBy = "chat-hint chat-error";

export class ChatForms {
  /** The message being answered (0: none). */
  private replyTo: number;

  constructor(private readonly t: Translate) {
    const log = byId("chat-log");
    const cancel = byId("reply-cancel");
    if (log) log.addEventListener("click", (e) => this.click(e));
    if (cancel)
      cancel.addEventListener("click", (e) => {
        e.preventDefault();
        this.endReply();
      });
    // A reply the server opened (?reply_to=) is cancelled here alike.
    this.replyTo = Number(this.field().value) || 0;
  }

  private field(): HTMLInputElement {
    return (byId("reply-to") as HTMLInputElement | null) || document.createElement("input");
  }

  private click(e: MouseEvent): void {
    const a = e.target instanceof Element ? e.target.closest("a.reply, a.report") : null;
    const msg = a && a.closest<HTMLElement>("article.msg");
    const id = msg ? Number(msg.id.slice(4)) : 0; // "msg-17"
    if (!(a instanceof HTMLAnchorElement) || !msg || !id || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    if (a.classList.contains("reply")) this.reply(msg, id);
    else this.openReport(msg, a, id);
  }

  /** Shows whom the message answers and puts the focus in the box. */
  private reply(msg: HTMLElement, id: number): void {
    const box = byId("reply-box");
    const body = byId("chat-body");
    const what = byId("reply-what");
    const author = msg.querySelector(".meta .author");
    if (!box || !body || !what) return;
    this.replyTo = id;
    this.field().value = String(id);
    what.textContent = this.t("client.chat.replying", { name: isolate(author ? author.textContent || "" : "") });
    box.hidden = false;
    // The label says "Your message"; the box says whom it answers.
    body.setAttribute("aria-describedby", "reply-what " + describedBy);
    body.focus();
  }

  /** The reply was sent: the box closes and the focus goes back. */
  replySent(): void {
    if (this.replyTo) this.endReply();
  }

  private endReply(): void {
    const id = this.replyTo;
    const box = byId("reply-box");
    const body = byId("chat-body");
    this.replyTo = 0;
    this.field().value = "";
    if (box) box.hidden = true;
    if (body) body.setAttribute("aria-describedby", describedBy);
    this.focusBack(id, "reply");
  }

  /** Opens the report form under the message, one at a time; the link
   * closes it again. */
  private openReport(msg: HTMLElement, link: HTMLAnchorElement, id: number): void {
    const open = document.querySelector<HTMLFormElement>("form.report-inline");
    const tpl = byId("report-tpl");
    if (open) {
      const same = open.dataset.message === String(id);
      this.closeReport(open, same);
      if (same) return;
    }
    if (!(tpl instanceof HTMLTemplateElement) || !tpl.content.firstElementChild) return;
    const f = tpl.content.firstElementChild.cloneNode(true) as HTMLFormElement;
    const reason = f.elements.namedItem("reason") as HTMLInputElement;
    const label = f.querySelector("label") as HTMLLabelElement;
    const err = f.querySelector(".error") as HTMLElement;
    f.id = "report-form-" + id;
    f.dataset.message = String(id);
    (f.elements.namedItem("message_id") as HTMLInputElement).value = String(id);
    label.htmlFor = reason.id = "report-reason-" + id;
    err.id = "report-error-" + id;
    reason.setAttribute("aria-describedby", err.id);
    (f.querySelector("button.cancel") as HTMLElement).addEventListener("click", () => this.closeReport(f, true));
    f.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      this.closeReport(f, true);
    });
    msg.append(f);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", f.id);
    reason.focus();
  }

  /** The report on message id was taken: the form closes, the room is
   * told, and the focus goes back to the message. */
  reported(id: number): void {
    // The form opened here, or the one the server opened (?report=).
    const f = byId("report-form-" + id) || byId("report-form");
    const note = byId("chat-note");
    if (f instanceof HTMLFormElement) this.closeReport(f, true);
    if (note) note.textContent = this.t("client.chat.reported");
  }

  private closeReport(f: HTMLFormElement, refocus: boolean): void {
    const id = Number((f.elements.namedItem("message_id") as HTMLInputElement).value);
    const link = document.querySelector("#msg-" + id + " a.report");
    if (link) {
      link.setAttribute("aria-expanded", "false");
      link.removeAttribute("aria-controls");
    }
    f.remove();
    if (refocus) this.focusBack(id, "report");
  }

  /** Gives the focus back to the message's link, or to the chat log when
   * the message has gone meanwhile. */
  private focusBack(id: number, link: string): void {
    const a = document.querySelector<HTMLElement>("#msg-" + id + " a." + link) || byId("chat-log");
    if (a) a.focus();
  }
}
