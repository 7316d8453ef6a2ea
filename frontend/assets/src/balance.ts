// The moderator's balance of attendance (everyone who has attended so
// far, by stakeholder group, region and self-described gender), kept live:
// when the room's presence changes it is read again from the API, at most
// once every 10 s, and rebuilt with the server's markup (pages moderate.go
// balanceOf). It stays quiet: counts change often and are not announced.

import { Translate } from "./strings";

/** The least time between two reads, so that a busy room costs little. */
const every = 10000;

interface Balance {
  total: number;
  by_group: Record<string, string>;
  by_region: Record<string, string>;
  by_gender: Record<string, string>;
}

/**
 * Says a self-described gender as the server does (pages gender.go): in the
 * page's language when the catalogue knows the word (client.mod.gender.<word>, lower
 * case, spaces and hyphens as "_"), else as written.
 */
export function genderName(t: Translate, g: string): string {
  if (g === "not_stated") return t("client.mod.not_stated");
  const key = "client.mod.gender." + g.trim().toLowerCase().split(/[\s_-]+/).filter(Boolean).join("_");
  const name = t(key);
  return name === key ? g : name;
}

export class BalancePanel {
  private last = 0;
  private timer = 0;

  constructor(
    private readonly sessionId: string,
    private readonly t: Translate,
    private readonly plural: (key: string, n: number) => string,
  ) {}

  /** Presence changed: read the balance again, soon. */
  changed(): void {
    if (this.timer) return;
    this.timer = window.setTimeout(() => this.read(), Math.max(0, this.last + every - Date.now()));
  }

  private read(): void {
    this.last = Date.now();
    fetch("/api/sessions/" + encodeURIComponent(this.sessionId) + "/attendance", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : null))
      .then((b: Balance | null) => {
        if (b && typeof b.total === "number") this.show(b);
      })
      .catch(() => undefined) // the next change tries again
      .finally(() => (this.timer = 0));
  }

  private show(b: Balance): void {
    const total = document.getElementById("balance-total");
    if (total) total.textContent = this.plural("client.mod.balance_total", b.total);
    this.block("group", (c) => this.t("group." + c), b.by_group);
    this.block("region", (c) => this.t("region." + c), b.by_region);
    this.block("gender", (c) => genderName(this.t, c), b.by_gender);
  }

  /** Fills a block's counts, ordered by code as the server does. */
  private block(key: string, name: (code: string) => string, counts: Record<string, string> | undefined): void {
    const box = document.getElementById("balance-" + key);
    const dl = box && box.querySelector("dl");
    if (!box || !dl || !counts) return;
    const codes = Object.keys(counts).sort();
    dl.textContent = "";
    for (const code of codes) {
      const row = document.createElement("div");
      const dt = document.createElement("dt");
      const dd = document.createElement("dd");
      const n = counts[code] || "";
      dt.dir = "auto";
      dt.textContent = name(code);
      dd.textContent = n.charAt(0) === "<" ? this.t("presence.few") : n;
      row.append(dt, dd);
      dl.append(row);
    }
    box.hidden = !codes.length;
  }
}
