package recommendations_test

import (
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

func TestParagraphsSplitOnBlankLinesAndNumberFromOne(t *testing.T) {
	body := "\r\n  First line\r\nstill first  \r\n \t \n\n\nSecond\n\nThird\n  \n"
	ps := recommendations.Paragraphs(body)
	want := []string{"First line\nstill first", "Second", "Third"}
	if len(ps) != len(want) {
		t.Fatalf("%d paragraphs %+v, want %d", len(ps), ps, len(want))
	}
	for i, p := range ps {
		if p.Number != i+1 || p.Text != want[i] {
			t.Errorf("paragraph %d = %+v, want %d %q", i, p, i+1, want[i])
		}
	}
	clean, err := recommendations.CleanBody(body)
	if err != nil || clean != "First line\nstill first\n\nSecond\n\nThird" {
		t.Fatalf("CleanBody = %q, %v", clean, err)
	}
	if _, err := recommendations.CleanBody(" \n\n \n"); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("an empty body: %v, want invalid", err)
	}
}

func TestApplyAmendment(t *testing.T) {
	body := "One.\n\nTwo.\n\nThree."
	for _, tc := range []struct {
		name      string
		paragraph int
		text      string
		want      string
		code      igfplus.Code
	}{
		{"replaces a paragraph", 2, "  Deux.  ", "One.\n\nDeux.\n\nThree.", ""},
		{"replaces the first", 1, "Un.", "Un.\n\nTwo.\n\nThree.", ""},
		{"adds one at the end", 4, "Four.", "One.\n\nTwo.\n\nThree.\n\nFour.", ""},
		{"splits a paragraph", 2, "Two a.\n\n\nTwo b.", "One.\n\nTwo a.\n\nTwo b.\n\nThree.", ""},
		{"no paragraph zero", 0, "x", "", igfplus.EInvalid},
		{"no paragraph past the end", 5, "x", "", igfplus.EInvalid},
		{"no empty text", 2, " \n\n ", "", igfplus.EInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := recommendations.ApplyAmendment(body, tc.paragraph, tc.text)
			if igfplus.ErrorCode(err) != tc.code || got != tc.want {
				t.Fatalf("ApplyAmendment(%d, %q) = %q, %v; want %q, code %q", tc.paragraph, tc.text, got, err, tc.want, tc.code)
			}
		})
	}
}

func TestAmendedBodyRebasesOnlyOntoAnUnchangedParagraph(t *testing.T) {
	base := recommendations.Version{Version: 1, Body: "One.\n\nTwo.\n\nThree."}
	current := recommendations.Version{Version: 2, Body: "One, revised.\n\nTwo.\n\nThree."}
	a := recommendations.Amendment{ID: 7, Paragraph: 2, Text: "Deux."}
	got, err := recommendations.AmendedBody(a, base, current)
	if err != nil || got != "One, revised.\n\nDeux.\n\nThree." {
		t.Fatalf("untouched paragraph: %q, %v", got, err)
	}
	a.Paragraph = 1
	if _, err := recommendations.AmendedBody(a, base, current); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("revised paragraph: %v, want conflict", err)
	}
	a.Paragraph = 4
	shorter := recommendations.Version{Version: 3, Body: "One."}
	if got, err := recommendations.AmendedBody(a, base, shorter); err != nil || got != "One.\n\nDeux." {
		t.Fatalf("a new last paragraph: %q, %v", got, err)
	}
}

func TestTextChangesOnlyInDraftWithNoAmendmentUnderVote(t *testing.T) {
	for _, tc := range []struct {
		state     recommendations.State
		underVote bool
		ok        bool
	}{
		{recommendations.Draft, false, true},
		{recommendations.Draft, true, false},
		{recommendations.UnderVote, false, false},
		{recommendations.Adopted, false, false},
		{recommendations.NotAdopted, false, false},
		{recommendations.Withdrawn, false, false},
	} {
		err := recommendations.TextChangeable(tc.state, tc.underVote)
		if (err == nil) != tc.ok || (err != nil && igfplus.ErrorCode(err) != igfplus.EConflict) {
			t.Errorf("%s (amendment under vote %v): %v", tc.state, tc.underVote, err)
		}
	}
}
