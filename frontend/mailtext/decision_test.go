package mailtext

import (
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/proposals"
)

// TestEveryDecisionInEveryLanguageNamesTheProposalAndLinksToIt: each
// outcome renders in the six languages, with the proposal's title, the
// link to its page, the merge's other proposal and the note.
func TestEveryDecisionInEveryLanguageNamesTheProposalAndLinksToIt(t *testing.T) {
	r, err := New("https://igf.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		for _, state := range []proposals.State{proposals.Accepted, proposals.Rejected, proposals.MergeSuggested} {
			l := proposals.Letter{To: proposals.Recipient{Email: "p@example.org", Name: "Ana", Locale: lang.Tag},
				Proposal: proposals.Proposal{ID: 7, State: state, Note: "See you there", Draft: proposals.Draft{Title: "Last mile"}}}
			if state == proposals.MergeSuggested {
				l.MergeTitle = "Community networks"
			}
			m, err := r.RenderDecision(l)
			if err != nil {
				t.Fatalf("%s %s: %v", lang.Tag, state, err)
			}
			for _, want := range []string{"Last mile", "https://igf.example/proposals/7", "See you there", l.MergeTitle} {
				if !strings.Contains(m.Text, want) || !strings.Contains(m.HTML, want) {
					t.Errorf("%s %s: %q missing", lang.Tag, state, want)
				}
			}
			if !strings.Contains(m.Subject, "Last mile") || m.To != "p@example.org" {
				t.Errorf("%s %s: subject %q to %q", lang.Tag, state, m.Subject, m.To)
			}
		}
	}
}
