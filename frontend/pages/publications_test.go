package pages

import (
	"slices"
	"testing"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/tracks/publishing"
)

// TestEveryPublishingValueIsTranslated covers the keys the publishing
// pages compose at run time: body kinds, answer states, timeline steps,
// the outbox's delivery states and the review queue's confirmations.
func TestEveryPublishingValueIsTranslated(t *testing.T) {
	ids := i18n.MustNew().IDs()
	var keys []string
	for _, k := range publishing.BodyKinds {
		keys = append(keys, "body_kind."+string(k))
	}
	for _, s := range publishing.AnswerStates {
		keys = append(keys, "answer_state."+string(s))
	}
	for _, s := range []string{publishing.StepAdopted, publishing.StepPublished, publishing.StepRelayed, publishing.StepAnswered} {
		keys = append(keys, "publication.step."+s)
	}
	// relay_outbox.state's CHECK constraint (migration 0012).
	for _, s := range []string{"pending", "delivering", "delivered", "failed", "disabled"} {
		keys = append(keys, "delivery_state."+s)
	}
	for _, s := range []string{"summary", "translation", "approved"} {
		keys = append(keys, "review.done."+s)
	}
	for _, k := range keys {
		if !slices.Contains(ids, k) {
			t.Errorf("%q is not in the catalogue", k)
		}
	}
}

// TestParagraphsAndLinesAreTrimmedAndLeaveOutTheBlank: a recommendation's
// text splits into paragraphs on blank lines, a poll's options on lines.
func TestParagraphsAndLinesAreTrimmedAndLeaveOutTheBlank(t *testing.T) {
	text := " One\nstill one \n\n\n  Two \n\n"
	if got := paragraphs(text); !slices.Equal(got, []string{"One\nstill one", "Two"}) {
		t.Errorf("paragraphs %q", got)
	}
	if got := lines(text); !slices.Equal(got, []string{"One", "still one", "Two"}) {
		t.Errorf("lines %q", got)
	}
}
