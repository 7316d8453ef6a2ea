// Passkeys (WebAuthn) on the sign-in and profile pages: the sign-in page's
// "Sign in with a passkey" and the profile's "Add a passkey". Both are
// hidden in the page and shown here only where they can work (a browser
// with WebAuthn, on a page of the relying party's host), so that without
// JavaScript the password and the identity providers remain, unchanged.
// The server's options and the browser's answers travel as JSON with
// binary fields in base64url (go-webauthn's encoding).

import { loadStrings, translator, type Translate } from "./strings";

type JSONValue = Record<string, unknown>;

function fromB64url(s: string): ArrayBuffer {
  const b = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out.buffer;
}

function toB64url(buf: ArrayBuffer | null): string | undefined {
  if (!buf) return undefined;
  let s = "";
  for (const byte of new Uint8Array(buf)) s += String.fromCharCode(byte);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The credential descriptors' ids, decoded. */
function descriptors(list: unknown): PublicKeyCredentialDescriptor[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((d: JSONValue) => ({ ...d, id: fromB64url(d.id as string) }) as PublicKeyCredentialDescriptor);
}

/** Asks the server for a ceremony's options ({publicKey}). */
async function options(url: string): Promise<JSONValue> {
  const r = await fetch(url, { method: "POST", credentials: "same-origin" });
  if (!r.ok) throw new Error("options " + r.status);
  const o = (await r.json()) as { publicKey: JSONValue };
  return o.publicKey;
}

/** Sends the browser's answer to the server. */
async function answer(url: string, body: JSONValue): Promise<Response> {
  const r = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error("answer " + r.status + " " + (await r.text()));
  return r;
}

function base(c: PublicKeyCredential, response: JSONValue): JSONValue {
  return { id: c.id, rawId: toB64url(c.rawId), type: c.type, response, clientExtensionResults: c.getClientExtensionResults() };
}

/**
 * Runs a ceremony: the server's options from optionsURL, the credential
 * that make has the browser make of them, and its answer sent to
 * answerURL: the credential's clientDataJSON and what fields takes of its
 * response.
 */
async function ceremony<R extends AuthenticatorResponse>(
  optionsURL: string,
  answerURL: string,
  make: (pk: JSONValue) => Promise<Credential | null>,
  fields: (r: R) => JSONValue,
): Promise<void> {
  const c = (await make(await options(optionsURL))) as PublicKeyCredential | null;
  if (!c) throw new Error("no credential");
  const r = c.response as R;
  await answer(answerURL, base(c, { clientDataJSON: toB64url(r.clientDataJSON), ...fields(r) }));
}

function register(): Promise<void> {
  return ceremony<AuthenticatorAttestationResponse>(
    "/api/me/passkeys/options",
    "/api/me/passkeys",
    (pk) => {
      const user = pk.user as JSONValue;
      const publicKey = {
        ...pk,
        challenge: fromB64url(pk.challenge as string),
        user: { ...user, id: fromB64url(user.id as string) },
        excludeCredentials: descriptors(pk.excludeCredentials),
      } as PublicKeyCredentialCreationOptions;
      return navigator.credentials.create({ publicKey });
    },
    (r) => ({
      attestationObject: toB64url(r.attestationObject),
      transports: typeof r.getTransports === "function" ? r.getTransports() : [],
    }),
  );
}

function signIn(): Promise<void> {
  return ceremony<AuthenticatorAssertionResponse>(
    "/api/auth/passkey/options",
    "/api/auth/passkey",
    (pk) => {
      const publicKey = {
        ...pk,
        challenge: fromB64url(pk.challenge as string),
        allowCredentials: descriptors(pk.allowCredentials),
      } as PublicKeyCredentialRequestOptions;
      return navigator.credentials.get({ publicKey });
    },
    (r) => ({
      authenticatorData: toB64url(r.authenticatorData),
      signature: toB64url(r.signature),
      userHandle: toB64url(r.userHandle),
    }),
  );
}

/**
 * Shows the control of the box boxId (its button buttonId) when passkeys
 * can work here, and runs act on it; once act succeeds, done follows, with
 * the box and the way to say a message in its status line.
 */
function offer(
  boxId: string,
  buttonId: string,
  t: Translate,
  act: () => Promise<void>,
  done: (box: HTMLElement, say: (key: string) => void) => void,
): void {
  const box = document.getElementById(boxId);
  const button = document.getElementById(buttonId);
  if (!box || !(button instanceof HTMLButtonElement)) return;
  const rp = box.dataset.rpId ?? "";
  const host = location.hostname;
  if (!window.PublicKeyCredential || !(host === rp || host.endsWith("." + rp))) return;
  box.hidden = false;
  const status = box.querySelector<HTMLElement>("[role=status]");
  const say = (key: string): void => {
    if (status) status.textContent = t(key);
  };
  button.addEventListener("click", () => {
    button.disabled = true;
    say("client.passkey.working");
    act()
      .then(() => done(box, say))
      .catch((e: unknown) => {
        console.error("passkey: " + String(e));
        say("client.passkey.failed");
      })
      .finally(() => {
        button.disabled = false;
      });
  });
}

function start(): void {
  const t = translator(loadStrings("i18n"));
  offer("passkey-signin", "passkey-submit", t, signIn, (box, say) => {
    say("client.passkey.signed_in");
    const next = box.dataset.next ?? "/";
    location.assign(next.startsWith("/") && !next.startsWith("//") ? next : "/");
  });
  offer("passkey-register", "passkey-add", t, register, (_box, say) => {
    say("client.passkey.added");
    const count = document.getElementById("passkey-count");
    if (count) count.dataset.added = String(Number(count.dataset.added ?? "0") + 1);
  });
}

start();
