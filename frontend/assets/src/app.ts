// The client of the session room and of its moderator's page: chat,
// the agenda's time box, the speaking queue, Q&A, captions and presence,
// live over the room WebSocket. Without it the pages still work: every
// form posts and the page comes back.

import { Actions } from "./actions";
import { TimeBox, asAgenda, asProgress } from "./agenda";
import { Captions } from "./captions";
import { ChatLog, Draft } from "./chat";
import { ChatForms } from "./chatforms";
import { isOver, showEnded } from "./ended";
import { actFactory, byId as elById, modMenu, setText } from "./dom";
import { FloorPanel, asFloor } from "./floor";
import { PresencePanel } from "./presence";
import { PollList } from "./pollslist";
import { ErrorFrame, EventFrame, Position, asChatMessage } from "./protocol";
import { QuestionList, asQuestion } from "./questions";
import { ReactionsBar } from "./reactions";
import { RoomParts } from "./roomparts";
import { RoomSocket, Status, closePolicy, closeTooBig } from "./socket";
import { streamPlayers } from "./stream";
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

/** Reads a list of ids kept in storage (questions the viewer supported). */
function loadIds(key: string): number[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? "[]");
    return Array.isArray(v) ? v.filter((n): n is number => typeof n === "number") : [];
  } catch {
    return [];
  }
}

function saveIds(key: string, ids: Set<number>): void {
  try {
    localStorage.setItem(key, JSON.stringify(Array.from(ids)));
  } catch {
    // Storage refused: the pressed state is only lost on reload.
  }
}

/** The room's navigation: a link takes the focus to its part (the chat's
 * to the chat box, another to its heading), not only the view. */
function roomNav(): void {
  elById("room-nav")?.addEventListener("click", (e) => {
    const to = (e.target as Element).closest("a")?.hash.slice(1);
    const target = to ? elById(to) : null;
    if (!target) return;
    const focus = target instanceof HTMLTextAreaElement ? target : target.querySelector<HTMLElement>("h2");
    if (!focus) return;
    e.preventDefault();
    if (focus !== target) focus.tabIndex = -1;
    focus.focus();
    focus.scrollIntoView({ block: "start" });
  });
}

