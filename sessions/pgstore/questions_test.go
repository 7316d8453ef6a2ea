package pgstore_test

import (
	"strings"
	"testing"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestQuestionsAndAnswers(t *testing.T) {
	f, ctx := newFixture(t)
	amina, rajesh, sophie, moderator := f.amina, f.rajesh, f.sophie, f.moderator
	live := f.live.ID

	q, err := f.svc.Ask(ctx, amina, live, "  How do we fund community networks?  ", true)
	if err != nil || q.Body != "How do we fund community networks?" || q.AuthorName != "" || q.AuthorID != 0 {
		t.Fatalf("anonymous question as the room sees it: %+v, %v", q, err)
	}
	dup, err := f.svc.Ask(ctx, rajesh, live, "Who pays for community networks?", false)
	if err != nil || dup.AuthorName != "Rajesh Iyer" {
		t.Fatalf("named question: %+v, %v", dup, err)
	}
	if _, err := f.svc.Ask(ctx, amina, live, strings.Repeat("?", sessions.MaxQuestionRunes+1), false); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("too long: %v", err)
	}

	for _, who := range []igfplus.Identity{rajesh, sophie} {
		if _, err := f.svc.Upvote(ctx, who, live, q.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.svc.Upvote(ctx, rajesh, live, q.ID); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("a second vote: %v, want conflict", err)
	}
	if _, err := f.svc.Upvote(ctx, sophie, live, dup.ID); err != nil {
		t.Fatal(err)
	}

	yes := true
	if _, err := f.svc.ChangeQuestion(ctx, amina, live, q.ID, sessions.QuestionChange{Answered: &yes}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant marking answered: %v, want forbidden", err)
	}
	// Merging the duplicate pools its voters without counting Sophie twice.
	merged, err := f.svc.ChangeQuestion(ctx, moderator, live, dup.ID, sessions.QuestionChange{MergedInto: q.ID})
	if err != nil || merged.MergedInto != q.ID {
		t.Fatalf("merge: %+v, %v", merged, err)
	}
	answered, err := f.svc.ChangeQuestion(ctx, moderator, live, q.ID, sessions.QuestionChange{Answered: &yes, Pinned: &yes})
	if err != nil || !answered.Answered || !answered.Pinned || answered.Votes != 2 {
		t.Fatalf("answered and pinned: %+v, %v; want 2 votes (Rajesh and Sophie)", answered, err)
	}

	room, _ := f.svc.QuestionsFor(ctx, sophie, live)
	mod, _ := f.svc.QuestionsFor(ctx, moderator, live)
	if len(room) != 2 || room[0].ID != q.ID || room[0].AuthorName != "" {
		t.Errorf("the room's list: %+v", room)
	}
	if len(mod) != 2 || mod[0].AuthorName != "Amina Yusuf" {
		t.Errorf("moderators see who asked: %+v", mod)
	}
	for _, ev := range f.pub.Events() {
		if ev.Type == "question.changed" && strings.Contains(string(ev.Frame), "Amina") {
			t.Fatalf("an event named the author of an anonymous question: %s", ev.Frame)
		}
	}
}

func TestHiddenQuestionsKeepTheirReasonAndReviewedOnesWaitForAModerator(t *testing.T) {
	f, ctx := newFixture(t)
	live, mod := f.live.ID, f.moderator
	review := true
	if _, err := f.svc.ChangeSettings(ctx, mod, live, sessions.SettingsChange{ReviewQuestions: &review}); err != nil {
		t.Fatal(err)
	}
	before := f.pub.Count()
	q, err := f.svc.Ask(ctx, f.amina, live, "Who pays for the last mile?", true)
	if err != nil || !q.Held {
		t.Fatalf("asking while questions are reviewed: %+v, %v; want held", q, err)
	}
	for _, ev := range f.pub.Events()[before:] {
		if ev.Type != "questions.review" || strings.Contains(string(ev.Frame), "last mile") {
			t.Errorf("a held question reached the room: %s %s", ev.Type, ev.Frame)
		}
	}
	seen := func(who igfplus.Identity) *sessions.Question {
		t.Helper()
		qs, err := f.svc.QuestionsFor(ctx, who, live)
		if err != nil {
			t.Fatal(err)
		}
		for i := range qs {
			if qs[i].ID == q.ID {
				return &qs[i]
			}
		}
		return nil
	}
	if got := seen(f.amina); got == nil || !got.Held {
		t.Errorf("its author sees %+v, want it waiting", got)
	}
	if got := seen(f.rajesh); got != nil {
		t.Errorf("another participant sees a held question: %+v", got)
	}
	if _, err := f.svc.Upvote(ctx, f.rajesh, live, q.ID); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("voting for a held question: %v, want not found", err)
	}
	if _, err := f.svc.ReleaseQuestion(ctx, f.rajesh, live, q.ID); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant letting it through: %v, want forbidden", err)
	}
	if _, err := f.svc.ReleaseQuestion(ctx, mod, live, q.ID); err != nil {
		t.Fatal(err)
	}
	if got := seen(f.rajesh); got == nil || got.Held {
		t.Fatalf("after release the room sees %+v", got)
	}

	if _, err := f.svc.HideQuestion(ctx, mod, live, q.ID, "Off topic"); err != nil {
		t.Fatal(err)
	}
	last := f.pub.Events()[f.pub.Count()-1]
	if last.Type != "question.changed" || strings.Contains(string(last.Frame), "last mile") || !strings.Contains(string(last.Frame), `"hidden":true`) {
		t.Errorf("hiding announced %s %s; want the id as hidden, no text", last.Type, last.Frame)
	}
	if got := seen(f.rajesh); got != nil {
		t.Errorf("the room still sees a hidden question: %+v", got)
	}
	if got := seen(f.amina); got != nil {
		t.Errorf("its author still sees it in the room: %+v", got)
	}
	if got := seen(mod); got == nil || !got.Hidden || got.HiddenReason != "Off topic" {
		t.Errorf("moderators see %+v, want it hidden with its reason", got)
	}
	if _, err := f.svc.HideQuestion(ctx, mod, live, q.ID, strings.Repeat("x", sessions.MaxReasonRunes+1)); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("a reason too long: %v, want invalid", err)
	}
}
