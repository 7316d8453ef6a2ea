package federation

import (
	"time"

	"github.com/igfplus/igfplus/tracks/nris"
)

// Peer is an installation the global side federates with, for one
// initiative of its directory. Secret is shown once, when created.
type Peer struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	NRIID     int64     `json:"nri_id"`
	Secret    string    `json:"secret,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Upstream is, on an NRI's installation, the global installation it
// reports to: its URL, the peer id it was given there and the secret.
type Upstream struct {
	URL    string `json:"url"`
	PeerID int64  `json:"peer_id"`
	Secret string `json:"secret,omitempty"`
}

// AgendaTrack is a global track as the agenda shows it to peers.
type AgendaTrack struct {
	ID            int64  `json:"id"`
	PolicyIssueID int64  `json:"policy_issue_id,omitempty"`
	Kind          string `json:"kind"`
	Slug          string `json:"slug"`
	Title         string `json:"title"`
}

// AgendaIssue is a strategic policy issue of the global agenda.
type AgendaIssue struct {
	ID    int64  `json:"id"`
	Slug  string `json:"slug"`
	Title string `json:"title"`
}

// Agenda is the global installation's current edition: its focused
// agenda and the tracks a peer may link to.
type Agenda struct {
	Edition      string        `json:"edition"`
	PolicyIssues []AgendaIssue `json:"policy_issues"`
	Tracks       []AgendaTrack `json:"tracks"`
}

// LinkRequest asks the global side to link a peer's track to one of its
// global tracks.
type LinkRequest struct {
	TrackID       int64  `json:"track_id"`
	Title         string `json:"title"`
	GlobalTrackID int64  `json:"global_track_id"`
	Note          string `json:"note,omitempty"`
}

// LinkAnswer is the global side's link, as the peer keeps it.
type LinkAnswer struct {
	LinkID int64  `json:"link_id"`
	State  string `json:"state"`
}

// Output is an adopted recommendation pushed by a peer, with its origin
// as the global intake keeps it (the installation is the peer's name,
// set by the receiver).
type Output struct {
	TrackID       int64 `json:"track_id"`
	GlobalTrackID int64 `json:"global_track_id"`
	nris.Origin
}

// Push is one queued output on the NRI's side, with the webhook-id every
// attempt carries.
type Push struct {
	ID       int64
	EventID  string
	Attempts int
	Output   Output
}

// FedLink is, on the NRI's side, a link asked of the upstream.
type FedLink struct {
	ID            int64     `json:"id"`
	TrackID       int64     `json:"track_id"`
	GlobalTrackID int64     `json:"global_track_id"`
	RemoteLinkID  int64     `json:"remote_link_id"`
	AskedAt       time.Time `json:"asked_at"`
	Queued        int       `json:"queued"`
	Delivered     int       `json:"delivered"`
}
