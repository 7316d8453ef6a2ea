package pages

import (
	"context"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func (f *fakeSessions) Lift(_ context.Context, _ igfplus.Identity, id, account int64, _ string) error {
	return f.did("participant.lift %d %d", id, account)
}

func (f *fakeSessions) HideQuestion(_ context.Context, _ igfplus.Identity, id, q int64, _ string) (sessions.Question, error) {
	return sessions.Question{}, f.did("question.hide %d %d", id, q)
}

func (f *fakeSessions) ReleaseQuestion(_ context.Context, _ igfplus.Identity, id, q int64) (sessions.Question, error) {
	return sessions.Question{}, f.did("question.release %d %d", id, q)
}

func (f *fakeSessions) NextItem(_ context.Context, _ igfplus.Identity, id int64) (sessions.Progress, error) {
	return sessions.Progress{}, f.did("agenda.next %d", id)
}

func (f *fakeSessions) ExtendItem(_ context.Context, _ igfplus.Identity, id int64, minutes int) (sessions.Progress, error) {
	return sessions.Progress{}, f.did("agenda.extend %d %d", id, minutes)
}

func (f *fakeSessions) MoveItem(_ context.Context, _ igfplus.Identity, id, item int64, position int) ([]sessions.AgendaItem, error) {
	return nil, f.did("agenda.move %d %d %d", id, item, position)
}

func (f *fakeSessions) Restricted(context.Context, igfplus.Identity, int64) ([]sessions.Restricted, error) {
	return nil, nil
}

func (f *fakeSessions) ModerationLog(context.Context, igfplus.Identity, int64) ([]sessions.LogEntry, error) {
	return nil, nil
}
