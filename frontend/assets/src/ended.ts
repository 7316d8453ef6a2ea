// The end of a session, shown in place: when session.progress says that
// the room's session has ended, a participant's page closes what only a
// live session offers (the composer, questions, the floor, reactions,
// captioning, the captions' pause) and stops the agenda's timer, says so,
// and links to the session's report, without reloading: the whole room
// learns it from the one event at once, instead of reloading in waves.

import { byId, el, setText } from "./dom";
import { Translate } from "./strings";

/** What a live session alone offers: gone once it has ended. */
const liveOnly = ["floor-request", "floor-withdraw", "qa-form", "reactions", "caption-form", "report-form"];

/** Reports whether the page shows a session that is over (ended or
 * reported), as rendered or as ended in place. */
export function isOver(): boolean {
  const s = byId("session-state");
  return !!s && (s.classList.contains("state-ended") || s.classList.contains("state-reported"));
}

/** Shows the page's session as ended (see the file's comment). */
export function showEnded(t: Translate, sessionId: string): void {
  const state = byId("session-state");
  if (state) {
    state.className = "state state-ended";
    setText(state, t("client.ended.state"));
  }
  for (const id of liveOnly) byId(id)?.remove();
  document.querySelectorAll(".msg-actions").forEach((e) => e.remove());
  // The navigation's chat link led to the box, which goes.
  document.querySelector('#room-nav a[href="#chat-body"]')?.setAttribute("href", "#chat");
  const form = byId("chat-form");
  if (form) {
    // Keep the focus on the page when it was in the composer.
    const had = form.contains(document.activeElement);
    const closed = el("p", "", t("client.ended.chat"));
    closed.id = "chat-closed";
    closed.tabIndex = -1;
    form.replaceWith(closed);
    if (had) closed.focus();
  }
  const pause = byId("captions-pause");
  if (pause?.getAttribute("aria-pressed") === "true") pause.click(); // the lines held back come in
  pause?.remove();
  byId("captions-pending")?.remove();
  setText(byId("timebox-left"), "");
  // Its rapporteurs and moderators may read the report's draft at once;
  // the others are told where it comes once published.
  if (byId("chat")?.dataset.reportWriter === "true") {
    if (!byId("report-link")) {
      const a = el("a", "", t("client.ended.report"));
      a.id = "report-link";
      a.href = "/sessions/" + encodeURIComponent(sessionId) + "/report";
      document.querySelector("main p")?.append(" · ", a);
    }
  } else if (!byId("report-later")) {
    const p = el("p", "", t("client.ended.report_later"));
    p.id = "report-later";
    byId("conn-status")?.after(p);
  }
}
