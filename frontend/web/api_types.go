package web

import (
	"time"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/translations"
)

// The API's JSON shapes. They are separate from the domain types so that the
// domain can change without breaking clients; openapi.json (beside this file,
// served at /api/openapi.json) describes them.

type editionJSON struct {
	ID              int64             `json:"id"`
	Year            int               `json:"year"`
	Title           string            `json:"title"`
	Theme           string            `json:"theme"`
	HostCountry     string            `json:"host_country"`
	Venue           string            `json:"venue"`
	TimeZone        string            `json:"time_zone"`
	StartsOn        string            `json:"starts_on"`
	EndsOn          string            `json:"ends_on"`
	Format          string            `json:"format"`
	MaxPolicyIssues int               `json:"max_policy_issues"`
	PolicyIssues    []policyIssueJSON `json:"policy_issues"`
	Tracks          []trackJSON       `json:"tracks"`
}

// localisedJSON is what an answer carries of an entity's texts in other
// languages: the source language, the translations, and with ?lang= the
// language of each text given.
type localisedJSON struct {
	SourceLang   string                        `json:"source_lang,omitempty"`
	Translations translationsJSON              `json:"translations,omitempty"`
	TextLang     map[translations.Field]string `json:"text_lang,omitempty"`
}

type policyIssueJSON struct {
	ID       int64  `json:"id"`
	Position int    `json:"position"`
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	Summary  string `json:"summary"`
	localisedJSON
}

type trackJSON struct {
	ID            int64       `json:"id"`
	PolicyIssueID int64       `json:"policy_issue_id,omitempty"`
	Kind          tracks.Kind `json:"kind"`
	Slug          string      `json:"slug"`
	Title         string      `json:"title"`
	Description   string      `json:"description"`
	localisedJSON
}

type sessionJSON struct {
	ID            int64            `json:"id"`
	TrackID       int64            `json:"track_id"`
	PolicyIssueID int64            `json:"policy_issue_id"`
	Slug          string           `json:"slug"`
	Title         string           `json:"title"`
	Description   string           `json:"description"`
	Format        sessions.Format  `json:"format"`
	State         sessions.State   `json:"state"`
	StartsAt      time.Time        `json:"starts_at"`
	EndsAt        time.Time        `json:"ends_at"`
	Venue         string           `json:"venue"`
	CurrentItemID int64            `json:"current_item_id,omitempty"`
	ItemStartedAt time.Time        `json:"item_started_at,omitzero"`
	Agenda        []agendaItemJSON `json:"agenda,omitempty"`
	// The texts' source language (the session's language), translations,
	// and with ?lang= the language of each text given.
	localisedJSON
}

type agendaItemJSON struct {
	ID       int64  `json:"id"`
	Position int    `json:"position"`
	Title    string `json:"title"`
	Minutes  int    `json:"minutes"`
	// Translations and TextLang, as the session's (the source language is
	// the session's).
	localisedJSON
}

type chatPageJSON struct {
	Messages []sessions.ChatMessage `json:"messages"`
	// Position is where a live connection should resume from to continue
	// exactly after these messages.
	Position sessions.RoomPosition `json:"position"`
}

func toEdition(e tracks.Edition, issues []tracks.PolicyIssue, ts []tracks.Track) editionJSON {
	out := editionJSON{ID: e.ID, Year: e.Year, Title: e.Title, Theme: e.Theme, HostCountry: e.HostCountry, Venue: e.Venue, TimeZone: e.TimeZone,
		StartsOn: e.StartsOn.Format(time.DateOnly), EndsOn: e.EndsOn.Format(time.DateOnly), Format: e.Format,
		MaxPolicyIssues: e.MaxPolicyIssues, PolicyIssues: []policyIssueJSON{}, Tracks: []trackJSON{}}
	for _, i := range issues {
		out.PolicyIssues = append(out.PolicyIssues, toPolicyIssue(i))
	}
	for _, t := range ts {
		out.Tracks = append(out.Tracks, trackJSON{ID: t.ID, PolicyIssueID: t.PolicyIssueID, Kind: t.Kind, Slug: t.Slug, Title: t.Title,
			Description: t.Description, localisedJSON: localisedJSON{SourceLang: t.SourceLang}})
	}
	return out
}

func toSession(s sessions.Session, agenda []sessions.AgendaItem) sessionJSON {
	out := sessionJSON{ID: s.ID, TrackID: s.TrackID, PolicyIssueID: s.PolicyIssueID, Slug: s.Slug, Title: s.Title,
		Description: s.Description, Format: s.Format, State: s.State, StartsAt: s.StartsAt, EndsAt: s.EndsAt, Venue: s.Venue,
		CurrentItemID: s.CurrentItemID, ItemStartedAt: s.ItemStartedAt, localisedJSON: localisedJSON{SourceLang: s.Language}}
	for _, a := range agenda {
		out.Agenda = append(out.Agenda, agendaItemJSON{ID: a.ID, Position: a.Position, Title: a.Title, Minutes: a.Minutes})
	}
	return out
}
