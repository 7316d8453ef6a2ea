// A session's public wall (/sessions/{id}/wall): it follows the session's
// room as a signed-out watcher (read-only: docs/PROTOCOL.md, "Public
// walls") and, on each event, reads the wall again and swaps its live part
// in, gathered over a moment, so that the server renders the wall one way
// only. Its timers (the item's time box, the speaker's time) tick against
// the server's clock. Without JavaScript the wall is the page as it loaded.
// The caption channel's links (?channel=) switch in place: the address
// changes, and the wall is read again with it.

import { RoomSocket, Status } from "./socket";
import { loadStrings, translator } from "./strings";

const gather = 300;

function main(): void {
  const live = document.getElementById("wall-live");
  const status = document.getElementById("wall-status");
  const id = live?.dataset.sessionId;
  if (!live || !status || !id) return;
  const t = translator(loadStrings("i18n"));
  let skew = Date.parse(live.dataset.now ?? "") - Date.now() || 0;
  let timer: number | undefined;
  let busy = false;
  let again = false;

  const refresh = async (): Promise<void> => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const r = await fetch(location.pathname + location.search, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (r.ok) {
        const doc = new DOMParser().parseFromString(await r.text(), "text/html");
        const next = doc.getElementById("wall-live");
        const cur = document.getElementById("wall-live");
        if (next && cur) {
          skew = Date.parse(next.dataset.now ?? "") - Date.now() || skew;
          // A chosen channel's link keeps the focus it had.
          const focused = document.activeElement?.closest("#wall-channels a")?.id;
          cur.replaceWith(document.adoptNode(next));
          if (focused) document.getElementById(focused)?.focus();
          tick();
        }
      }
    } catch {
      // The next event or reconnection tries again.
    } finally {
      busy = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  };
  const soon = (): void => {
    clearTimeout(timer);
    timer = window.setTimeout(() => void refresh(), gather);
  };

  const tick = (): void => {
    const now = Date.now() + skew;
    for (const c of document.querySelectorAll<HTMLElement>("#wall-live .clock[data-until]")) {
      const left = Date.parse(c.dataset.until ?? "") - now;
      if (!isFinite(left)) continue;
      const s = Math.round(Math.abs(left) / 1000);
      const text = t(left < 0 ? "wall.client.over" : "wall.client.left", { time: Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0") });
      if (c.textContent !== text) c.textContent = text;
      c.classList.toggle("over", left < 0);
    }
  };
  window.setInterval(tick, 1000);

  document.addEventListener("click", (e) => {
    const a = e.target instanceof Element ? e.target.closest("#wall-channels a[href]") : null;
    if (!(a instanceof HTMLAnchorElement) || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    history.replaceState(null, "", a.href);
    for (const l of document.querySelectorAll("#wall-channels a")) {
      if (l === a) l.setAttribute("aria-current", "true");
      else l.removeAttribute("aria-current");
    }
    void refresh();
  });

  const said: Partial<Record<Status, string>> = {
    live: "wall.client.live",
    connecting: "wall.client.reconnecting",
    reconnecting: "wall.client.reconnecting",
    offline: "wall.client.offline",
  };
  const socket = new RoomSocket(id, null, {
    event: soon,
    presence: () => undefined,
    ack: () => undefined,
    error: () => undefined,
    status: (s) => {
      status.textContent = t(said[s] ?? "wall.client.ended");
      // Joined (again): what happened while away is read at once.
      if (s === "live") soon();
    },
    dropped: () => undefined,
  });
  socket.start();
}

main();
