package sessions

import (
	"context"
	"slices"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// ReopenWindow is how long after its end a session's moderators may bring
// it back live (an end pressed too early, a last word): long enough to
// notice, short enough that the report is not reopened under its readers.
const ReopenWindow = 15 * time.Minute

// MaxExtendMinutes is the most one extension adds to an item's time box.
const MaxExtendMinutes = 60

// AgendaStore keeps the agenda's changes while a session runs; each
// commits with the room event it causes.
type AgendaStore interface {
	// AdvanceItem starts item if the item under way is still from (0:
	// none), else EConflict: two moderators pressing "next" move on once.
	AdvanceItem(ctx context.Context, id, from int64, item AgendaItem) (Progress, error)
	// ExtendItem adds minutes to the time box of the item under way (item),
	// if it still is, and announces the progress.
	ExtendItem(ctx context.Context, id, item int64, minutes int) (Progress, error)
	// MoveItem puts itemID at position (from 1) under the session's lock,
	// checking Reorder's rule against the agenda as it is then, and
	// announces the new agenda (agenda.changed).
	MoveItem(ctx context.Context, id, itemID int64, position int) ([]AgendaItem, error)
	// Reopen brings an ended session back live if it ended less than
	// within ago, logs who did, and announces it.
	Reopen(ctx context.Context, id, byID int64, within time.Duration) (Progress, error)
}

// NextItem starts the agenda item after the one under way (the first when
// none is): moderators only, while live.
func (s *Service) NextItem(ctx context.Context, who igfplus.Identity, id int64) (Progress, error) {
	sess, agenda, err := s.runningAgenda(ctx, who, id)
	if err != nil {
		return Progress{}, err
	}
	i := slices.IndexFunc(agenda, func(a AgendaItem) bool { return a.ID == sess.CurrentItemID })
	if i+1 >= len(agenda) {
		return Progress{}, igfplus.Errorf(igfplus.EConflict, "There is no next item on the agenda.")
	}
	return s.agenda.AdvanceItem(ctx, id, sess.CurrentItemID, agenda[i+1])
}

// ExtendItem gives the item under way minutes more (1 to MaxExtendMinutes):
// moderators only, while live.
func (s *Service) ExtendItem(ctx context.Context, who igfplus.Identity, id int64, minutes int) (Progress, error) {
	if minutes < 1 || minutes > MaxExtendMinutes {
		return Progress{}, igfplus.Errorf(igfplus.EInvalid, "An item is extended by 1 to %d minutes.", MaxExtendMinutes)
	}
	sess, _, err := s.runningAgenda(ctx, who, id)
	if err != nil {
		return Progress{}, err
	}
	if sess.CurrentItemID == 0 {
		return Progress{}, igfplus.Errorf(igfplus.EConflict, "No agenda item is under way.")
	}
	return s.agenda.ExtendItem(ctx, id, sess.CurrentItemID, minutes)
}

// MoveItem moves an agenda item that has not started yet to position (from
// 1): moderators only, before the session ends.
func (s *Service) MoveItem(ctx context.Context, who igfplus.Identity, id, itemID int64, position int) ([]AgendaItem, error) {
	if err := s.mayModerate(ctx, who, id); err != nil {
		return nil, err
	}
	sess, err := s.store.Session(ctx, id)
	if err != nil {
		return nil, err
	}
	if sess.State != Scheduled && sess.State != Live {
		return nil, igfplus.Errorf(igfplus.EConflict, "The agenda of a session that has ended stays as it ran.")
	}
	return s.agenda.MoveItem(ctx, id, itemID, position)
}

// runningAgenda checks that who moderates live session id and reads it
// with its agenda.
func (s *Service) runningAgenda(ctx context.Context, who igfplus.Identity, id int64) (Session, []AgendaItem, error) {
	if err := s.mayModerate(ctx, who, id); err != nil {
		return Session{}, nil, err
	}
	sess, err := s.store.Session(ctx, id)
	if err != nil {
		return Session{}, nil, err
	}
	if sess.State != Live {
		return Session{}, nil, igfplus.Errorf(igfplus.EConflict, "The agenda runs only while the session is live.")
	}
	agenda, err := s.store.Agenda(ctx, id)
	return sess, agenda, err
}

// Reorder returns the agenda's item ids in their new order once itemID is
// at position (from 1). Items that have started (Started, or the one under
// way) keep their places: the item moved must not have started, nor any
// item it passes.
func Reorder(agenda []AgendaItem, current, itemID int64, position int) ([]int64, error) {
	from := slices.IndexFunc(agenda, func(a AgendaItem) bool { return a.ID == itemID })
	if from < 0 {
		return nil, igfplus.Errorf(igfplus.ENotFound, "That item is not on this session's agenda.")
	}
	to := position - 1
	if to < 0 || to >= len(agenda) {
		return nil, igfplus.Errorf(igfplus.EInvalid, "An item's position is from 1 to %d.", len(agenda))
	}
	lo, hi := min(from, to), max(from, to)
	for _, a := range agenda[lo : hi+1] {
		if a.Started || a.ID == current {
			return nil, igfplus.Errorf(igfplus.EConflict, "Only items that have not started can be moved, and not past one that has.")
		}
	}
	ids := make([]int64, 0, len(agenda))
	for _, a := range agenda {
		ids = append(ids, a.ID)
	}
	moved := ids[from]
	ids = slices.Delete(ids, from, from+1)
	return slices.Insert(ids, to, moved), nil
}
