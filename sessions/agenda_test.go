package sessions

import (
	"slices"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestReorderMovesOnlyItemsThatHaveNotStartedPastOthersThatHaveNot(t *testing.T) {
	// 1 ran, 2 is under way, 3, 4 and 5 have not started.
	agenda := []AgendaItem{{ID: 1, Started: true}, {ID: 2, Started: true}, {ID: 3}, {ID: 4}, {ID: 5}}
	const current = 2
	for _, tt := range []struct {
		name     string
		item     int64
		position int
		want     []int64
		code     igfplus.Code
	}{
		{"the last up one", 5, 4, []int64{1, 2, 3, 5, 4}, ""},
		{"the last to the first unstarted place", 5, 3, []int64{1, 2, 5, 3, 4}, ""},
		{"an unstarted one down", 3, 5, []int64{1, 2, 4, 5, 3}, ""},
		{"an item to its own place", 4, 4, []int64{1, 2, 3, 4, 5}, ""},
		{"past the item under way", 3, 2, nil, igfplus.EConflict},
		{"past an item that ran", 4, 1, nil, igfplus.EConflict},
		{"the item under way", current, 5, nil, igfplus.EConflict},
		{"an item that ran", 1, 3, nil, igfplus.EConflict},
		{"to no place", 3, 0, nil, igfplus.EInvalid},
		{"past the end", 3, 6, nil, igfplus.EInvalid},
		{"an item of another agenda", 9, 3, nil, igfplus.ENotFound},
	} {
		got, err := Reorder(agenda, current, tt.item, tt.position)
		if igfplus.ErrorCode(err) != tt.code || !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, %v; want %v, %q", tt.name, got, err, tt.want, tt.code)
		}
	}
}
