// The actions menus of the moderator's console (template "mod-menu", a
// <details> per chat message or queued person): Escape closes the open
// menu and gives the focus back to its summary, and opening one closes
// the others, so that at most one is open.

export function actionMenus(): void {
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || e.defaultPrevented) return;
    const menu = (e.target as Element | null)?.closest?.("details.menu[open]");
    if (!(menu instanceof HTMLDetailsElement)) return;
    e.preventDefault();
    menu.open = false;
    menu.querySelector("summary")?.focus();
  });
  document.addEventListener(
    "toggle",
    (e) => {
      const menu = e.target;
      if (!(menu instanceof HTMLDetailsElement) || !menu.open || !menu.classList.contains("menu")) return;
      for (const other of document.querySelectorAll<HTMLDetailsElement>("details.menu[open]")) if (other !== menu) other.open = false;
    },
    true,
  );
}
