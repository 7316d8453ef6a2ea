// The moderator page's own client, loaded only there (so that every
// participant's phone does not load it): it keeps the waiting list live.
// app.ts runs the room's socket and hands each event on as a DOM event
// ("room:event"), so this needs no connection of its own.

import { actFactory, byId } from "./dom";
import { loadStrings, translator } from "./strings";
import { WaitingList } from "./waiting";

function main(): void {
  const list = byId("waiting-list");
  const id = byId("chat")?.dataset.sessionId;
  if (!list || !id) return;
  const t = translator(loadStrings("i18n"));
  const waiting = new WaitingList(list, id, t, actFactory(id, "moderate", t));
  document.addEventListener("room:event", (e) => {
    const kind = (e as CustomEvent<{ kind?: string }>).detail?.kind;
    if (kind === "admission.changed" || kind === "participant.restricted") waiting.refresh();
  });
}

main();
