// The reactions bar: applause, agree, disagree. Sending is a WebSocket
// message only (the bar stays hidden without this script); the room sees
// counts over the last seconds (reactions.changed), never who reacted.
// The counts change often, so they are not announced.

import { byId } from "./dom";

export class ReactionsBar {
  constructor(send: (frame: object) => boolean) {
    const bar = byId("reactions");
    if (!bar) return;
    bar.hidden = false;
    bar.addEventListener("click", (e) => {
      const b = (e.target as Element).closest("button");
      if (b?.dataset.kind) send({ type: "reaction.send", kind: b.dataset.kind });
    });
  }

  /** Shows the counts of a reactions.changed event. */
  show(d: unknown): void {
    const counts = (d as { counts?: Record<string, unknown> } | null)?.counts;
    if (!counts) return;
    for (const k of Object.keys(counts)) {
      const c = byId("react-" + k);
      if (c) c.textContent = String(Number(counts[k]) || 0);
    }
  }
}
