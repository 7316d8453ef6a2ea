// The console's quick actions (template "mod-shortcuts"): give the floor
// to the next person, end the current turn, start the next agenda item,
// each a button and a key combination (Alt+Shift+N, E, A; the buttons'
// aria-keyshortcuts), which does what the console's own button for it
// does: it submits that action's form, which actions.ts sends over the
// socket (or posts). The keys do nothing while the focus is in a field,
// so that typing is never taken for a command; what was done, or why
// nothing was, is said in a status line.

import { byId, setText } from "./dom";
import { Translate } from "./strings";

/** The action form of type typ inside the element matching scope. */
function actForm(scope: string, typ: string): HTMLFormElement | null {
  return document.querySelector<HTMLInputElement>(scope + ' form.act input[name="type"][value="' + typ + '"]')?.form ?? null;
}

/** The name shown in the first element matching sel, for the status. */
function nameIn(sel: string): string {
  return document.querySelector(sel)?.textContent ?? "";
}

/** Whether the focus is where keys type text. */
function typing(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  return t instanceof HTMLInputElement && !["button", "submit", "reset", "checkbox", "radio"].includes(t.type);
}

export function shortcuts(t: Translate): void {
  const box = byId("shortcuts");
  if (!box) return;
  box.hidden = false;
  const note = byId("shortcut-note");
  const run = (name: string): void => {
    let form: HTMLFormElement | null = null;
    let said = "";
    if (name === "next") {
      form = actForm("#floor-queue li:first-child", "floor.grant");
      said = form ? t("client.mod.shortcut.next", { name: nameIn("#floor-queue li:first-child .name") }) : t("client.mod.shortcut.next_none");
    } else if (name === "end") {
      form = actForm("#floor-speaker", "floor.end");
      said = form ? t("client.mod.shortcut.end", { name: nameIn("#floor-speaker .name") }) : t("client.mod.shortcut.end_none");
    } else if (name === "item") {
      form = actForm("#agenda", "agenda.next");
      said = t(form ? "client.mod.shortcut.item" : "client.mod.shortcut.item_none");
    }
    // Said again when repeated: a status line announces only changes.
    if (note) note.textContent = "";
    window.setTimeout(() => setText(note, said), 50);
    form?.requestSubmit();
  };
  box.addEventListener("click", (e) => {
    const b = (e.target as Element).closest<HTMLElement>("button[data-shortcut]");
    if (b) run(b.dataset.shortcut ?? "");
  });
  const keys: Record<string, string> = { KeyN: "next", KeyE: "end", KeyA: "item" };
  document.addEventListener("keydown", (e) => {
    // The key's place on the keyboard, not its letter: the same keys in
    // every layout (Arabic, Russian…).
    const name = keys[e.code];
    if (!name || !e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || e.repeat || typing(e.target)) return;
    if (document.querySelector("dialog[open]")) return;
    e.preventDefault();
    run(name);
  });
}
