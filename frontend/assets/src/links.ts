// Safe links in plain text, as the server's pages.Links: http and https
// URLs become anchors built with DOM APIs (href set, text by textContent),
// everything else stays text. Nothing is ever parsed as HTML.

const linkRe = /https?:\/\/[^\s<>"'`]+/g;
const trail = ".,;:!?)]}»";

/** Appends text to parent, its http(s) URLs as rel="nofollow noopener ugc" links. */
export function appendLinked(parent: HTMLElement, text: string): void {
  let last = 0;
  // An exec loop, not matchAll: Chrome 69 and Safari 12.1, among the
  // browsers the bundle targets, have no String.prototype.matchAll.
  linkRe.lastIndex = 0;
  for (let m = linkRe.exec(text); m !== null; m = linkRe.exec(text)) {
    const start = m.index;
    let url = m[0];
    while (url && trail.indexOf(url.charAt(url.length - 1)) >= 0) url = url.slice(0, -1);
    let ok = false;
    try {
      const u = new URL(url);
      ok = (u.protocol === "http:" || u.protocol === "https:") && u.host !== "";
    } catch {
      ok = false;
    }
    if (!ok) continue;
    if (start > last) parent.append(text.slice(last, start));
    const a = document.createElement("a");
    a.href = url;
    a.rel = "nofollow noopener ugc";
    a.textContent = url;
    parent.append(a);
    last = start + url.length;
  }
  if (last < text.length) parent.append(text.slice(last));
}
