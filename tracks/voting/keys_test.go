package voting

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

func testKeys(t *testing.T) *Keys {
	t.Helper()
	k, err := NewKeys([]byte(strings.Repeat("k", 32)))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestTagsSeparatePollsVotersAndSalts(t *testing.T) {
	k := testKeys(t)
	seen := map[string]bool{}
	for poll := int64(1); poll <= 3; poll++ {
		for _, salt := range [][]byte{NewSalt(), NewSalt()} {
			pk, err := k.Poll(poll, salt, k.ID())
			if err != nil {
				t.Fatal(err)
			}
			for voter := int64(1); voter <= 3; voter++ {
				tag := fmt.Sprintf("%x", pk.Tag(voter))
				if seen[tag] {
					t.Fatalf("tag collision at poll %d voter %d", poll, voter)
				}
				seen[tag] = true
			}
		}
	}
	if _, err := NewKeys([]byte("short")); err == nil {
		t.Fatal("a short key was accepted")
	}
	other, _ := NewKeys([]byte(strings.Repeat("o", 32)))
	if _, err := other.Poll(1, NewSalt(), k.ID()); err != ErrOtherKey {
		t.Fatalf("a poll opened under another key: %v", err)
	}
}

func TestSealedBallotsOpenOnlyInTheirRowAndHideTheirSize(t *testing.T) {
	k := testKeys(t)
	pk, _ := k.Poll(9, NewSalt(), k.ID())
	id := NewBallotID()
	sizes := map[int]bool{}
	for _, g := range igfplus.StakeholderGroups {
		for _, c := range []Choice{{Answer: Yes}, {Answer: Abstain}, {Options: []int{1, 20}}, {Options: []int{3}}} {
			sealed, err := pk.Seal(id, Content{Group: g, Choice: c})
			if err != nil {
				t.Fatal(err)
			}
			sizes[len(sealed)] = true
			back, err := pk.Open(id[:], sealed)
			if err != nil || back.Group != g || back.Choice.Answer != c.Answer || !slices.Equal(back.Choice.Options, c.Options) {
				t.Fatalf("%s %+v came back as %+v, %v", g, c, back, err)
			}
			other := NewBallotID()
			if _, err := pk.Open(other[:], sealed); err == nil {
				t.Fatal("a sealed ballot opened in another row")
			}
		}
	}
	if len(sizes) != 1 {
		t.Fatalf("secret ballots' sealed sizes differ: %v", sizes)
	}
	named, _ := pk.Seal(id, Content{Group: igfplus.Academia, Region: igfplus.African, Name: "Amina", Choice: Choice{Answer: No}})
	back, err := pk.Open(id[:], named)
	if err != nil || back.Name != "Amina" || back.Region != igfplus.African {
		t.Fatalf("a named ballot came back as %+v, %v", back, err)
	}
	if bytes.Contains(named, []byte("Amina")) {
		t.Fatal("the name is in the clear")
	}
}
