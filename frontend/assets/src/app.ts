// The session room's client: live chat and presence over the room
// WebSocket. Without it the page still works: the form posts and the page
// reloads.

import { ChatLog, Draft } from "./chat";
import { PresencePanel } from "./presence";
import { ErrorFrame, Position, asChatMessage } from "./protocol";
import { RoomSocket, Status, closePolicy, closeTooBig } from "./socket";
import { loadStrings, pluralizer, translator } from "./strings";

/** How long a sent message waits for its ack before the user is told. */
const ackTimeout = 10000;

interface Pending {
  ref: string;
  body: string;
  timer: number;
}

function byId<T extends HTMLElement>(id: string, type: { new (): T }): T | null {
  const e = document.getElementById(id);
  return e instanceof type ? e : null;
}

function position(room: HTMLElement): Position | null {
  const epoch = Number(room.dataset.epoch);
  const offset = Number(room.dataset.offset);
  if (room.dataset.epoch === undefined || room.dataset.offset === undefined || !isFinite(epoch) || !isFinite(offset)) return null;
  return { epoch, offset };
}

function main(): void {
  const room = byId("chat", HTMLElement);
  const logEl = byId("chat-log", HTMLElement);
  const status = byId("conn-status", HTMLElement);
  const id = room?.dataset.sessionId;
  if (!room || !logEl || !status || !id) return;
  const strings = loadStrings("i18n");
  const t = translator(strings);
  const log = new ChatLog(logEl, t, Number(room.dataset.me) || 0);
  const presence = new PresencePanel(t, pluralizer(strings, document.documentElement.lang || "en"));
  const form = byId("chat-form", HTMLFormElement);
  const input = byId("chat-body", HTMLTextAreaElement);
  const send = byId("chat-send", HTMLButtonElement);
  const errorEl = byId("chat-error", HTMLElement);
  const draft = new Draft("igf-draft-" + id);
  const here = location.pathname;
  let pending: Pending | null = null;
  // A message whose ack came too late is still cleared when it comes.
  let late: Pending | null = null;
  let seq = 0;
  let shown = "";

  const showError = (text: string): void => {
    if (errorEl) errorEl.textContent = text;
  };

  const settle = (): void => {
    if (pending) clearTimeout(pending.timer);
    pending = null;
    send?.removeAttribute("aria-disabled");
  };

  const setStatus = (s: Status): void => {
    const text = t("client.status." + s);
    if (text !== shown) status.textContent = shown = text;
    if (input) draft.save(input.value);
    if (s === "unauthorized") {
      // Through the session resume: an expired access cookie is renewed from
      // the refresh cookie and the page comes back; otherwise, sign-in.
      location.assign("/api/auth/resume?next=" + encodeURIComponent(here));
    } else if (s === "reload") {
      reload();
    }
  };

  // Reload once to catch up; if that did not help, leave it to the user.
  const reload = (): void => {
    const key = "igf-reload-" + id;
    let last = 0;
    try {
      last = Number(sessionStorage.getItem(key)) || 0;
      sessionStorage.setItem(key, String(Date.now()));
    } catch {
      last = Date.now();
    }
    if (Date.now() - last < 30000) status.textContent = t("client.status.reload_failed");
    else location.reload();
  };

  const socket = new RoomSocket(id, position(room), {
    event(ev) {
      const m = ev.kind === "chat.posted" ? asChatMessage(ev.data) : null;
      if (m) log.add(m, ev.offset);
    },
    presence: (p) => presence.show(p),
    ack(ref) {
      const done = pending && pending.ref === ref ? pending : late && late.ref === ref ? late : null;
      if (!done) return;
      late = null;
      if (input && input.value.trim() === done.body) {
        input.value = "";
        draft.save("");
      }
      showError("");
      if (done === pending) settle();
    },
    error(f: ErrorFrame) {
      if (f.ref && (!pending || f.ref !== pending.ref)) return;
      showError(t("chat.error." + f.code));
      settle();
    },
    status: setStatus,
    dropped(code) {
      if (!pending) return;
      showError(t(code === closeTooBig ? "chat.error.invalid" : code === closePolicy ? "chat.error.rate_limited" : "client.error.unconfirmed"));
      settle();
    },
  });

  if (form && input && send) {
    if (!input.value) input.value = draft.load();
    input.addEventListener("input", () => draft.save(input.value));
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        send.click();
      }
    });
    form.addEventListener("submit", (e) => {
      const body = input.value.trim();
      if (pending) {
        e.preventDefault();
        return;
      }
      if (!body) {
        e.preventDefault();
        showError(t("chat.error.invalid"));
        return;
      }
      const ref = "c" + ++seq;
      if (!socket.send({ type: "chat.send", ref, body })) {
        draft.save(""); // posted by the form; the page comes back with it sent
        return;
      }
      e.preventDefault();
      send.setAttribute("aria-disabled", "true");
      pending = {
        ref,
        body,
        timer: window.setTimeout(() => {
          showError(t("client.error.unconfirmed"));
          late = pending;
          settle();
        }, ackTimeout),
      };
    });
  }
  socket.start();
}

main();
