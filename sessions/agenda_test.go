package sessions

import (
	"slices"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestReorderMovesOnlyItemsThatHaveNotStartedPastOthersThatHaveNot(t *testing.T) {
	// 1 ran, 2 was skipped (not started), 3 is under way (known as such
	// from the session, whatever its own row says), 4 and 5 have not
	// started.
	agenda := []AgendaItem{{ID: 1, Started: true}, {ID: 2}, {ID: 3}, {ID: 4}, {ID: 5}}
	const current = 3
	for _, tt := range []struct {
		name     string
		item     int64
		position int
		want     []int64
		code     igfplus.Code
	}{
		{"the last up one", 5, 4, []int64{1, 2, 3, 5, 4}, ""},
		{"an unstarted one down", 4, 5, []int64{1, 2, 3, 5, 4}, ""},
		{"an item to its own place", 2, 2, []int64{1, 2, 3, 4, 5}, ""},
		{"past the item under way", 5, 3, nil, igfplus.EConflict},
		{"a skipped item past the one under way", 2, 4, nil, igfplus.EConflict},
		{"past an item that ran", 2, 1, nil, igfplus.EConflict},
		{"the item under way", current, 5, nil, igfplus.EConflict},
		{"an item that ran", 1, 2, nil, igfplus.EConflict},
		{"to no place", 4, 0, nil, igfplus.EInvalid},
		{"past the end", 4, 6, nil, igfplus.EInvalid},
		{"an item of another agenda", 9, 4, nil, igfplus.ENotFound},
	} {
		got, err := Reorder(agenda, current, tt.item, tt.position)
		if igfplus.ErrorCode(err) != tt.code || !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, %v; want %v, %q", tt.name, got, err, tt.want, tt.code)
		}
	}
}
