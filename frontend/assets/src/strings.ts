// The client's translated strings, which the page embeds as JSON in
// <script type="application/json" id="i18n"> (data, never executed).

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Reads the page's strings; a missing or broken blob gives none. */
export function loadStrings(id: string): Record<string, string> {
  const el = document.getElementById(id);
  try {
    const v: unknown = JSON.parse(el?.textContent ?? "{}");
    if (typeof v === "object" && v !== null) return v as Record<string, string>;
  } catch {
    // Fall through: the page still works, with keys for text.
  }
  return {};
}

/** Returns a lookup that fills {name} placeholders. */
export function translator(strings: Record<string, string>): Translate {
  return (key, vars) => {
    const s = strings[key] ?? key;
    return vars ? s.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : s;
  };
}
