// Package e2e holds the end-to-end and browser tests of the igfplus binary.
// It has no code of its own: its tests build the real binary once, run it as
// child processes on 127.0.0.1:0 against private PostgreSQL and Redis servers
// (several nodes of one installation where a test needs them), and talk to
// it only as its users do: over HTTP, the room WebSocket and the pages in a
// headless Chromium.
//
// What they prove is what no package's own tests can: that the assembled
// server keeps its promises across processes — events reach every node and
// are stored, sign-out and bans close sockets on every node, acknowledged
// ballots survive SIGKILL and `igfplus verify` checks them, the relay
// delivers each event once across processes and crashes, a node drains on
// SIGTERM, federation links two installations, the zero-configuration run
// serves the demo forum — and that the pages work in a real browser, in
// English and Arabic, pass axe-core's WCAG checks and stay usable without
// JavaScript.
package e2e
