// The moderator's console's panels as tabs (the WAI-ARIA tabs pattern):
// the page renders them as sections behind a bar of same-page links, all
// shown, which works without JavaScript; this makes the bar a tab list
// with one panel shown at a time. The chosen panel is kept in the URL's
// fragment, so that a reload (the console reloads when the session's state
// changes) and a form posted back to "#chat" open the panel they name.

import { byId } from "./dom";

/** The panel a fragment names: a panel itself, or the one holding it. */
function panelOf(hash: string, panels: HTMLElement[]): number {
  const target = hash.length > 1 ? byId(decodeURIComponent(hash.slice(1))) : null;
  return target ? panels.findIndex((p) => p.contains(target)) : -1;
}

interface Pair {
  tab: HTMLAnchorElement;
  panel: HTMLElement;
}

export function consoleTabs(): void {
  // The narrow screen's link to the floor puts the focus on its heading.
  byId("console-nav")
    ?.querySelector("a.to-floor")
    ?.addEventListener("click", (e) => {
      const h = byId("floor-h");
      if (!h) return;
      e.preventDefault();
      h.tabIndex = -1;
      h.focus();
      h.scrollIntoView({ block: "start" });
    });
  const list = byId("console-tabs");
  if (!list) return;
  const pairs: Pair[] = [];
  for (const tab of list.querySelectorAll<HTMLAnchorElement>("a[href^='#']")) {
    const panel = byId(tab.hash.slice(1));
    if (!panel) return;
    pairs.push({ tab, panel });
  }
  if (!pairs.length) return;
  const tabs = pairs.map((p) => p.tab);
  const ps = pairs.map((p) => p.panel);
  list.setAttribute("role", "tablist");
  list.setAttribute("aria-label", byId("console-nav")?.getAttribute("aria-label") ?? "");
  for (const p of pairs) {
    p.tab.setAttribute("role", "tab");
    p.tab.setAttribute("aria-controls", p.panel.id);
    p.panel.setAttribute("role", "tabpanel");
    p.panel.setAttribute("aria-labelledby", p.tab.id);
    p.panel.tabIndex = 0;
  }
  let current = -1;
  const select = (i: number, focus: boolean, keep: boolean): void => {
    const chosen = pairs[i];
    if (!chosen) return;
    pairs.forEach((p, j) => {
      p.tab.setAttribute("aria-selected", String(i === j));
      p.tab.tabIndex = i === j ? 0 : -1;
      p.panel.hidden = i !== j;
    });
    current = i;
    if (focus) chosen.tab.focus();
    // The fragment names the panel, without scrolling to it.
    if (keep) history.replaceState(history.state, "", "#" + chosen.panel.id);
  };
  list.addEventListener("click", (e) => {
    const i = tabs.indexOf((e.target as Element).closest("a") as HTMLAnchorElement);
    if (i < 0) return;
    e.preventDefault();
    select(i, true, true);
  });
  list.addEventListener("keydown", (e) => {
    const i = tabs.indexOf(e.target as HTMLAnchorElement);
    if (i < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    // Arrows follow the reading direction: in Arabic the next tab is on the left.
    const rtl = getComputedStyle(list).direction === "rtl";
    const step: Record<string, number> = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, Home: -i, End: tabs.length - 1 - i };
    const by = e.key === " " ? 0 : step[e.key];
    if (by === undefined) return;
    e.preventDefault();
    select((i + by + tabs.length) % tabs.length, true, true);
  });
  // A link on the page to something in a hidden panel opens that panel.
  window.addEventListener("hashchange", () => {
    const i = panelOf(location.hash, ps);
    if (i >= 0 && i !== current) select(i, false, false);
  });
  // First the panel the fragment names, else the one holding what the
  // page focused as it loaded (a form that came back with problems).
  const focused = ps.findIndex((p) => p.contains(document.querySelector("[data-focus-on-load]")));
  const named = panelOf(location.hash, ps);
  select(named >= 0 ? named : Math.max(0, focused), false, false);
}
