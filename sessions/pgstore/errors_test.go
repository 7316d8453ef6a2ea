package pgstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub/pglog/pglogtest"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// A failing query's error says which operation failed (what a logged 500
// shows), and still carries the domain kind and message that users are
// shown, and its cause.
func TestFailingQueriesNameTheirOperationAndKeepTheirKind(t *testing.T) {
	db := pgtest.DB(t)
	store := pgstore.New(db, pglogtest.NewRecorder(t, db.Pool))
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()

	_, chatErr := store.PostChat(ctx, sessions.ChatMessage{SessionID: 424242, AuthorID: 424242, Body: "hello"})
	_, sessionErr := store.Session(ctx, 424242)
	_, transcriptErr := store.Transcript(cancelled, 1)

	for _, tc := range []struct {
		name    string
		err     error
		op      string
		code    igfplus.Code
		message string
		cause   error
	}{
		{"a foreign key violation", chatErr, "sessions: insert chat message",
			igfplus.EInvalid, "That refers to something that does not exist.", nil},
		{"no such row", sessionErr, "sessions: read session 424242",
			igfplus.ENotFound, "The session was not found.", pgx.ErrNoRows},
		{"an internal failure", transcriptErr, "sessions: read transcript",
			igfplus.EInternal, "An internal error occurred.", context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(tc.err.Error(), tc.op) {
				t.Errorf("%q does not name the operation %q", tc.err, tc.op)
			}
			if got := igfplus.ErrorCode(tc.err); got != tc.code {
				t.Errorf("kind %q, want %q", got, tc.code)
			}
			if got := igfplus.ErrorMessage(tc.err); got != tc.message {
				t.Errorf("message %q, want %q", got, tc.message)
			}
			if tc.cause != nil && !errors.Is(tc.err, tc.cause) {
				t.Errorf("%v is not %v", tc.err, tc.cause)
			}
		})
	}
}
