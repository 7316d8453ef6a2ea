package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"golang.org/x/sync/errgroup"
)

// voterSocket is one voter's connection to the poll's session room.
type voterSocket struct {
	conn *websocket.Conn
	acks chan bool // true for an ack of the ballot, false for an error
}

// connectVoters opens every voter's room socket before the clock starts:
// in a live session people are already connected when a poll opens.
func (t *votesTarget) connectVoters(ctx context.Context) ([]*voterSocket, error) {
	socks := make([]*voterSocket, len(t.tokens))
	url := "ws" + strings.TrimPrefix(t.url, "http") + fmt.Sprintf("/ws/sessions/%d", t.session)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(64)
	for i, tok := range t.tokens {
		g.Go(func() error {
			conn, _, err := benchDialer.DialContext(ctx, url, http.Header{"Authorization": {"Bearer " + tok}})
			if err != nil {
				return fmt.Errorf("voter %d: %w", i, err)
			}
			s := &voterSocket{conn: conn, acks: make(chan bool, 1)}
			socks[i] = s
			go s.read()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		closeVoters(socks)
		return nil, err
	}
	return socks, nil
}

// read passes on the answer to the ballot (ref "v") and drops room events.
func (s *voterSocket) read() {
	for {
		_, data, err := s.conn.ReadMessage()
		if err != nil {
			close(s.acks)
			return
		}
		for line := range bytes.SplitSeq(data, newlineBytes) {
			if !bytes.Contains(line, []byte(`"ref":"v"`)) {
				continue
			}
			select {
			case s.acks <- bytes.Contains(line, []byte(`"type":"ack"`)):
			default:
			}
		}
	}
}

var newlineBytes = []byte{'\n'}

func closeVoters(socks []*voterSocket) {
	for _, s := range socks {
		if s != nil {
			s.conn.Close()
		}
	}
}

// castAllOverSockets has o.concurrency ballots in flight at a time, each
// sent as a poll.vote message on its voter's socket, until every voter has
// voted or o.duration has passed.
func (t *votesTarget) castAllOverSockets(ctx context.Context, poll int64, socks []*voterSocket, o votesOpts, lat *latencyHistogram) (ok, refused int64) {
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	var next atomic.Int64
	var okN, refusedN atomic.Int64
	answers := []string{"yes", "no", "abstain", "yes"}
	var wg sync.WaitGroup
	for range o.concurrency {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(socks) {
					return
				}
				msg := fmt.Sprintf(`{"type":"poll.vote","ref":"v","poll_id":%d,"answer":%q}`, poll, answers[i%len(answers)])
				began := time.Now()
				if socks[i].conn.WriteMessage(websocket.TextMessage, []byte(msg)) != nil {
					refusedN.Add(1)
					continue
				}
				select {
				case acked := <-socks[i].acks:
					if acked {
						lat.record(time.Since(began))
						okN.Add(1)
					} else {
						refusedN.Add(1)
					}
				case <-ctx.Done():
				}
			}
		})
	}
	wg.Wait()
	return okN.Load(), refusedN.Load()
}
