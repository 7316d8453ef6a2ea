// The moderator page's own client, loaded only there (so that every
// participant's phone does not load it): it keeps the waiting list and the
// balance of attendance live. app.ts runs the room's socket and hands each
// event and presence change on as DOM events ("room:event",
// "room:presence"), so this needs no connection of its own.

import { BalancePanel } from "./balance";
import { actFactory, byId } from "./dom";
import { loadStrings, pluralizer, translator } from "./strings";
import { WaitingList } from "./waiting";

function main(): void {
  const list = byId("waiting-list");
  const id = byId("chat")?.dataset.sessionId;
  if (!list || !id) return;
  const strings = loadStrings("i18n");
  const t = translator(strings);
  const waiting = new WaitingList(list, id, t, actFactory(id, "moderate", t));
  const balance = new BalancePanel(id, t, pluralizer(strings, document.documentElement.lang || "en"));
  document.addEventListener("room:event", (e) => {
    const kind = (e as CustomEvent<{ kind?: string }>).detail?.kind;
    if (kind === "admission.changed" || kind === "participant.restricted") waiting.refresh();
  });
  document.addEventListener("room:presence", () => balance.changed());
}

main();
