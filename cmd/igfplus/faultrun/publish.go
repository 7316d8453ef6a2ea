package faultrun

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// webhookReceiver is the body's side of the relay: a local server that
// answers 204 and remembers each delivery's webhook-id.
type webhookReceiver struct {
	srv *httptest.Server
	mu  sync.Mutex
	ids map[string]int // webhook-id → deliveries (a retry repeats the id)
}

func startWebhookReceiver() *webhookReceiver {
	w := &webhookReceiver{ids: map[string]int{}}
	w.srv = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		w.ids[r.Header.Get("webhook-id")]++
		w.mu.Unlock()
		rw.WriteHeader(http.StatusNoContent)
	}))
	return w
}

func (w *webhookReceiver) received(id string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ids[id] > 0
}

// faultPublisher has two members of the high-level body publish adopted
// recommendations during the run, through whichever node is alive.
type faultPublisher struct {
	cl      *faultCluster
	members [2]string // HLB members' access tokens
	pending []int64   // adopted recommendations not yet published
	acked   []int64   // publications the API confirmed
	tried   int
}

// prepare registers a body with an endpoint on the local receiver (private
// addresses allowed, as the Secretariat must say explicitly), signs two
// HLB members in, and adopts n recommendations to publish.
func (p *faultPublisher) prepare(ctx context.Context, hook string, n int) error {
	t := p.cl.site
	var body, endpoint struct {
		ID int64 `json:"id"`
	}
	if err := p.cl.api(ctx, t.ChairToken, http.MethodPost, "/api/bodies", map[string]any{"name": "Fault-run body", "kind": "other"}, &body); err != nil {
		return err
	}
	if err := p.cl.api(ctx, t.ChairToken, http.MethodPost, fmt.Sprintf("/api/bodies/%d/endpoints", body.ID),
		map[string]any{"url": hook, "allow_private": true}, &endpoint); err != nil {
		return err
	}
	if err := p.cl.api(ctx, t.ChairToken, http.MethodPost, fmt.Sprintf("/api/endpoints/%d/secrets", endpoint.ID), map[string]any{"kind": "hmac"}, nil); err != nil {
		return err
	}
	if err := p.signMembers(ctx); err != nil {
		return err
	}
	rows, err := t.DB.Pool.Query(ctx, `
		INSERT INTO recommendations (policy_issue_id, track_id, session_id, title, created_by, state, adopted_at)
		SELECT s.policy_issue_id, s.track_id, s.id, 'Fault-run recommendation ' || g, (SELECT min(id) FROM accounts), 'adopted', now()
		FROM sessions s, generate_series(1, $2) g WHERE s.id = $1 RETURNING id`, t.Session, n)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		p.pending = append(p.pending, id)
	}
	return rows.Err()
}

// signMembers mints access tokens for two demo accounts as HLB members.
func (p *faultPublisher) signMembers(ctx context.Context) error {
	rows, err := p.cl.site.DB.Pool.Query(ctx, `
		SELECT id, display_name, stakeholder_group, region, token_version FROM accounts
		WHERE email NOT LIKE '%@bench.example' ORDER BY id LIMIT 2`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for i := 0; rows.Next(); i++ {
		var who igfplus.Identity
		if err := rows.Scan(&who.AccountID, &who.Name, &who.StakeholderGroup, &who.Region, &who.TokenVersion); err != nil {
			return err
		}
		who.Roles = []igfplus.Role{igfplus.RoleParticipant, igfplus.RoleHLBMember}
		if p.members[i], err = p.cl.site.Issue(who); err != nil {
			return err
		}
	}
	return rows.Err()
}

// publishNext has both members approve the next recommendation; the
// second approval publishes. A publication counts as acknowledged only
// when the API says so; failures are retried for up to 20 s.
func (p *faultPublisher) publishNext(ctx context.Context) {
	if len(p.pending) == 0 {
		return
	}
	id := p.pending[0]
	p.pending = p.pending[1:]
	p.tried++
	path := fmt.Sprintf("/api/publications/%d/approvals", id)
	for i, tok := range p.members {
		deadline := time.Now().Add(20 * time.Second)
		for ctx.Err() == nil && time.Now().Before(deadline) {
			var out struct {
				Published bool `json:"published"`
			}
			err := p.cl.api(ctx, tok, http.MethodPost, path, nil, &out)
			if err == nil && i == 1 && out.Published {
				p.acked = append(p.acked, id)
			}
			if err == nil || strings.Contains(err.Error(), " 409 ") {
				break // done, or an earlier unanswered try was committed
			}
			sleepCtx(ctx, 300*time.Millisecond)
		}
	}
}

// api calls the REST API on a live node.
func (c *faultCluster) api(ctx context.Context, token, method, path string, in, out any) error {
	rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return rig.API(rctx, c.pick(-1), token, method, path, in, out)
}
