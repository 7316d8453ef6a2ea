// The room's "Who is here" panel, kept up to date from presence frames. It
// rebuilds the markup the server renders (templates/room.html, pages
// presence.go), with textContent only. The panel changes often, so it
// stays quiet: no live region, nothing announced when people come and go.

import { Presence } from "./protocol";
import { Translate } from "./strings";

function byId(id: string): HTMLElement | null {
  return document.getElementById(id);
}

export class PresencePanel {
  constructor(
    private readonly t: Translate,
    private readonly plural: (key: string, n: number) => string,
  ) {}

  /** Shows p; a page rendered without the panel (byId fails) is left as is. */
  show(p: Presence): void {
    const panel = byId("presence");
    const total = byId("presence-total");
    const names = byId("presence-names");
    const note = byId("presence-note");
    if (!panel || !total || !names || !note) return;
    const t = this.t;
    // A total hidden as "<5" (not a whole number) is shown in words.
    const n = /^\d+$/.test(p.total) ? Number(p.total) : -1;
    total.textContent = n < 0 ? t("presence.total_few") : this.plural("presence.total", n);
    this.counts("presence-groups", "group.", p.by_group);
    this.counts("presence-regions", "region.", p.by_region);
    names.textContent = "";
    for (const name of p.names) {
      const li = document.createElement("li");
      li.dir = "auto";
      li.textContent = name;
      names.append(li);
    }
    names.hidden = !p.names.length;
    const text = !p.names.length ? (n ? t("presence.none_listed") : "") : n < 0 || p.names.length < n ? t("presence.others") : "";
    note.textContent = text;
    note.hidden = !text;
    panel.hidden = false;
  }

  /** Fills the list of counts in block id, ordered by code as the server does. */
  private counts(id: string, prefix: string, counts: Record<string, string>): void {
    const block = byId(id);
    const dl = block?.querySelector("dl");
    if (!block || !dl) return;
    dl.textContent = "";
    const codes = Object.keys(counts).sort();
    for (const code of codes) {
      const row = document.createElement("div");
      const dt = document.createElement("dt");
      const dd = document.createElement("dd");
      const count = counts[code] ?? "";
      dt.textContent = this.t(prefix + code);
      dd.textContent = count.charAt(0) === "<" ? this.t("presence.few") : count;
      row.append(dt, dd);
      dl.append(row);
    }
    block.hidden = !codes.length;
  }
}
