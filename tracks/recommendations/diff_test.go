package recommendations_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/recommendations"
)

// rebuild returns the older and the newer text a diff describes.
func rebuild(parts []recommendations.DiffPart) (string, string) {
	var a, b strings.Builder
	for _, p := range parts {
		if p.Kind != recommendations.Inserted {
			a.WriteString(p.Text)
		}
		if p.Kind != recommendations.Deleted {
			b.WriteString(p.Text)
		}
	}
	return a.String(), b.String()
}

func TestWordDiffMarksTheChangedWordsOnly(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		want           string
	}{
		{"one word replaced", "Operators should share towers.", "Operators must share towers.",
			"=Operators |-should|+must|= share towers."},
		{"a word added", "Governments should act.", "Governments should act now.", "=Governments should act|+ now|=."},
		{"a paragraph added", "One.", "One.\n\nTwo.", "=One.|+\n\nTwo."},
		{"everything new", "", "Text.", "+Text."},
		{"everything gone", "Text.", "", "-Text."},
		{"unchanged", "Same text.", "Same text.", "=Same text."},
		{"Arabic words", "يجب على الحكومات أن تعمل", "يجب على المشغلين أن تعمل", "=يجب على |-الحكومات|+المشغلين|= أن تعمل"},
		// Chinese writes no spaces between words: each character is a unit,
		// so a changed word is marked, not its whole clause.
		{"Chinese characters", "各国政府应当加强互联网治理合作，", "各国政府应当加强数字治理合作，", "=各国政府应当加强|-互联网|+数字|=治理合作，"},
		// A skin tone or a joined emoji stays one character on screen.
		{"an emoji's skin tone", "Agreed 👍", "Agreed 👍🏽", "=Agreed |-👍|+👍🏽"},
		{"a joined emoji", "Team 👩‍💻", "Team 👩‍🔬", "=Team |-👩‍💻|+👩‍🔬"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := recommendations.WordDiff(tc.old, tc.new)
			var got []string
			for _, p := range parts {
				got = append(got, string(p.Kind)+p.Text)
			}
			if s := strings.Join(got, "|"); s != tc.want {
				t.Errorf("WordDiff(%q, %q) = %q, want %q", tc.old, tc.new, s, tc.want)
			}
			if a, b := rebuild(parts); a != tc.old || b != tc.new {
				t.Errorf("the parts give %q and %q", a, b)
			}
		})
	}
}

func TestWordDiffAlwaysRebuildsBothTexts(t *testing.T) {
	words := []string{"a", "b", "c", "the", "Forum", " ", " ", "\n\n", ",", "."}
	text := func(r *rand.Rand) string {
		var s strings.Builder
		for range r.IntN(40) {
			s.WriteString(words[r.IntN(len(words))])
		}
		return s.String()
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		old, new := text(r), text(r)
		parts := recommendations.WordDiff(old, new)
		if a, b := rebuild(parts); a != old || b != new {
			t.Fatalf("WordDiff(%q, %q) gives back %q and %q", old, new, a, b)
		}
		for i := 1; i < len(parts); i++ {
			if parts[i].Kind == parts[i-1].Kind || parts[i].Text == "" {
				t.Fatalf("WordDiff(%q, %q): parts %d and %d not merged: %+v", old, new, i-1, i, parts)
			}
			if parts[i-1].Kind == recommendations.Inserted && parts[i].Kind == recommendations.Deleted {
				t.Fatalf("WordDiff(%q, %q): an insertion before its deletion: %+v", old, new, parts)
			}
		}
	}
}

func TestWordDiffOfUnrelatedLongTextsStaysBounded(t *testing.T) {
	a := strings.Repeat("alpha beta ", 3000)
	b := strings.Repeat("gamma delta ", 3000)
	parts := recommendations.WordDiff(a, b)
	if x, y := rebuild(parts); x != a || y != b {
		t.Fatal("the fallback lost text")
	}
}
