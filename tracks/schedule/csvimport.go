package schedule

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Columns are the CSV file's columns, named in its first line in any
// order; description and slug may be left out.
var Columns = []string{"track", "policy_issue", "format", "title", "day", "start", "end", "room", "description", "slug"}

var optional = []string{"description", "slug"}

// MaxRows is the most rows one import takes.
const MaxRows = 2000

// Row is one line of the file, as written. Line is its number in the
// file (the header is line 1).
type Row struct {
	Line   int
	Fields map[string]string
}

// ReadCSV reads a programme's rows; EInvalid when the file is not CSV or
// its header lacks a column.
func ReadCSV(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, igfplus.Errorf(igfplus.EInvalid, "The file is empty: its first line names the columns %s.", strings.Join(Columns, ", "))
	}
	if err != nil {
		return nil, igfplus.Errorf(igfplus.EInvalid, "The file is not CSV: %v", err)
	}
	for i := range head {
		head[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(head[i], "\ufeff")))
	}
	for _, c := range Columns {
		if !slices.Contains(head, c) && !slices.Contains(optional, c) {
			return nil, igfplus.Errorf(igfplus.EInvalid, "The first line names the columns; %s is missing.", c)
		}
	}
	var rows []Row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, igfplus.Errorf(igfplus.EInvalid, "The file is not CSV: %v", err)
		}
		line, _ := cr.FieldPos(0)
		if len(rows) == MaxRows {
			return nil, igfplus.Errorf(igfplus.EInvalid, "A file imports at most %d sessions.", MaxRows)
		}
		row := Row{Line: line, Fields: map[string]string{}}
		for i, v := range rec {
			if i < len(head) {
				row.Fields[head[i]] = strings.TrimSpace(v)
			}
		}
		rows = append(rows, row)
	}
}

// Catalogue is what rows are checked against: the edition's days, tracks
// and policy issues by slug, the session slugs taken and the sessions
// placed.
type Catalogue struct {
	Days   Days
	Tracks map[string]tracks.Track
	Issues map[string]int64
	Slugs  map[string]bool
	Booked []Booking
}

// Imported is a checked row: a session to add to a track.
type Imported struct {
	Line    int
	TrackID int64
	Session tracks.NewSession
}

// Problem is one thing wrong with a row: its column and a code the pages
// translate, with the message in English for the API.
type Problem struct {
	Column  string `json:"column"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// RowProblem is what is wrong with one row.
type RowProblem struct {
	Row      int       `json:"row"`
	Problems []Problem `json:"problems"`
}

// Validate checks every row against the catalogue and against the rows
// before it (a room booked twice, a slug taken twice), returning the
// sessions to add when no row has a problem.
func (c Catalogue) Validate(rows []Row) ([]Imported, []RowProblem) {
	var out []Imported
	var refused []RowProblem
	booked := slices.Clone(c.Booked)
	slugs := map[string]bool{}
	for k := range c.Slugs {
		slugs[k] = true
	}
	for _, r := range rows {
		im, ps := c.row(r, booked, slugs)
		if len(ps) > 0 {
			refused = append(refused, RowProblem{Row: r.Line, Problems: ps})
			continue
		}
		out = append(out, im)
		slugs[im.Session.Slug] = true
		booked = append(booked, Booking{ID: -int64(r.Line), Title: im.Session.Title, State: "scheduled", Room: im.Session.Room,
			StartsAt: im.Session.StartsAt, EndsAt: im.Session.EndsAt})
	}
	if len(refused) > 0 {
		return nil, refused
	}
	return out, nil
}

func (c Catalogue) row(r Row, booked []Booking, slugs map[string]bool) (Imported, []Problem) {
	f := r.Fields
	var ps []Problem
	bad := func(col, code, format string, args ...any) {
		ps = append(ps, Problem{Column: col, Code: code, Message: fmt.Sprintf(format, args...)})
	}
	im := Imported{Line: r.Line}
	n := &im.Session
	t, ok := c.Tracks[f["track"]]
	if !ok {
		bad("track", "unknown_track", "No track of this edition has the slug %q.", f["track"])
	}
	im.TrackID = t.ID
	if n.PolicyIssueID, ok = c.Issues[f["policy_issue"]]; !ok {
		bad("policy_issue", "unknown_issue", "No policy issue of this edition has the slug %q.", f["policy_issue"])
	} else if t.PolicyIssueID != 0 && t.PolicyIssueID != n.PolicyIssueID {
		bad("policy_issue", "issue_of_track", "A session of track %q is on the track's own policy issue.", f["track"])
	}
	n.Format = f["format"]
	if !sessions.Format(n.Format).Valid() {
		bad("format", "unknown_format", "%q is not a session format.", n.Format)
	}
	n.Title, n.Description, n.Room = f["title"], f["description"], f["room"]
	if !trimmed(&n.Title, 300) {
		bad("title", "title", "The title is 1 to 300 characters.")
	}
	if len([]rune(n.Description)) > 5000 {
		bad("description", "description", "The description is at most 5000 characters.")
	}
	n.Slug = f["slug"]
	if n.Slug == "" {
		n.Slug = slugOf(n.Title, r.Line)
	}
	if !tracks.ValidSlug(n.Slug) {
		bad("slug", "slug", "The slug is lower-case letters, digits and hyphens.")
	} else if slugs[n.Slug] {
		bad("slug", "slug_taken", "Another session has the slug %q.", n.Slug)
	}
	start, err1 := LocalTime(c.Days.Zone, f["day"], f["start"], "start")
	end, err2 := LocalTime(c.Days.Zone, f["day"], f["end"], "end")
	p := Placement{Room: n.Room, StartsAt: start, EndsAt: end}
	switch {
	case err1 != nil || err2 != nil:
		bad("start", "time", "day is YYYY-MM-DD and start and end are HH:MM, in the edition's time zone.")
	case p.validate() != nil:
		bad("end", "times", "%s", igfplus.ErrorMessage(p.validate()))
	default:
		n.Room, n.StartsAt, n.EndsAt = p.Room, p.StartsAt, p.EndsAt
		for _, cl := range Clashes(c.Days, booked, Booking{Title: n.Title, Room: n.Room, StartsAt: n.StartsAt, EndsAt: n.EndsAt}) {
			switch cl.Kind {
			case OutsideDays:
				bad("day", "outside_days", "%s", cl.Message)
			case RoomTwice:
				bad("room", "room_twice", "%s", cl.Message)
			}
		}
	}
	return im, ps
}

var notSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slugOf makes a slug of a title and the row's line, which keeps it
// unique within the file.
func slugOf(title string, line int) string {
	s := strings.Trim(notSlug.ReplaceAllString(strings.ToLower(title), "-"), "-")
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	if s == "" {
		s = "session"
	}
	return fmt.Sprintf("%s-%d", s, line)
}

// Import checks a programme's rows and adds them all, or none: any row
// refused refuses the file, and the problems say which rows and why.
func (s *Service) Import(ctx context.Context, who igfplus.Identity, edition int64, rows []Row) ([]int64, []RowProblem, error) {
	if err := secretariat(who); err != nil {
		return nil, nil, err
	}
	if len(rows) == 0 {
		return nil, nil, igfplus.Errorf(igfplus.EInvalid, "The file has no sessions.")
	}
	ids, refused, err := s.store.Import(ctx, edition, func(c Catalogue) ([]Imported, []RowProblem) { return c.Validate(rows) })
	if err == nil && len(refused) > 0 {
		err = igfplus.Errorf(igfplus.EInvalid, "Nothing was imported: %d of the %d rows were refused.", len(refused), len(rows))
	}
	return ids, refused, err
}
