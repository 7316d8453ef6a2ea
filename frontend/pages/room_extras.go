package pages

import "github.com/igfplus/igfplus/sessions"

// roomExtras are the parts of the live pages that the waiting room, chat
// replies and the session report add.
type roomExtras struct {
	// ReplyTo is the message the chat form answers, without JavaScript
	// (?reply_to=, when it is on the page).
	ReplyTo *sessions.ChatMessage
	// ReportOf is the message being reported (?report=): one form for the
	// page rather than one per message, which keeps the room light.
	ReportOf *sessions.ChatMessage
	// ReportHref links to the session report once the viewer may read it.
	ReportHref string
	// ReportWriter is whether the viewer may read the report as soon as
	// the session ends (its rapporteurs and moderators): a room that ends
	// in place links them to it, and tells the others when it comes.
	ReportWriter bool
	// Settings and Waiting are the moderator's: the room's rules, and who
	// waits to be admitted.
	Settings *sessions.Settings
	Waiting  []waiterView
	// Reports are the moderator's: messages participants reported, and why.
	Reports []sessions.ChatReport
}
