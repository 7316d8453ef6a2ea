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
    this.counts("presence-groups", "group.", p.by_group, p.listed_by_group);
    this.counts("presence-regions", "region.", p.by_region, p.listed_by_region);
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

  /**
   * Fills the list of counts in block id, ordered by code as the server
   * does, each as pages presence.go says it: the people listed by name
   * counted exactly, those not listed beside them ("2 listed by name, fewer
   * than 5 others"), so that the counts never contradict the names.
   */
  private counts(id: string, prefix: string, others: Record<string, string>, listed: Record<string, number>): void {
    const block = byId(id);
    const dl = block?.querySelector("dl");
    if (!block || !dl) return;
    dl.textContent = "";
    const codes = Array.from(new Set(Object.keys(others).concat(Object.keys(listed)))).sort();
    for (const code of codes) {
      const row = document.createElement("div");
      const dt = document.createElement("dt");
      const dd = document.createElement("dd");
      dt.textContent = this.t(prefix + code);
      dd.textContent = this.line(others[code] ?? "", listed[code] ?? 0);
      row.append(dt, dd);
      dl.append(row);
    }
    block.hidden = !codes.length;
  }

  /** One group's count: others alone, the listed alone, or both. */
  private line(others: string, listed: number): string {
    const hidden = others.charAt(0) === "<";
    if (!listed) return hidden ? this.t("presence.few") : others;
    const named = this.plural("presence.listed", listed);
    if (!others) return named;
    const rest = hidden ? this.t("presence.few_others") : this.plural("presence.others_count", Number(others));
    return this.t("presence.listed_and_others", { Listed: named, Others: rest });
  }
}
