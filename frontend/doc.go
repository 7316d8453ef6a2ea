// Package frontend is the platform's web front: its subpackages serve the
// HTTP API and the WebSocket endpoint (web), authenticate people (auth),
// render the pages (pages) with their translation catalogue (i18n), and
// build and serve the browser client (assets).
package frontend
