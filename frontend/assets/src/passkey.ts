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

async function register(): Promise<void> {
  const pk = await options("/api/me/passkeys/options");
  const user = pk.user as JSONValue;
  const publicKey = {
    ...pk,
    challenge: fromB64url(pk.challenge as string),
    user: { ...user, id: fromB64url(user.id as string) },
    excludeCredentials: descriptors(pk.excludeCredentials),
  } as PublicKeyCredentialCreationOptions;
  const c = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential | null;
  if (!c) throw new Error("no credential");
  const r = c.response as AuthenticatorAttestationResponse;
  await answer(
    "/api/me/passkeys",
    base(c, {
      clientDataJSON: toB64url(r.clientDataJSON),
      attestationObject: toB64url(r.attestationObject),
      transports: typeof r.getTransports === "function" ? r.getTransports() : [],
    }),
  );
}

async function signIn(): Promise<void> {
  const pk = await options("/api/auth/passkey/options");
  const publicKey = {
    ...pk,
    challenge: fromB64url(pk.challenge as string),
    allowCredentials: descriptors(pk.allowCredentials),
  } as PublicKeyCredentialRequestOptions;
  const c = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential | null;
  if (!c) throw new Error("no credential");
  const r = c.response as AuthenticatorAssertionResponse;
  await answer(
    "/api/auth/passkey",
    base(c, {
      clientDataJSON: toB64url(r.clientDataJSON),
      authenticatorData: toB64url(r.authenticatorData),
      signature: toB64url(r.signature),
      userHandle: toB64url(r.userHandle),
    }),
  );
}

/** Shows box's control when passkeys can work here, and runs act on it. */
function offer(box: HTMLElement, button: HTMLButtonElement, t: Translate, act: () => Promise<void>, done: () => void): void {
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
      .then(done)
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
  const signin = document.getElementById("passkey-signin");
  const signinButton = document.getElementById("passkey-submit");
  if (signin && signinButton instanceof HTMLButtonElement) {
    offer(signin, signinButton, t, signIn, () => {
      const status = signin.querySelector("[role=status]");
      if (status) status.textContent = t("client.passkey.signed_in");
      const next = signin.dataset.next ?? "/";
      location.assign(next.startsWith("/") && !next.startsWith("//") ? next : "/");
    });
  }
  const reg = document.getElementById("passkey-register");
  const regButton = document.getElementById("passkey-add");
  if (reg && regButton instanceof HTMLButtonElement) {
    offer(reg, regButton, t, register, () => {
      const status = reg.querySelector("[role=status]");
      if (status) status.textContent = t("client.passkey.added");
      const count = document.getElementById("passkey-count");
      if (count) count.dataset.added = String(Number(count.dataset.added ?? "0") + 1);
    });
  }
}

start();
