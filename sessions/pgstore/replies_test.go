package pgstore_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestRepliesQuoteTheAnsweredMessageAndRefuseOthers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first, err := f.svc.PostChat(ctx, f.who, f.live.ID, "Community networks first. "+strings.Repeat("x", 200))
	if err != nil {
		t.Fatal(err)
	}
	reply, err := f.svc.PostReply(ctx, f.who, f.live.ID, "Agreed: see https://example.org/cn", first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if reply.ReplyTo != first.ID || reply.Reply == nil || reply.Reply.AuthorName != f.who.Name ||
		!strings.HasPrefix(reply.Reply.Excerpt, "Community networks first.") || !strings.HasSuffix(reply.Reply.Excerpt, "…") {
		t.Fatalf("reply %+v quotes %+v", reply, reply.Reply)
	}
	// The room's event carries the quote, so clients need nothing else.
	last := f.pub.Events()[f.pub.Count()-1]
	var frame struct {
		Data struct {
			ReplyTo int64 `json:"reply_to"`
			Reply   struct {
				ID int64 `json:"id"`
			} `json:"reply"`
		} `json:"data"`
	}
	if err := json.Unmarshal(last.Frame, &frame); err != nil || frame.Data.ReplyTo != first.ID || frame.Data.Reply.ID != first.ID {
		t.Fatalf("chat.posted frame %s", last.Frame)
	}
	msgs, _, err := f.svc.RecentChat(ctx, f.who, f.live.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := msgs[len(msgs)-1]; got.ReplyTo != first.ID || got.Reply == nil || got.Reply.Excerpt != reply.Reply.Excerpt {
		t.Fatalf("history shows the reply as %+v", got)
	}

	// A message of another session, an unknown one, or a removed one cannot
	// be answered; nothing is posted.
	before := f.pub.Count()
	for _, to := range []int64{first.ID + 1000, -1} {
		if _, err := f.svc.PostReply(ctx, f.who, f.live.ID, "to nowhere", to); err == nil {
			t.Errorf("a reply to %d was posted", to)
		}
	}
	if _, err := f.db.Pool.Exec(ctx, `UPDATE chat_messages SET removed_at = now() WHERE id = $1`, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.PostReply(ctx, f.who, f.live.ID, "too late", first.ID); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("a reply to a removed message: %v, want not_found", err)
	}
	if f.pub.Count() != before {
		t.Errorf("refused replies announced %d events", f.pub.Count()-before)
	}
	msgs, _, _ = f.svc.RecentChat(ctx, f.who, f.live.ID, 10)
	if got := msgs[len(msgs)-1]; got.Reply == nil || got.Reply.Excerpt != "" {
		t.Errorf("the quote of a removed message still shows %+v", got.Reply)
	}
}
