// The reactions bar: applause, agree, disagree. Sending is a WebSocket
// message only (the bar stays hidden without this script); the room sees
// counts over the last seconds (reactions.changed), never who reacted.
// The counts change often, so they are not announced. A refused reaction
// (one a second per person) says so beside the bar, not under the chat.

import { ErrorFrame } from "./protocol";
import { byId, setText } from "./dom";
import { Translate } from "./strings";

export class ReactionsBar {
  private seq = 0;
  private readonly sent = new Set<string>();
  private readonly errorEl = byId("react-error");

  constructor(
    send: (frame: object) => boolean,
    private readonly t: Translate,
  ) {
    const bar = byId("reactions");
    if (!bar) return;
    bar.hidden = false;
    bar.addEventListener("click", (e) => {
      const b = (e.target as Element).closest("button");
      if (!b?.dataset.kind) return;
      const ref = "r" + ++this.seq;
      if (send({ type: "reaction.send", ref, kind: b.dataset.kind })) this.sent.add(ref);
    });
  }

  /** Settles a reaction's ack; false when ref is not a reaction's. */
  ack(ref: string): boolean {
    if (!this.sent.delete(ref)) return false;
    setText(this.errorEl, "");
    return true;
  }

  /** Shows why a reaction was refused; false when it is not a reaction's. */
  error(f: ErrorFrame): boolean {
    if (!f.ref || !this.sent.delete(f.ref)) return false;
    setText(this.errorEl, this.t(f.code === "rate_limited" ? "client.reaction.rate_limited" : "client.act." + f.code));
    return true;
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
