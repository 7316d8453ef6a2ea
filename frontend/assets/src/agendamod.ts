// The moderator's agenda controls, kept true as the agenda changes (after
// app.ts applied the event): no "Start this item" on the item under way,
// the extend form while an item runs, and each item's moves, up and down
// past neighbours that have not started (the server's agendaLines and
// sessions.Reorder).

import { items } from "./agenda";
import { byId } from "./dom";

export function agendaControls(): void {
  const li = items();
  const fixed = (i: number): boolean => li[i]?.dataset.started === "true" || !!li[i]?.hasAttribute("aria-current");
  let running = false;
  li.forEach((item, i) => {
    const current = item.hasAttribute("aria-current");
    running ||= current;
    const start = item.querySelector<HTMLInputElement>('input[name="type"][value="agenda.start"]')?.form;
    if (start) start.hidden = current;
    const set = (dir: string, to: number, ok: boolean): void => {
      const f = item.querySelector<HTMLFormElement>("form.move-" + dir);
      if (!f) return;
      f.hidden = !ok;
      const pos = f.querySelector<HTMLInputElement>('input[name="position"]');
      if (pos) pos.value = String(to);
    };
    set("up", i, !fixed(i) && i > 0 && !fixed(i - 1));
    set("down", i + 2, !fixed(i) && i + 1 < li.length && !fixed(i + 1));
  });
  const extend = byId("agenda-extend");
  if (extend) extend.hidden = !running;
}
