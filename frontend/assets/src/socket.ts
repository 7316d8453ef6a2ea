// A room connection that survives bad networks: it reconnects with
// exponential backoff and jitter, resumes from the last event it applied,
// and drops duplicates, so that no message is missed or shown twice.

import { ErrorFrame, EventFrame, Position, Presence, isAfter, parseFrames } from "./protocol";

// The close codes that change what the client does (hub/closecodes.go).
// Any other code (1001 going away, 4000 slow consumer, 1008, 1009, 1011,
// 1013, a dropped network) means: reconnect and resume.
export const closeGoingAway = 1001;
export const closeTooBig = 1009;
export const closePolicy = 1008;
const closeUnauthorized = 4001;
const closeForbidden = 4003;
const closeReload = 4009;

export type Status = "connecting" | "live" | "reconnecting" | "offline" | "unauthorized" | "forbidden" | "gone" | "reload";

export interface Handlers {
  /** A new event, in order, never one already applied. */
  event(ev: EventFrame): void;
  /** Who is in the room now; only the latest matters. */
  presence(p: Presence): void;
  ack(ref: string, data?: unknown): void;
  error(f: ErrorFrame): void;
  status(s: Status): void;
  /** The connection ended; code is its close code. */
  dropped(code: number): void;
}

const baseDelay = 1000;
const maxDelay = 30000;

export class RoomSocket {
  private ws: WebSocket | null = null;
  private joined = false;
  private stopped = false;
  private attempt = 0;
  private timer: number | undefined;
  private hidden = false;

  constructor(
    private readonly sessionId: string,
    private pos: Position | null,
    private readonly on: Handlers,
    /** Whose room: "sessions" (/ws/sessions/{id}) or "recommendations". */
    private readonly kind = "sessions",
    /** A room beside the session's own: "/waiting" (the waiting page's). */
    private readonly suffix = "",
  ) {
    addEventListener("online", () => this.now());
    addEventListener("offline", () => this.ws || this.on.status("offline"));
    document.addEventListener("visibilitychange", () => document.hidden || this.now());
    // A page left (for another, or for the back/forward cache) closes its
    // socket at once: the server caps each person's connections to a room,
    // and the next page's must not wait for this one to time out.
    addEventListener("pagehide", () => {
      this.hidden = true;
      clearTimeout(this.timer);
      const ws = this.ws;
      this.ws = null;
      this.joined = false;
      ws?.close();
    });
    addEventListener("pageshow", (e) => {
      if (!e.persisted) return;
      this.hidden = false;
      this.now();
    });
  }

  /** Reports whether messages can be sent now. */
  get ready(): boolean {
    return this.joined && this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.connect();
  }

  /** Sends one frame; false when the connection is not ready. */
  send(frame: object): boolean {
    if (!this.ready || !this.ws) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  private url(): string {
    let u = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/" + this.kind + "/" + encodeURIComponent(this.sessionId) + this.suffix;
    if (this.pos) u += "?epoch=" + this.pos.epoch + "&offset=" + this.pos.offset;
    return u;
  }

  private connect(): void {
    this.timer = undefined;
    if (this.stopped || this.ws || this.hidden) return;
    if (!navigator.onLine) {
      this.on.status("offline");
      return; // the "online" event brings us back
    }
    this.on.status(this.attempt ? "reconnecting" : "connecting");
    const ws = new WebSocket(this.url());
    this.ws = ws;
    ws.onmessage = (m) => typeof m.data === "string" && this.receive(m.data);
    ws.onclose = (e) => this.closed(ws, e.code);
  }

  private receive(text: string): void {
    for (const f of parseFrames(text)) {
      switch (f.type) {
        case "joined":
          if (!this.pos || f.from.epoch !== this.pos.epoch) this.pos = f.from;
          this.joined = true;
          this.attempt = 0;
          this.on.status("live");
          break;
        case "event":
          if (!isAfter(f, this.pos)) break; // a duplicate: already applied
          this.pos = { epoch: f.epoch, offset: f.offset };
          this.on.event(f);
          break;
        case "presence":
          // Not an event: it leaves the resume position alone.
          this.on.presence(f.presence);
          break;
        case "ack":
          if (f.ref) this.on.ack(f.ref, f.data);
          break;
        case "error":
          this.on.error(f);
          break;
      }
    }
  }

  private closed(ws: WebSocket, code: number): void {
    if (ws !== this.ws) return;
    const wasJoined = this.joined;
    this.ws = null;
    this.joined = false;
    this.on.dropped(code);
    switch (code) {
      case closeUnauthorized:
        return this.stop("unauthorized");
      case closeForbidden:
        return this.stop("forbidden");
      case closeReload:
        return this.stop("reload");
    }
    if (!wasJoined) {
      // A refused upgrade looks like 1006 to a browser: ask the API why.
      void this.probe();
      return;
    }
    this.retry(code === closeGoingAway);
  }

  private async probe(): Promise<void> {
    let status = 0;
    try {
      const id = encodeURIComponent(this.sessionId);
      const r = await fetch(this.kind === "sessions" ? "/api/sessions/" + id + "/chat?limit=1" : "/api/" + this.kind + "/" + id, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      status = r.status;
    } catch {
      // Network down: retry below.
    }
    if (this.ws) return; // reconnected meanwhile (back online)
    if (status === 401) this.stop("unauthorized");
    else if (status === 403) this.stop("forbidden");
    else if (status === 404) this.stop("gone");
    else this.retry(false);
  }

  private retry(spread: boolean): void {
    if (this.stopped) return;
    this.on.status(navigator.onLine ? "reconnecting" : "offline");
    // Full jitter keeps thousands of clients from reconnecting together;
    // a node going away spreads its clients over a few seconds.
    const cap = spread && !this.attempt ? 3000 : Math.min(maxDelay, baseDelay * 2 ** this.attempt);
    this.attempt++;
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.connect(), cap / 2 + (Math.random() * cap) / 2);
  }

  /** Connects at once if waiting to retry (back online, page shown). */
  private now(): void {
    if (this.stopped || this.ws) return;
    clearTimeout(this.timer);
    this.connect();
  }

  private stop(s: Status): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.on.status(s);
  }
}
