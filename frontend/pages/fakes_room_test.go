package pages

import (
	"context"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// roomFakes answer the waiting room, session roles and the report for
// fakeSessions.
type roomFakes struct {
	// held keeps people (by name) outside in this state; the room's reads
	// refuse them as the service does.
	held map[string]sessions.AdmissionState
	// roles are the session roles by person's name.
	roles   map[string][]sessions.SessionRole
	waiting []sessions.Waiter
	reports []sessions.ChatReport
	report  *sessions.Report
	// writers may write the report (by name).
	writers   map[string]bool
	repliedTo []int64
	written   []sessions.ReportChange
}

func (f *fakeSessions) MayModerate(_ context.Context, who igfplus.Identity, _ int64) error {
	if !f.moderators[who.Name] {
		return igfplus.Errorf(igfplus.EForbidden, "Only the session's moderators can do that.")
	}
	return nil
}

func (f *fakeSessions) RolesOf(_ context.Context, who igfplus.Identity, _ int64) ([]sessions.SessionRole, error) {
	return f.roles[who.Name], nil
}

func (f *fakeSessions) AdmissionOf(_ context.Context, who igfplus.Identity, _ int64) (sessions.Admission, error) {
	st, ok := f.held[who.Name]
	if !ok {
		return sessions.Admission{State: sessions.Admitted}, nil
	}
	a := sessions.Admission{State: st}
	if st == sessions.Waiting {
		a.Position = 2
	}
	return a, nil
}

func (f *fakeSessions) Knock(ctx context.Context, who igfplus.Identity, id int64) (sessions.Admission, error) {
	return sessions.Admission{State: sessions.Waiting, Position: 2}, f.did("knock %d", id)
}

func (f *fakeSessions) Register(_ context.Context, _ igfplus.Identity, id int64, registered bool) (sessions.Admission, error) {
	return sessions.Admission{State: sessions.Admitted}, f.did("register %d %t", id, registered)
}

func (f *fakeSessions) WaitingList(context.Context, igfplus.Identity, int64) ([]sessions.Waiter, error) {
	return f.waiting, nil
}

func (f *fakeSessions) ChatReports(context.Context, igfplus.Identity, int64) ([]sessions.ChatReport, error) {
	return f.reports, nil
}

func (f *fakeSessions) ReportOf(_ context.Context, who igfplus.Identity, _ int64) (sessions.Report, error) {
	if f.report == nil {
		return sessions.Report{}, igfplus.Errorf(igfplus.EConflict, "The report is drawn up when the session ends.")
	}
	if f.report.State == sessions.Ended && !f.writers[who.Name] {
		return sessions.Report{}, igfplus.Errorf(igfplus.EForbidden, "The report is published once the rapporteur completes it.")
	}
	return *f.report, nil
}

func (f *fakeSessions) WriteReport(_ context.Context, who igfplus.Identity, id int64, c sessions.ReportChange) (sessions.Report, error) {
	if c.Publish && (c.KeyTakeaways == nil || *c.KeyTakeaways == "") {
		return sessions.Report{}, igfplus.Errorf(igfplus.EInvalid, "Write the key takeaways before publishing the report.")
	}
	f.written = append(f.written, c)
	return *f.report, f.did("report %d", id)
}

func (f *fakeSessions) MayWriteReport(_ context.Context, who igfplus.Identity, _ int64) error {
	if !f.writers[who.Name] {
		return igfplus.Errorf(igfplus.EForbidden, "Only the session's rapporteurs and moderators can write its report.")
	}
	return nil
}

func (f *fakeSessions) ReportChat(_ context.Context, _ igfplus.Identity, id, msg int64, reason string) error {
	return f.did("chat.report %d %d %s", id, msg, reason)
}

func (f *fakeSessions) Admit(_ context.Context, _ igfplus.Identity, id, account int64) error {
	return f.did("admission.admit %d %d", id, account)
}

func (f *fakeSessions) ChangeSettings(_ context.Context, _ igfplus.Identity, id int64, c sessions.SettingsChange) (sessions.Settings, error) {
	b := func(p *bool) string {
		if p == nil {
			return "-"
		}
		if *p {
			return "on"
		}
		return "off"
	}
	n := func(p *int) any {
		if p == nil {
			return "-"
		}
		return *p
	}
	return sessions.Settings{}, f.did("session.settings %d wr=%s reg=%s bal=%s limit=%v warn=%v slow=%v", id, b(c.WaitingRoom), b(c.RequiresRegistration), b(c.BalancedQueue), n(c.SpeakingLimitS), n(c.WarnAtS), n(c.SlowModeS))
}
