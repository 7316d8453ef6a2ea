// The room's stream block (pages stream.html). "Show the video" puts the
// player in place only when pressed: until then the page holds the
// player's address in a data attribute, so nothing is fetched from the
// stream's host (no frame, no preconnect, no thumbnail), for privacy and
// low bandwidth. Without JavaScript the same button's GET form asks the
// server for the room with the player in it (?play=).

import { Translate } from "./strings";

/** A player for src: a frame of a video host's embed page, or a video. */
function player(kind: string, src: string, label: string): HTMLElement {
  if (kind === "iframe") {
    const f = document.createElement("iframe");
    f.src = src;
    f.title = label;
    f.allow = "fullscreen";
    f.allowFullscreen = true;
    f.referrerPolicy = "strict-origin";
    return f;
  }
  const v = document.createElement("video");
  v.src = src;
  v.controls = true;
  v.preload = "none";
  v.setAttribute("aria-label", label);
  return v;
}

/** Shows a stream's player in place when its button is pressed. */
export function streamPlayers(t: Translate): void {
  const box = document.getElementById("stream-player");
  if (!box) return;
  for (const form of document.querySelectorAll<HTMLFormElement>("form.stream-show")) {
    form.addEventListener("submit", (e) => {
      const b = form.querySelector<HTMLButtonElement>("button[data-src]");
      const src = b?.dataset.src ?? "";
      if (!b || !src.startsWith("https://")) return; // the form's own way
      e.preventDefault();
      box.replaceChildren(player(b.dataset.player ?? "", src, b.dataset.label ?? ""));
      const said = document.getElementById("stream-status");
      if (said) said.textContent = t("client.stream.shown");
    });
  }
}
