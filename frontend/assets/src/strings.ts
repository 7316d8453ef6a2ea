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

/** The part of Intl.PluralRules (ES2018, Safari 13) the client uses. */
type PluralRules = new (lang: string) => { select(n: number): string };

/**
 * Returns a lookup of plural messages, which the page embeds one form per
 * key ("presence.total.few"): the form for n follows the CLDR rules of the
 * page's language, as on the server; {Count} is filled with n, grouped as
 * the page's language groups digits. Browsers
 * without Intl.PluralRules get "one" or "other".
 */
export function pluralizer(strings: Record<string, string>, lang: string): (key: string, n: number) => string {
  const PR = (Intl as unknown as { PluralRules?: PluralRules }).PluralRules;
  const rules = PR ? new PR(lang) : null;
  const t = translator(strings);
  return (key, n) => {
    const k = key + "." + (rules ? rules.select(n) : n === 1 ? "one" : "other");
    // Grouped as the server writes counts (in Latin digits, x/text's -u-nu-latn).
    return t(k in strings ? k : key + ".other", { Count: n.toLocaleString(lang + "-u-nu-latn") });
  };
}

/**
 * The name a deleted account keeps in the record, stored in English
 * (accounts.DeletedName on the server, which checks that the two agree).
 */
export const DELETED_NAME = "Deleted participant";

/** nameOf is an author's name to show: a deleted account's in the reader's language. */
export function nameOf(t: Translate, name: string): string {
  return name === DELETED_NAME ? t("client.deleted_participant") : name;
}
