package sessions_test

import (
	"os"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/sessions"
)

// TestPageEventsAreInTheProtocol: every event declared in sessions has
// its row in docs/PROTOCOL.md's table of room events.
func TestPageEventsAreInTheProtocol(t *testing.T) {
	doc, err := os.ReadFile("../docs/PROTOCOL.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range sessions.PageEvents {
		if !strings.Contains(string(doc), "\n| `"+kind+"` |") {
			t.Errorf("docs/PROTOCOL.md has no row for the event %s", kind)
		}
	}
}
