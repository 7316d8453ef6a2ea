// The room protocol of /ws/sessions/{id} (hub/client.go, docs/PROTOCOL.md).
// A WebSocket text message carries one or more JSON frames, one per line.

/** A point in a room's event log. Offsets are contiguous within an epoch. */
export interface Position {
  epoch: number;
  offset: number;
}

export interface JoinedFrame {
  type: "joined";
  room: string;
  from: Position;
}

export interface EventFrame {
  type: "event";
  room: string;
  epoch: number;
  offset: number;
  kind: string;
  at: string;
  data: unknown;
}

export interface AckFrame {
  type: "ack";
  ref?: string | undefined;
  /** What the action answered (a held question), when anything. */
  data?: unknown;
}

export interface ErrorFrame {
  type: "error";
  ref?: string | undefined;
  code: string;
  message: string;
}

/** Who is in the room now. Not an event: it has no position. */
export interface PresenceFrame {
  type: "presence";
  room: string;
  presence: Presence;
}

export type Frame = JoinedFrame | EventFrame | AckFrame | ErrorFrame | PresenceFrame;

/**
 * A room's presence (sessions.Presence). by_group and by_region count the
 * people not listed by name, as strings: one to four is "<5", so that
 * nobody hidden can be picked out. listed_by_* count those in names, exactly.
 */
export interface Presence {
  total: string;
  names: string[];
  by_group: Record<string, string>;
  by_region: Record<string, string>;
  listed_by_group: Record<string, number>;
  listed_by_region: Record<string, number>;
}

/** The data of a "chat.posted" event. */
export interface ChatMessage {
  id: number;
  author_id: number;
  author_name: string;
  author_group: string;
  body: string;
  created_at: string;
  /** The answered message, quoted (replies only). */
  reply?: { id: number; author_name: string; excerpt: string } | undefined;
}

/** A JSON object, its fields not yet narrowed. */
export type Obj = Record<string, unknown>;

/** Whether v is a JSON object: the first step of narrowing an event's data. */
export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null;
}

function isNum(v: unknown): v is number {
  return typeof v === "number" && isFinite(v);
}

function isPosition(v: unknown): v is Position {
  return isObj(v) && isNum(v.epoch) && isNum(v.offset);
}

function optStr(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Decodes one frame, or returns null for anything malformed. */
function toFrame(v: unknown): Frame | null {
  if (!isObj(v)) return null;
  switch (v.type) {
    case "joined":
      return isPosition(v.from) ? { type: "joined", room: String(v.room), from: v.from } : null;
    case "event":
      if (!isNum(v.epoch) || !isNum(v.offset) || typeof v.kind !== "string") return null;
      return { type: "event", room: String(v.room), epoch: v.epoch, offset: v.offset, kind: v.kind, at: String(v.at), data: v.data };
    case "ack":
      return { type: "ack", ref: optStr(v.ref), data: v.data };
    case "error":
      return { type: "error", ref: optStr(v.ref), code: String(v.code), message: String(v.message) };
    case "presence": {
      const p = asPresence(v.presence);
      return p ? { type: "presence", room: String(v.room), presence: p } : null;
    }
  }
  return null;
}

/** Splits a WebSocket message into its frames, skipping malformed lines. */
export function parseFrames(text: string): Frame[] {
  const out: Frame[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const f = toFrame(JSON.parse(line));
      if (f) out.push(f);
    } catch {
      // A broken line must not stop the lines after it.
    }
  }
  return out;
}

/** Keeps the whole-number values of a map of counts. */
function numbers(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (isObj(v)) for (const k of Object.keys(v)) if (isNum(v[k])) out[k] = v[k] as number;
  return out;
}

/** Keeps the string values of a map of counts. */
function counts(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const k of Object.keys(v)) if (typeof v[k] === "string") out[k] = v[k] as string;
  return out;
}

function asPresence(v: unknown): Presence | null {
  if (!isObj(v) || typeof v.total !== "string") return null;
  return {
    total: v.total,
    names: Array.isArray(v.names) ? v.names.filter((n): n is string => typeof n === "string") : [],
    by_group: counts(v.by_group),
    by_region: counts(v.by_region),
    listed_by_group: numbers(v.listed_by_group),
    listed_by_region: numbers(v.listed_by_region),
  };
}

/** Narrows the data of a "chat.posted" event. */
export function asChatMessage(d: unknown): ChatMessage | null {
  if (!isObj(d) || !isNum(d.id) || typeof d.body !== "string") return null;
  return {
    id: d.id,
    author_id: isNum(d.author_id) ? d.author_id : 0,
    author_name: String(d.author_name ?? ""),
    author_group: String(d.author_group ?? ""),
    body: d.body,
    created_at: String(d.created_at ?? ""),
    reply: isObj(d.reply) && isNum(d.reply.id) ? { id: d.reply.id, author_name: String(d.reply.author_name ?? ""), excerpt: String(d.reply.excerpt ?? "") } : undefined,
  };
}

/** Reports whether an event at p comes after last (and so is new). */
export function isAfter(p: Position, last: Position | null): boolean {
  if (!last) return true;
  return p.epoch > last.epoch || (p.epoch === last.epoch && p.offset > last.offset);
}
