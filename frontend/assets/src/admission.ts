// The waiting page's client: the person held in a session's waiting room
// keeps a socket on their own place in it and enters the room as soon as
// a moderator admits them (docs/PROTOCOL.md, Admission). The page loads
// this alone, not the room's app.js; without it the page still offers a
// link to check again.

import { RoomSocket } from "./socket";
import { loadStrings, translator } from "./strings";

/** The waiting page: holds the person's own waiting socket, which says
 * at once when they are admitted, and enters the room then
 * (docs/PROTOCOL.md, Admission). Their place in the list is read on
 * (re)connecting, which also catches an admission made before the socket
 * was open, and every 15 s, which also stands in for a socket that cannot
 * open. */
function waitToEnter(): void {
  const w = document.getElementById("waiting-room");
  const id = w?.dataset.sessionId;
  if (!w || !id || w.dataset.state !== "waiting") return;
  const t = translator(loadStrings("i18n"));
  const stateEl = document.getElementById("admission-state");
  let entering = false;
  const enter = (): void => {
    if (entering) return;
    entering = true;
    if (stateEl) stateEl.textContent = t("client.waiting.admitted");
    location.reload();
  };
  const check = (): void => {
    fetch("/api/sessions/" + encodeURIComponent(id) + "/admission", { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((a: { state?: string; position?: number } | null) => {
        if (!a) return;
        if (a.state === "waiting") {
          const text = t("client.waiting.number").replace("{n}", String(a.position ?? ""));
          if (stateEl && stateEl.textContent !== text) stateEl.textContent = text;
          return;
        }
        enter();
      })
      .catch(() => undefined);
  };
  const nothing = (): void => undefined;
  new RoomSocket(
    id,
    null,
    {
      event: (ev) => ev.kind === "admission.admitted" && enter(),
      status: (s) => {
        // Marks the page as held live (tests wait for it before admitting).
        w.dataset.connected = String(s === "live");
        if (s === "live") check();
      },
      presence: nothing,
      ack: nothing,
      error: nothing,
      dropped: nothing,
    },
    "sessions",
    "/waiting",
  ).start();
  window.setInterval(check, 15000);
}

waitToEnter();