function main(): void {
  roomNav();
  // A form that came back with problems (the moderator's new poll): the
  // focus goes to their summary, which names them.
  document.querySelector<HTMLElement>("[data-focus-on-load]")?.focus();
  const room = byId("chat", HTMLElement);
  const logEl = byId("chat-log", HTMLElement);
  const status = byId("conn-status", HTMLElement);
  const id = room?.dataset.sessionId;
  if (!room || !logEl || !status || !id) return;
  const strings = loadStrings("i18n");
  const t = translator(strings);
  streamPlayers(t);
  const plural = pluralizer(strings, document.documentElement.lang || "en");
  const me = Number(room.dataset.me) || 0;
  const moderator = room.dataset.moderator === "true";
  const act = actFactory(id, moderator ? "moderate" : "", t);
  const log = new ChatLog(
    logEl,
    t,
    me,
    moderator
      ? (m) => [modMenu(act, t, m.author_name, m.author_id, m.id)]
      : undefined,
  );
  const presence = new PresencePanel(t, plural);
  // The server's clock, as the page was made: timers agree with it.
  const skew = Date.parse(elById("timebox")?.dataset.now ?? "") - Date.now() || 0;
  const now = () => Date.now() + skew;
  const timebox = new TimeBox(t, now, plural);
  const floor = new FloorPanel(t, me, moderator ? act : null, now);
  const votedKey = "igf-voted-" + id;
  const voted = new Set<number>(loadIds(votedKey));
  const questions = new QuestionList(t, plural, act, moderator, !!elById("qa-form"), voted);
  const captions = new Captions(t);
  // The stream's buttons are new once its block is read again. The more
  // people in the room, the longer its pages spread their reads.
  let people = 0;
  const parts = new RoomParts(t, (changed) => changed.has("streams") && streamPlayers(t), () => people);
  const polls = new PollList();
  const reactions = new ReactionsBar((f) => socket.send(f), t);
  const chatForms = elById("chat-form") ? new ChatForms(t) : null;
  window.setInterval(() => {
    timebox.tick();
    floor.tick();
  }, 1000);
  const actions = new Actions(
    (f) => socket.send(f),
    t,
    (f, code, data) => {
      // A question held for review: only its author's ack shows it, waiting.
      if (f.type === "question.ask" && !code && data) {
        const q = asQuestion(data);
        if (q) questions.apply(q);
      }
      // A second vote is a conflict: the person had supported it already.
      if (f.type === "question.upvote" && (!code || code === "conflict")) {
        questions.supported(Number(f.question_id));
        saveIds(votedKey, voted);
      }
      if (f.type === "chat.report" && !code) chatForms?.reported(Number(f.message_id));
      // Asking for the floor (or withdrawing) hides the button pressed:
      // the focus goes to what it produced, the person's place in the queue.
      if ((f.type === "floor.request" || f.type === "floor.withdraw") && !code) elById("floor-mine")?.focus();
      // The rules form stays as sent: say that they were saved.
      if (f.type === "session.settings" && !code) setText(elById("settings-note"), t("client.mod.settings_saved"));
    },
  );
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
  let last: Status = "connecting";

  const showError = (text: string): void => {
    if (errorEl) errorEl.textContent = text;
  };

  const settle = (): void => {
    if (pending) clearTimeout(pending.timer);
    pending = null;
    send?.removeAttribute("aria-disabled");
  };

  const setStatus = (s: Status): void => {
    last = s;
    // An ended session's room stays connected (a moderator may reopen it)
    // but has nothing live to tell: it says that it has ended.
    // (The moderator's console says it is connected: a reopening comes.)
    const over = !moderator && isOver() && (s === "connecting" || s === "live" || s === "reconnecting");
    const text = t("client.status." + (over ? "ended" : s));
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

  const apply = (ev: EventFrame): void => {
    const d = ev.data as Record<string, unknown> | null;
    // The moderator's page's own script (moderate.ts) follows the room too.
    if (moderator) document.dispatchEvent(new CustomEvent("room:event", { detail: ev }));
    switch (ev.kind) {
      case "chat.posted": {
        const m = asChatMessage(d);
        if (m) log.add(m, ev.offset);
        break;
      }
      case "chat.removed":
        log.remove(Number(d?.id));
        break;
      case "floor.changed": {
        const f = asFloor(d);
        if (f) floor.show(f);
        break;
      }
      case "question.changed": {
        const q = asQuestion(d);
        if (q) questions.apply(q);
        break;
      }
      case "caption.added":
        if (d && typeof d.id === "number") {
          const channel = typeof d.channel_id === "number" ? d.channel_id : 0;
          captions.add({ id: d.id, text: String(d.text ?? ""), channel, language: String(d.language ?? "") });
        }
        break;
      case "session.progress": {
        const p = asProgress(d);
        // A participant's room ends in place (ended.ts); the moderator's
        // console, whose controls follow the state, reloads.
        if (p?.state === "ended" && !moderator && !isOver()) {
          showEnded(t, id);
          setStatus(last);
          break;
        }
        // Spread over a few seconds: a whole room reloads when a session
        // goes live.
        if (p && timebox.apply(p)) window.setTimeout(() => location.reload(), Math.random() * 4000);
        break;
      }
      case "poll.opened":
      case "poll.closed":
        polls.apply(ev.kind, d);
        break;
      case "reactions.changed":
        reactions.show(d);
        break;
      case "participant.restricted":
        if (d?.account_id === me && d.restriction === "muted") showError(t("chat.error.forbidden"));
        break;
      case "participant.lifted":
        if (d?.account_id === me && d.restriction === "muted") showError("");
        break;
      case "agenda.changed": {
        const a = asAgenda(d);
        if (a) timebox.reorder(a);
        break;
      }
      case "caption.channels":
        if (Array.isArray(d?.channels)) {
          const list = d.channels.filter((c: unknown): c is { id: number; language: string } => typeof (c as { id?: unknown })?.id === "number").map((c) => ({ id: c.id, language: String(c.language ?? "") }));
          if (captions.channels(list)) parts.say("captions");
          // A captioner's channels to send to, the moderators' set-up.
          if (elById("caption-form") || elById("caption-setup")) parts.changed("channels", false);
        }
        break;
      case "streams.changed":
        parts.changed("streams");
        break;
      case "hubs.changed":
        // Only the hubs' registrants (their "ask as a hub" choice) and
        // those who run the session (the list) see hubs.
        if (moderator || elById("hub-ask")) parts.changed("hubs");
        break;
      case "content.translated":
        parts.changed("translated", Array.isArray(d?.languages) && d.languages.includes(document.documentElement.lang));
        break;
    }
  };

  const socket = new RoomSocket(id, position(room), {
    event: apply,
    presence(p) {
      presence.show(p);
      people = Number(p.total) || 0;
      if (moderator) document.dispatchEvent(new CustomEvent("room:presence"));
    },
    ack(ref, data) {
      if (actions.settle(ref, "", data) || reactions.ack(ref)) return;
      const done = pending && pending.ref === ref ? pending : late && late.ref === ref ? late : null;
      if (!done) return;
      late = null;
      if (input && input.value.trim() === done.body) {
        input.value = "";
        draft.save("");
      }
      showError("");
      chatForms?.replySent();
      if (done === pending) settle();
    },
    error(f: ErrorFrame) {
      if (actions.error(f) || reactions.error(f)) return;
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
      const replyTo = Number(byId("reply-to", HTMLInputElement)?.value) || 0;
      if (!socket.send(replyTo ? { type: "chat.send", ref, body, reply_to: replyTo } : { type: "chat.send", ref, body })) {
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
