package sessions

// Room events that tell an open page only that something it shows has
// changed. Each reader's page reads that part again, in the reader's
// language and with the reader's rights, so the event itself carries no
// text a participant of the room could not already read (a translation
// in another language, the speakers' link, who registered a hub). Each
// is appended in the change's own transaction and published after it
// commits. docs/PROTOCOL.md has a row for each (a test checks it).
const (
	// KindCaptionChannels: the session's caption channels after one was
	// added or removed, as ChannelsEvent.
	KindCaptionChannels = "caption.channels"
	// KindStreamsChanged: the session's meeting and stream links changed
	// (no data: who may see the speakers' link reads them again).
	KindStreamsChanged = "streams.changed"
	// KindHubsChanged: a remote hub was registered for the session (no
	// data: its name and contact are for its registrant and the
	// session's moderators).
	KindHubsChanged = "hubs.changed"
	// KindContentTranslated: a translation of the session's title,
	// description or an agenda item changed, as TranslatedEvent.
	KindContentTranslated = "content.translated"
)

// PageEvents are the kinds above, in docs/PROTOCOL.md's order.
var PageEvents = []string{KindCaptionChannels, KindStreamsChanged, KindHubsChanged, KindContentTranslated}

// ChannelsEvent is the data of caption.channels: every channel of the
// session, the first made first, without its captioners.
type ChannelsEvent struct {
	Channels []EventChannel `json:"channels"`
}

// EventChannel is a caption channel as caption.channels names it.
type EventChannel struct {
	ID       int64  `json:"id"`
	Language string `json:"language"`
}

// TranslatedEvent is the data of content.translated: which text (Kind
// "session" or "agenda_item", ID) changed in which languages, never the
// text itself.
type TranslatedEvent struct {
	Kind      string   `json:"kind"`
	ID        int64    `json:"id"`
	Languages []string `json:"languages"`
}
