// Package bundle builds the browser client with esbuild's Go API: src/app.ts
// and src/app.css, bundled and minified for the browsers of low-end phones.
// The build program and the drift test share it; the server does not import
// it.
package bundle

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Entries are the bundles' sources, relative to the assets directory.
var Entries = []string{"src/app.ts", "src/poll.ts", "src/moderate.ts", "src/recommendation.ts", "src/app.css",
	"src/wall.ts", "src/wall.css", "src/admission.ts", "src/proposal.ts", "src/passkey.ts"}

// Limits are the size budgets of the minified bundles, in bytes.
// The room and moderator pages share app.js: chat, queue, Q&A, captions
// and the time box come to about 9 KiB gzipped; replying and reporting in
// place (chatforms.ts) took it from 24 to 27 KiB. The poll page loads
// only poll.js; the ranked ballot (checking ranks as they are given, and
// the ranking in words) took it from 9.5 to 11 KiB. Only the moderator's page adds moderate.js (the live
// waiting list and balance), which participants never load. A
// recommendation's page loads only recommendation.js: its live room
// (socket and protocol are half of it), about 3.5 KiB gzipped. The
// moderator's console (#17) took app.js to 29.3 KiB (about 10 KiB gzipped:
// a refused reaction's own message, questions held for review or hidden,
// the agenda reordered live) and moderate.js to 8.3 KiB (the confirmation
// dialog, the agenda's controls, the moderation panels kept live), which
// participants never load. A session's public wall loads only wall.js
// (the room's socket, reading the wall again on each event, its timers)
// and wall.css, its large type. Showing the end of a session in place
// (#17: the composer closed, the timer stopped, the report linked, with no
// reload of the whole room) took app.js over 30 KiB: its budget is 32 KiB.
// The room's sticky navigation for phones (#17) took app.css over 10 KiB:
// its budget is 11 KiB. The waiting page loads only admission.js
// (its own socket, to be let in at once: about 1.5 KiB gzipped). Closing
// a page's socket as the page is left (the connection caps, #17) took the
// socket's code, in every bundle, up by about 250 bytes: poll.js's budget
// is 12 KiB, admission.js's 6 KiB. The console laid out for volume (#17:
// its panels as tabs, the actions menus' Escape, the keyboard shortcuts)
// took moderate.js to 12 KiB, which only moderators load: its budget is
// 13 KiB; its column, tab bar and menus took app.css to 12.1 KiB: 13 KiB.
// The sign-in and profile pages load only passkey.js (WebAuthn's options
// and answers in base64url): 4 KiB. The stream beside the room (#20:
// "Show the video" putting the player in place, a hub's request named in
// the queue) and captions per language (a log per caption channel,
// switched in place and remembered, a channel set up since the page loaded
// offered with its first line) took app.js to about 36 KiB (12 KiB
// gzipped): its budget is 37 KiB. Changes shown in place without a reload
// (#20: caption channels offered and taken away, the links, the hubs and
// the session's texts in the reader's language read again on their
// events, roomparts.ts) took it to about 38 KiB. The keyboard kept in
// place when the queue and the questions are rebuilt from their events,
// their many alike buttons described for screen readers, and the
// moderator told who asks for the floor, and chat times in the edition's
// time zone (Intl.DateTimeFormat) and live counts grouped as the server
// groups them, took it to about 40 KiB
// (13.4 KiB gzipped): its budget is 40 KiB.
// The wall's caption channels switched in place took wall.js to about
// 6.5 KiB: its budget is 7 KiB.
var Limits = map[string]int{"app.js": 40 * 1024, "poll.js": 12 * 1024, "moderate.js": 13 * 1024,
	"recommendation.js": 10 * 1024, "app.css": 13 * 1024,
	"wall.js": 7 * 1024, "wall.css": 2 * 1024, "admission.js": 6 * 1024, "passkey.js": 4 * 1024}

// Build bundles the entries of dir (the frontend/assets directory) and
// returns the output files by name ("app.js", "app.css").
func Build(dir string) (map[string][]byte, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	res := api.Build(api.BuildOptions{
		AbsWorkingDir:     abs,
		EntryPoints:       Entries,
		Outdir:            "dist",
		Bundle:            true,
		Write:             false,
		Format:            api.FormatIIFE,
		Platform:          api.PlatformBrowser,
		Target:            api.ES2017,
		Engines:           []api.Engine{{Name: api.EngineChrome, Version: "69"}, {Name: api.EngineFirefox, Version: "68"}, {Name: api.EngineSafari, Version: "12.1"}, {Name: api.EngineEdge, Version: "79"}},
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsNone,
		Charset:           api.CharsetUTF8,
		LogLevel:          api.LogLevelSilent,
		// Plain assignments for parameter properties: smaller output.
		TsconfigRaw: `{"compilerOptions":{"useDefineForClassFields":false,"strict":true}}`,
	})
	if len(res.Errors) > 0 {
		msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		return nil, errors.New("bundle: " + strings.Join(msgs, "\n"))
	}
	out := map[string][]byte{}
	for _, f := range res.OutputFiles {
		rel, err := filepath.Rel(filepath.Join(abs, "dist"), f.Path)
		if err != nil || strings.Contains(rel, string(filepath.Separator)) {
			return nil, fmt.Errorf("bundle: unexpected output %s", f.Path)
		}
		out[rel] = f.Contents
	}
	return out, nil
}
