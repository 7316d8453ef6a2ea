// The moderator page's own client, loaded only there (so that every
// participant's phone does not load it): it makes the console's panels
// tabs, closes its actions menus on Escape, runs its keyboard shortcuts,
// keeps the waiting list and the balance of attendance live, and the
// panels that account for moderation (who is restricted, the questions
// held or hidden, the moderation log: sections marked data-refresh), read
// again from the page when the room says they changed. app.ts runs the room's socket and hands each event
// and presence change on as DOM events ("room:event", "room:presence"), so
// this needs no connection of its own.

import { agendaControls } from "./agendamod";
import { BalancePanel } from "./balance";
import { ConfirmDialog, confirmKey, takesReason } from "./confirm";
import { consoleTabs } from "./consoletabs";
import { actFactory, byId } from "./dom";
import { actionMenus } from "./menus";
import { shortcuts } from "./shortcuts";
import { loadStrings, pluralizer, translator } from "./strings";
import { WaitingList } from "./waiting";

/** The room events after which the data-refresh panels may have changed. */
const refreshOn = new Set(["participant.restricted", "participant.lifted", "chat.removed", "question.changed", "questions.review", "session.progress"]);

/** Reads the page again and swaps in its data-refresh sections; the focus
 * stays on the element of the same id, else goes to the section's heading. */
async function refreshPanels(): Promise<void> {
  const r = await fetch(location.pathname, { credentials: "same-origin" });
  if (!r.ok) return;
  const doc = new DOMParser().parseFromString(await r.text(), "text/html");
  for (const old of document.querySelectorAll<HTMLElement>("section[data-refresh]")) {
    const next = doc.getElementById(old.id);
    if (!next) continue;
    const focused = old.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
    old.replaceChildren(...Array.from(next.childNodes).map((n) => document.importNode(n, true)));
    if (focused) (byId(focused.id) ?? old.querySelector<HTMLElement>("h2"))?.focus();
  }
}

function main(): void {
  consoleTabs();
  actionMenus();
  const list = byId("waiting-list");
  const id = byId("chat")?.dataset.sessionId;
  if (!list || !id) return;
  const strings = loadStrings("i18n");
  const t = translator(strings);
  const waiting = new WaitingList(list, id, t, actFactory(id, "moderate", t));
  const balance = new BalancePanel(id, t, pluralizer(strings, document.documentElement.lang || "en"));
  const dialog = new ConfirmDialog(t);
  shortcuts(t);
  // Destructive actions ask first (actions.ts hands them over).
  document.addEventListener("room:confirm", (e) => {
    const d = (e as CustomEvent<{ frame: Record<string, unknown>; back: HTMLElement | null; answer: (reason: string | null) => void }>).detail;
    const key = confirmKey(d.frame);
    if (!key) return;
    e.preventDefault();
    void dialog.ask(key, takesReason(d.frame.type), d.back).then(d.answer);
  });
  let timer = 0;
  document.addEventListener("room:event", (e) => {
    const kind = (e as CustomEvent<{ kind?: string }>).detail?.kind ?? "";
    if (kind === "admission.changed" || kind === "participant.restricted") waiting.refresh();
    // After app.ts has applied the event to the agenda.
    if (kind === "session.progress" || kind === "agenda.changed") window.setTimeout(agendaControls, 0);
    if (refreshOn.has(kind)) {
      // A burst of events (a ban declines a request too) reads the page once.
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void refreshPanels().catch(() => undefined), 300);
    }
  });
  document.addEventListener("room:presence", () => balance.changed());
}

main();
