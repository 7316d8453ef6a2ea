// Package hub is the platform's real-time core: it keeps WebSocket
// connections grouped in rooms, fans committed events out to them, and
// carries events between server processes through a Broker.
//
// Correctness never rests on the broker. Every event has a position (room,
// epoch, offset) assigned in the Postgres transaction that persisted it; the
// hub replays missed events from History on join and resume, and heals gaps
// it notices in a room's sequence. The broker only makes delivery fast; and
// since whoever reaches it could publish too, an event from the broker is
// taken only with the tag the publishing node gave it (eventmac.go).
//
// The hub does not parse tokens or know the domain: it is given an
// Authenticate function that returns the holder's Credentials (the
// application's own record of the person rides in them unread), a Policy
// that decides who may join a room, and a Dispatcher that carries out what
// clients send.
package hub
