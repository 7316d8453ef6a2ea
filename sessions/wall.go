package sessions

import (
	"context"
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Public reports whether anyone may watch the session's room without
// signing in (its public wall): a session that neither requires
// registration nor holds newcomers in a waiting room is open to any
// participant, so what its room shows is already public.
func (s Session) Public() bool {
	return !s.Settings.RequiresRegistration && !s.Settings.WaitingRoom
}

// Wall is what a room's public wall shows: the session, the agenda item
// under way, who has the floor and who is next, the most supported
// questions and the latest captions of one caption channel (Channel, one
// of Channels; zero when the session has none).
type Wall struct {
	Session   Session
	Agenda    []AgendaItem
	Floor     Floor
	Questions []Question
	Channels  []CaptionChannel
	Channel   CaptionChannel
	Captions  []Caption
}

// WallQuestions and WallCaptions bound what a wall shows.
const (
	WallQuestions = 3
	WallCaptions  = 4
)

// CanWatch checks that session id may be watched without signing in:
// ENotFound for a session that is not public, as for one that does not
// exist, so that the wall reveals nothing of it.
func (s *Service) CanWatch(ctx context.Context, id int64) (Session, error) {
	sess, err := s.store.Session(ctx, id)
	if err != nil {
		return Session{}, err
	}
	if !sess.Public() {
		return Session{}, igfplus.Errorf(igfplus.ENotFound, "The session was not found.")
	}
	return sess, nil
}

// WallOf reads a public session's wall, its captions from channel (the
// first channel when 0 or not the session's). Questions are as anyone in
// the room sees them (anonymous ones without their author, none held or
// hidden), the most supported first, answered ones left out.
func (s *Service) WallOf(ctx context.Context, id, channel int64) (Wall, error) {
	sess, err := s.CanWatch(ctx, id)
	if err != nil {
		return Wall{}, err
	}
	w := Wall{Session: sess}
	if w.Agenda, err = s.store.Agenda(ctx, id); err != nil {
		return Wall{}, err
	}
	if w.Floor, err = s.floors.Floor(ctx, id); err != nil {
		return Wall{}, err
	}
	qs, err := s.questions.Questions(ctx, id, QuestionViewer{})
	if err != nil {
		return Wall{}, err
	}
	w.Questions = topQuestions(qs, WallQuestions)
	if err := s.wallCaptions(ctx, &w, channel); err != nil {
		return Wall{}, err
	}
	return w, nil
}

// wallCaptions sets w's channels and the latest lines of the one chosen:
// a wall shows one language at a time, as a room's reader sees one.
func (s *Service) wallCaptions(ctx context.Context, w *Wall, channel int64) error {
	var err error
	if w.Channels, err = s.captions.CaptionChannels(ctx, w.Session.ID); err != nil || len(w.Channels) == 0 {
		return err
	}
	// Captioners are not the wall's business: a signed-out page.
	for i := range w.Channels {
		w.Channels[i].Captioners = nil
	}
	w.Channel = w.Channels[0]
	if i := slices.IndexFunc(w.Channels, func(c CaptionChannel) bool { return c.ID == channel }); i >= 0 {
		w.Channel = w.Channels[i]
	}
	caps, err := s.captions.Transcript(ctx, w.Session.ID)
	if err != nil {
		return err
	}
	caps = slices.DeleteFunc(caps, func(c Caption) bool { return c.ChannelID != w.Channel.ID })
	w.Captions = caps[max(0, len(caps)-WallCaptions):]
	return nil
}

// topQuestions keeps the n open questions with the most votes (pinned
// first, then by votes, then the oldest).
func topQuestions(qs []Question, n int) []Question {
	var open []Question
	for _, q := range qs {
		if !q.Answered && !q.Hidden && !q.Held && q.MergedInto == 0 {
			open = append(open, q)
		}
	}
	slices.SortStableFunc(open, func(a, b Question) int {
		switch {
		case a.Pinned != b.Pinned:
			if a.Pinned {
				return -1
			}
			return 1
		case a.Votes != b.Votes:
			return b.Votes - a.Votes
		}
		return a.CreatedAt.Compare(b.CreatedAt)
	})
	return open[:min(n, len(open))]
}

// CurrentItem is the agenda item under way, if any.
func (w Wall) CurrentItem() (AgendaItem, bool) {
	for _, it := range w.Agenda {
		if it.ID == w.Session.CurrentItemID && it.ID != 0 {
			return it, true
		}
	}
	return AgendaItem{}, false
}
